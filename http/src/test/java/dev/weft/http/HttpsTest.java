package dev.weft.http;

import static dev.weft.Task.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.EventLoopGroup;
import dev.weft.Task;
import dev.weft.annotations.Async;
import dev.weft.net.TlsConfig;
import dev.weft.net.TlsConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server and the client over TLS: round trips, the pool, failed handshakes, timeouts. */
class HttpsTest {
  private static TestCertificates certificates;
  private static SSLContext serverContext;
  private static SSLContext trusting;
  /** Strong references, so that the levels set on them stay. */
  private static final Logger WEFT = Logger.getLogger("dev.weft");
  private static final Logger SERVER_LOG = Logger.getLogger(HttpServer.class.getName());

  private EventLoopGroup group;
  private HttpServer server;
  private String base;
  private HttpClient client;
  private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
  private final AtomicInteger hits = new AtomicInteger();
  private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  private final Handler collector = new Handler() {
    @Override
    public void publish(LogRecord record) {
      logged.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeAll
  static void certificates() throws Exception {
    certificates = TestCertificates.selfSigned();
    serverContext = certificates.serverContext();
    trusting = certificates.clientContext();
  }

  @BeforeEach
  void start() throws IOException {
    WEFT.addHandler(collector);
    SERVER_LOG.setLevel(Level.FINE);
    group = new EventLoopGroup(2);
    start(HttpServer.newBuilder());
    client = HttpClient.newBuilder().tls(TlsConfig.of(trusting)).build();
  }

  private void start(HttpServer.Builder builder) throws IOException {
    if (server != null) {
      server.close();
    }
    server = builder.port(0).group(group).tls(TlsConfig.of(serverContext)).maxBodySize(2 << 20)
        .start(new Router()
            .get("/hello", r -> seen(r, HttpResponse.text(200, "hello")))
            .post("/echo", r -> seen(r, HttpResponse.of(200, HttpHeaders.of(), r.body())))
            .post("/count", r -> seen(r, HttpResponse.text(200, r.bodyLength() + " bytes, chunked="
                + r.headers().contains("Transfer-Encoding"))))
            .get("/stream", r -> seen(r, HttpResponse.streaming(200, HttpHeaders.of(),
                HttpServerTest::ticks))));
    base = "https://localhost:" + port();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
    group.close();
    WEFT.removeHandler(collector);
    SERVER_LOG.setLevel(null);
  }

  private int port() {
    return server.localAddress().getPort();
  }

  private Task<HttpResponse> seen(HttpRequest r, HttpResponse response) {
    hits.incrementAndGet();
    clientPorts.add(r.remoteAddress().getPort());
    return Task.completed(response);
  }

  @Test
  void keptAliveRequestsShareOneTlsConnection() {
    for (int i = 0; i < 3; i++) {
      assertEquals("hello", client.send(HttpRequest.get(base + "/hello")).join().bodyText());
    }
    assertEquals(1, clientPorts.size(), "all three on one connection: " + clientPorts);
    assertArrayEquals(new long[] {1, 1}, client.connectionCounts("localhost", port()));
  }

  @Test
  void bodiesBothWaysAndAChunkedStreamedResponse() {
    byte[] bytes = new byte[1 << 20];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 31);
    }
    HttpResponse echo = client.send(HttpRequest.newBuilder("POST", base + "/echo")
        .body(bytes).build()).join();
    assertArrayEquals(bytes, echo.body());
    HttpResponse stream = client.send(HttpRequest.get(base + "/stream")).join();
    assertEquals("chunked", stream.headers().first("Transfer-Encoding"));
    assertEquals("tick0\ntick1\ntick2\n", stream.bodyText());
    assertEquals(1, clientPorts.size(), "both on one connection: " + clientPorts);
  }

  @Test
  void chunkedRequestBodyOverTls() throws Exception {
    try (Raw raw = Raw.tls(port(), trusting)) {
      raw.send("POST /count HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
      assertTrue(raw.readResponse().endsWith("11 bytes, chunked=true"));
    }
  }

  @Test
  void alpnNegotiatesHttp11() throws Exception {
    TlsConnection c = TlsConnection.connect(new InetSocketAddress("localhost", port()),
        TlsConfig.of(trusting).withApplicationProtocols("h2", "http/1.1")).join();
    try {
      assertEquals("http/1.1", c.applicationProtocol());
      assertEquals("localhost", c.serverName());
    } finally {
      c.close();
    }
  }

  @Test
  void untrustedCertificateFailsTheSendAndNeverReachesTheRouter() {
    HttpClient defaults = HttpClient.create(); // the JDK's trusted certificates only
    try {
      CompletionException e = assertThrows(CompletionException.class,
          () -> defaults.send(HttpRequest.get(base + "/hello")).join());
      assertInstanceOf(SSLException.class, e.getCause());
    } finally {
      defaults.close();
    }
    assertEquals(0, hits.get());
  }

  @Test
  void certificateNotNamingTheHostFailsTheSend() throws Exception {
    TestCertificates other = TestCertificates.selfSigned("elsewhere.test");
    HttpClient trustsOther = HttpClient.newBuilder().tls(TlsConfig.of(other.clientContext()))
        .build();
    server.close();
    server = HttpServer.newBuilder().port(0).group(group)
        .tls(TlsConfig.of(other.serverContext()))
        .start(new Router().get("/hello", r -> seen(r, HttpResponse.text(200, "hello"))));
    try {
      CompletionException e = assertThrows(CompletionException.class,
          () -> trustsOther.send(HttpRequest.get("https://localhost:" + port() + "/hello"))
              .join());
      assertInstanceOf(SSLException.class, e.getCause());
    } finally {
      trustsOther.close();
    }
    assertEquals(0, hits.get());
  }

  @Test
  void plainHttpToTheTlsPortIsRejected() throws Exception {
    String answer = Raw.exchange(port(), "GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assertFalse(answer.startsWith("HTTP/"), answer);
    HttpClient plain = HttpClient.create();
    try {
      CompletionException e = assertThrows(CompletionException.class,
          () -> plain.send(HttpRequest.get("http://localhost:" + port() + "/hello")).join());
      assertInstanceOf(IOException.class, e.getCause());
    } finally {
      plain.close();
    }
    assertEquals(0, hits.get());
    assertQuietlyLogged();
  }

  @Test
  void handshakeNeverStartedEndsAtTheHeaderTimeout() throws Exception {
    start(HttpServer.newBuilder().headerTimeout(Duration.ofMillis(100)));
    try (Raw raw = new Raw(port())) {
      assertEquals("", raw.readAll()); // closed by the server, without a word
    }
    assertQuietlyLogged();
  }

  @Test
  void headerTimeoutAfterTheHandshakeAnswers408() throws Exception {
    // The header timeout runs from the accept, so it also bounds the handshake: 1 s, not 100 ms,
    // so that a first handshake slowed by class loading on a busy machine still completes.
    start(HttpServer.newBuilder().headerTimeout(Duration.ofSeconds(1)));
    try (Raw raw = Raw.tls(port(), trusting)) {
      raw.send("GET /hello HTTP/1.1\r\n");
      assertTrue(raw.readAll().startsWith("HTTP/1.1 408 "));
    }
  }

  @Test
  void bodyDelimitedByTheCloseEndsWithCloseNotify() throws Exception {
    String body = readUntilClose(port(), trusting).join();
    assertTrue(body.startsWith("HTTP/1.1 200 "), body);
    assertTrue(body.endsWith("\r\n\r\ntick0\ntick1\ntick2\n"), body);
  }

  /** An HTTP/1.0 request for the stream, read until -1 (after the server's close_notify). */
  @Async
  private static Task<String> readUntilClose(int port, SSLContext context) throws IOException {
    TlsConnection c = await(TlsConnection.connect(new InetSocketAddress("localhost", port),
        TlsConfig.of(context)));
    try {
      await(c.write(ByteBuffer.wrap("GET /stream HTTP/1.0\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII))));
      StringBuilder text = new StringBuilder();
      ByteBuffer buffer = ByteBuffer.allocate(4096);
      while (await(c.read(buffer.clear()), IOException.class) >= 0) {
        text.append(StandardCharsets.ISO_8859_1.decode(buffer.flip()));
      }
      return Task.completed(text.toString());
    } finally {
      c.close();
    }
  }

  @Test
  void idleTlsConnectionClosedByTheServerIsReplaced() throws Exception {
    start(HttpServer.newBuilder().idleTimeout(Duration.ofMillis(50)));
    assertEquals("hello", client.send(HttpRequest.get(base + "/hello")).join().bodyText());
    while (server.connectionCount() > 0) {
      Thread.sleep(5); // the server closed it: the pool does not know yet
    }
    assertEquals("hello", client.send(HttpRequest.get(base + "/hello")).join().bodyText());
    assertEquals(2, clientPorts.size());
  }

  /** A failed handshake was logged by the server at DEBUG, and nothing at WARNING or above. */
  private void assertQuietlyLogged() throws InterruptedException {
    for (int i = 0; i < 2000 && logged.stream()
        .noneMatch(r -> r.getLoggerName().equals(HttpServer.class.getName())); i++) {
      Thread.sleep(5); // the server may log after the client saw the close
    }
    for (LogRecord r : logged) {
      assertTrue(r.getLevel().intValue() < Level.WARNING.intValue(),
          () -> r.getLoggerName() + " " + r.getLevel() + ": " + r.getMessage());
    }
    LogRecord record = logged.stream()
        .filter(r -> r.getLoggerName().equals(HttpServer.class.getName())).findFirst()
        .orElseThrow(() -> new AssertionError("nothing logged by HttpServer: " + logged));
    assertEquals(Level.FINE, record.getLevel());
    assertTrue(record.getMessage().contains("no transport"), record.getMessage());
  }
}
