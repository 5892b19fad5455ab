package dev.weft.http;

import static dev.weft.Task.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.EventLoopGroup;
import dev.weft.Promise;
import dev.weft.Task;
import dev.weft.annotations.Async;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against the server: bodies both ways, the pool, timeouts, stale connections. */
class HttpClientTest {
  private EventLoopGroup group;
  private HttpServer server;
  private String base;
  private HttpClient client;
  /** The client port of every request the server saw. */
  private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final Promise<Void> never = Task.promise();

  @BeforeEach
  void start() throws IOException {
    group = new EventLoopGroup(2);
    start(HttpServer.newBuilder());
    client = HttpClient.newBuilder().maxConnectionsPerHost(2).build();
  }

  private void start(HttpServer.Builder builder) throws IOException {
    if (server != null) {
      server.close();
    }
    server = builder.port(0).group(group).start(new Router()
        .get("/hello", r -> seen(r, HttpResponse.text(200, "hello")))
        .post("/echo", r -> seen(r, HttpResponse.of(201,
            HttpHeaders.of("Content-Type", "application/octet-stream"), r.body())))
        .get("/chunks", r -> seen(r, HttpResponse.streaming(200, HttpHeaders.of(),
            out -> pieces(out))))
        .get("/slow", r -> slow(r))
        .get("/never", r -> never.thenApply(v -> HttpResponse.empty(204))));
    base = "http://127.0.0.1:" + server.localAddress().getPort();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
    group.close();
  }

  private Task<HttpResponse> seen(HttpRequest r, HttpResponse response) {
    clientPorts.add(r.remoteAddress().getPort());
    return Task.completed(response);
  }

  @Async
  private Task<HttpResponse> slow(HttpRequest r) {
    clientPorts.add(r.remoteAddress().getPort());
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try {
      await(Task.sleep(Duration.ofMillis(20)));
    } finally {
      inFlight.decrementAndGet();
    }
    return Task.completed(HttpResponse.text(200, "slow"));
  }

  @Async
  private static Task<Void> pieces(BodyWriter out) {
    for (int i = 0; i < 100; i++) {
      await(out.write("piece " + i + ";"));
    }
    return Task.completed(null);
  }

  @Test
  void getReturnsStatusHeadersAndBody() {
    HttpResponse hello = client.send(HttpRequest.get(base + "/hello")).join();
    assertEquals(200, hello.status());
    assertEquals("5", hello.headers().first("content-length"));
    assertEquals("hello", hello.bodyText());
  }

  @Test
  void postBodyRoundTripsAndChunkedResponsesAreDecoded() throws IOException {
    start(HttpServer.newBuilder().maxBodySize(200_000));
    byte[] bytes = new byte[100_000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    HttpResponse echo = client.send(HttpRequest.newBuilder("POST", base + "/echo")
        .body(bytes).build()).join();
    assertEquals(201, echo.status());
    assertArrayEquals(bytes, echo.body());
    HttpResponse chunks = client.send(HttpRequest.get(base + "/chunks")).join();
    assertEquals("chunked", chunks.headers().first("Transfer-Encoding"));
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      expected.append("piece ").append(i).append(';');
    }
    assertEquals(expected.toString(), chunks.bodyText());
  }

  @Test
  void sequentialRequestsReuseOneConnection() {
    for (int i = 0; i < 5; i++) {
      assertEquals("hello", client.send(HttpRequest.get(base + "/hello")).join().bodyText());
    }
    assertEquals(1, clientPorts.size(), "all five on one connection: " + clientPorts);
    assertArrayEquals(new long[] {1, 1}, client.connectionCounts("127.0.0.1",
        server.localAddress().getPort()));
  }

  @Test
  void concurrentRequestsStayWithinMaxConnections() {
    List<Task<HttpResponse>> all = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      all.add(client.send(HttpRequest.get(base + "/slow")));
    }
    for (Task<HttpResponse> t : all) {
      assertEquals("slow", t.join().bodyText());
    }
    assertEquals(2, clientPorts.size(), "two connections, reused: " + clientPorts);
    assertEquals(2, maxInFlight.get());
  }

  @Test
  void readTimeoutFailsTheSendAndClosesTheConnection() {
    HttpClient impatient = HttpClient.newBuilder().readTimeout(Duration.ofMillis(50)).build();
    CompletionException e = assertThrows(CompletionException.class,
        () -> impatient.send(HttpRequest.get(base + "/never")).join());
    assertInstanceOf(TimeoutException.class, e.getCause());
    assertEquals(0, impatient.connectionCounts("127.0.0.1", server.localAddress().getPort())[0]);
    impatient.close();
  }

  @Test
  void requestTimeoutCoversTheWholeSend() {
    HttpClient impatient = HttpClient.newBuilder().readTimeout(Duration.ZERO)
        .requestTimeout(Duration.ofMillis(50)).build();
    CompletionException e = assertThrows(CompletionException.class,
        () -> impatient.send(HttpRequest.get(base + "/never")).join());
    assertInstanceOf(TimeoutException.class, e.getCause());
    impatient.close();
  }

  @Test
  void connectTimeoutFailsTheSend() {
    HttpClient impatient = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(50))
        .connector((host, port, loop) -> Task.promise()).build(); // a connect that never ends
    CompletionException e = assertThrows(CompletionException.class,
        () -> impatient.send(HttpRequest.get(base + "/hello")).join());
    assertInstanceOf(TimeoutException.class, e.getCause());
    impatient.close();
  }

  @Test
  void connectionClosedByTheServerWhileIdleIsReplaced() throws Exception {
    start(HttpServer.newBuilder().idleTimeout(Duration.ofMillis(50)));
    assertEquals("hello", client.send(HttpRequest.get(base + "/hello")).join().bodyText());
    while (server.connectionCount() > 0) {
      Thread.sleep(5); // the server closed it: the pool does not know yet
    }
    assertEquals("hello", client.send(HttpRequest.get(base + "/hello")).join().bodyText());
    assertEquals(2, clientPorts.size());
  }

  @Test
  void refusedConnectionFailsWithIoException() throws IOException {
    int port = server.localAddress().getPort();
    server.close();
    CompletionException e = assertThrows(CompletionException.class,
        () -> client.send(HttpRequest.get("http://127.0.0.1:" + port + "/hello")).join());
    assertInstanceOf(IOException.class, e.getCause());
  }

  @Test
  void bodyDelimitedByCloseAndHeadWithoutBodyAreRead() throws Exception {
    try (java.net.ServerSocket old = new java.net.ServerSocket(0, 5,
        java.net.InetAddress.getLoopbackAddress())) {
      Thread peer = new Thread(() -> {
        for (String answer : new String[] {"HTTP/1.0 200 OK\r\nX-Old: yes\r\n\r\nuntil close",
            "HTTP/1.1 200 OK\r\nContent-Length: 99\r\nConnection: close\r\n\r\n"}) {
          try (java.net.Socket s = old.accept()) {
            s.getInputStream().read(new byte[4096]);
            s.getOutputStream().write(answer.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
      });
      peer.start();
      String url = "http://127.0.0.1:" + old.getLocalPort() + "/";
      HttpResponse r = client.send(HttpRequest.get(url)).join();
      assertEquals("until close", r.bodyText());
      assertEquals("yes", r.headers().first("x-old"));
      HttpResponse head = client.send(HttpRequest.newBuilder("HEAD", url).build()).join();
      assertEquals("", head.bodyText());
      assertEquals("99", head.headers().first("Content-Length"));
      peer.join();
    }
  }

  @Test
  void oneConnectionCarriesSequentialExchanges() throws Exception {
    HttpClientConnection c = HttpClientConnection.open("127.0.0.1",
        server.localAddress().getPort()).join();
    for (int i = 0; i < 3; i++) {
      assertEquals("hello", c.send(HttpRequest.get(base + "/hello")).join().bodyText());
      assertTrue(c.isReusable());
    }
    assertEquals(3, c.exchanges());
    c.close();
    assertEquals(1, clientPorts.size());
  }
}
