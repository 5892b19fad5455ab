package dev.weft.http;

import static dev.weft.Task.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.EventLoopGroup;
import dev.weft.Promise;
import dev.weft.Task;
import dev.weft.annotations.Async;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server against raw sockets: routing, bodies, streaming, keep-alive, pipelining, limits. */
class HttpServerTest {
  private EventLoopGroup group;
  private HttpServer server;
  private int port;
  /** Completed by a test to let {@code /wait} answer. */
  private final Promise<Void> release = Task.promise();
  private final AtomicInteger handled = new AtomicInteger();
  /** How many {@code /wait} requests have reached their handler. */
  private final AtomicInteger waiting = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    group = new EventLoopGroup(1);
    start(HttpServer.newBuilder());
  }

  private void start(HttpServer.Builder builder) throws IOException {
    if (server != null) {
      server.close();
    }
    server = builder.port(0).group(group).maxBodySize(1000).start(router());
    port = server.localAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.close();
    group.close();
  }

  private Router router() {
    return new Router()
        .get("/", r -> text("root"))
        .get("/items/{id}", r -> text("item " + r.pathParam("id")))
        .get("/static/*", r -> text("static " + r.path()))
        .post("/echo-length", r -> text("got " + r.bodyLength() + ": " + r.bodyText()))
        .get("/wait", r -> waitThenAnswer())
        .get("/fail", r -> {
          throw new IllegalStateException("handler bug");
        })
        .get("/stream", r -> Task.completed(HttpResponse.streaming(200,
            HttpHeaders.of("Content-Type", "text/plain"), HttpServerTest::ticks)))
        .get("/stream-sized", r -> Task.completed(HttpResponse.streaming(200,
            HttpHeaders.of("Content-Length", "6"), out -> out.write("abcdef"))));
  }

  private Task<HttpResponse> text(String s) {
    handled.incrementAndGet();
    return Task.completed(HttpResponse.text(200, s));
  }

  @Async
  private Task<HttpResponse> waitThenAnswer() {
    waiting.incrementAndGet();
    await(release);
    return Task.completed(HttpResponse.text(200, "waited"));
  }

  /** Three pieces, each after an await of a timer. */
  @Async
  static Task<Void> ticks(BodyWriter out) {
    for (int i = 0; i < 3; i++) {
      await(Task.sleep(Duration.ofMillis(1)));
      await(out.write("tick" + i + "\n"));
    }
    return Task.completed(null);
  }

  private static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  }

  @Test
  void routesExactParamAndPrefixPaths() throws IOException {
    assertTrue(Raw.exchange(port, get("/")).endsWith("\r\n\r\nroot"));
    assertTrue(Raw.exchange(port, get("/items/42")).endsWith("\r\n\r\nitem 42"));
    assertTrue(Raw.exchange(port, get("/static/css/a.css?v=1")).endsWith("static /static/css/a.css"));
  }

  @Test
  void unknownPathIs404AndWrongMethodIs405WithAllow() throws IOException {
    String missing = Raw.exchange(port, get("/nope"));
    assertTrue(missing.startsWith("HTTP/1.1 404 Not Found\r\n"), missing);
    String wrong = Raw.exchange(port,
        "DELETE /items/1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertTrue(wrong.startsWith("HTTP/1.1 405 Method Not Allowed\r\n"), wrong);
    assertTrue(wrong.contains("\r\nAllow: GET, HEAD\r\n"), wrong);
  }

  @Test
  void headIsAnsweredByTheGetRouteWithoutABody() throws IOException {
    String answer = Raw.exchange(port, "HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n"), answer);
    assertTrue(answer.endsWith("\r\n\r\n"), answer);
  }

  @Test
  void contentLengthBodyArrivingInPieces() throws Exception {
    try (Raw raw = new Raw(port)) {
      raw.send("POST /echo-length HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello");
      Thread.sleep(20); // the rest comes in a later read
      raw.send(" world");
      assertTrue(raw.readResponse().endsWith("got 11: hello world"));
    }
  }

  @Test
  void chunkedBodyWithExtensionsAndTrailers() throws Exception {
    try (Raw raw = new Raw(port)) {
      raw.send("POST /echo-length HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "5;ext=1\r\nhello\r\n");
      Thread.sleep(20);
      raw.send("6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n");
      assertTrue(raw.readResponse().endsWith("got 11: hello world"));
    }
  }

  @Test
  void expectContinueGets100BeforeTheBody() throws IOException {
    try (Raw raw = new Raw(port)) {
      raw.send("POST /echo-length HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
          + "Expect: 100-continue\r\n\r\n");
      assertEquals("HTTP/1.1 100 Continue\r\n\r\n", raw.readResponse());
      raw.send("abc");
      assertTrue(raw.readResponse().endsWith("got 3: abc"));
    }
  }

  @Test
  void bodyOverTheLimitIs413ForBothFramings() throws IOException {
    String declared = Raw.exchange(port,
        "POST /echo-length HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n");
    assertTrue(declared.startsWith("HTTP/1.1 413 Content Too Large\r\n"), declared);
    String chunked = Raw.exchange(port, "POST /echo-length HTTP/1.1\r\nHost: x\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n200\r\n" + "a".repeat(512) + "\r\n400\r\n");
    assertTrue(chunked.startsWith("HTTP/1.1 413 Content Too Large\r\n"), chunked);
    assertTrue(chunked.contains("Connection: close\r\n"), chunked);
  }

  @Test
  void oversizeHeadAndTooManyFieldsAre431() throws IOException {
    String big = Raw.exchange(port, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: "
        + "b".repeat(9000) + "\r\n\r\n");
    assertTrue(big.startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n"), big);
    StringBuilder many = new StringBuilder("GET / HTTP/1.1\r\nHost: x\r\n");
    for (int i = 0; i < 101; i++) {
      many.append("X-").append(i).append(": v\r\n");
    }
    String answer = Raw.exchange(port, many.append("\r\n").toString());
    assertTrue(answer.startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n"), answer);
  }

  @Test
  void malformedRequestsAre400WithoutEcho() throws IOException {
    String[] requests = {
        "GET /zqx HTTP/1.1 extra\r\nHost: x\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nBad Name: zqx\r\n\r\n",
        "POST /echo-length HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzqx\r\n",
        "POST /echo-length HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "3\r\nabcXX",
    };
    for (String request : requests) {
      String answer = Raw.exchange(port, request);
      assertTrue(answer.startsWith("HTTP/1.1 400 Bad Request\r\n"), request + " -> " + answer);
      assertFalse(answer.contains("zqx"), answer);
    }
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrderBehindASlowOne() throws Exception {
    try (Raw raw = new Raw(port)) {
      raw.send("GET /wait HTTP/1.1\r\nHost: x\r\n\r\nGET /items/2 HTTP/1.1\r\nHost: x\r\n\r\n"
          + "POST /echo-length HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nok"
          + "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      Thread.sleep(50);
      assertEquals(0, handled.get(), "requests behind /wait are not answered before it");
      release.complete(null);
      String all = raw.readAll();
      int waited = all.indexOf("waited");
      int item = all.indexOf("item 2");
      int echo = all.indexOf("got 2: ok");
      int root = all.indexOf("root");
      assertTrue(waited > 0 && waited < item && item < echo && echo < root, all);
    }
  }

  @Test
  void keepAliveHttp10AndConnectionClose() throws IOException {
    try (Raw raw = new Raw(port)) {
      raw.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
      assertTrue(raw.readResponse().endsWith("root"));
      raw.send("GET /items/3 HTTP/1.1\r\nHost: x\r\n\r\n");
      assertTrue(raw.readResponse().endsWith("item 3"), "the connection stayed open");
    }
    String http10 = Raw.exchange(port, "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
        + "GET / HTTP/1.0\r\n\r\nGET / HTTP/1.0\r\n\r\n");
    assertTrue(http10.contains("Connection: keep-alive\r\n"), http10);
    assertEquals(2, http10.split("HTTP/1.1 200").length - 1, http10);
  }

  @Test
  void streamedResponseIsChunkedAcrossAwaits() throws IOException {
    try (Raw raw = new Raw(port)) {
      raw.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
      String answer = raw.readResponse();
      assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"), answer);
      assertTrue(answer.endsWith("\r\n\r\n6\r\ntick0\n\r\n6\r\ntick1\n\r\n6\r\ntick2\n\r\n0\r\n\r\n"),
          answer);
      raw.send(get("/stream-sized"));
      String sized = raw.readAll();
      assertTrue(sized.startsWith("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n"), sized);
      assertTrue(sized.endsWith("\r\n\r\nabcdef"), sized);
    }
  }

  @Test
  void streamedResponseToHttp10EndsWithTheConnection() throws IOException {
    String answer = Raw.exchange(port, "GET /stream HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    assertTrue(answer.contains("Connection: close\r\n"), answer);
    assertFalse(answer.contains("chunked"), answer);
    assertTrue(answer.endsWith("\r\n\r\ntick0\ntick1\ntick2\n"), answer);
  }

  @Test
  void failingHandlerIs500() throws IOException {
    String answer = Raw.exchange(port, get("/fail"));
    assertTrue(answer.startsWith("HTTP/1.1 500 Internal Server Error\r\n"), answer);
    assertFalse(answer.contains("handler bug"), answer);
  }

  @Test
  void slowHeadIs408AndIdleConnectionClosesSilently() throws Exception {
    start(HttpServer.newBuilder().headerTimeout(Duration.ofMillis(100))
        .idleTimeout(Duration.ofMillis(100)));
    try (Raw slow = new Raw(port)) {
      slow.send("GET / HTTP/1.1\r\nHost: x\r\n");
      String answer = slow.readAll();
      assertTrue(answer.startsWith("HTTP/1.1 408 Request Timeout\r\n"), answer);
    }
    try (Raw idle = new Raw(port)) {
      idle.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
      assertTrue(idle.readResponse().endsWith("root"));
      assertEquals("", idle.readAll(), "closed without a word");
    }
  }

  @Test
  void stalledBodyIs408() throws Exception {
    start(HttpServer.newBuilder().idleTimeout(Duration.ofMillis(100)));
    try (Raw raw = new Raw(port)) {
      raw.send("POST /echo-length HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
      String answer = raw.readAll();
      assertTrue(answer.startsWith("HTTP/1.1 408 Request Timeout\r\n"), answer);
    }
  }

  @Test
  void gracefulStopClosesIdleConnectionsAndFinishesRequestsUnderWay() throws Exception {
    try (Raw idle = new Raw(port); Raw busy = new Raw(port); Raw fresh = new Raw(port)) {
      idle.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
      assertTrue(idle.readResponse().endsWith("root"));
      busy.send("GET /wait HTTP/1.1\r\nHost: x\r\n\r\n");
      while (server.connectionCount() < 3 || waiting.get() == 0) {
        Thread.sleep(1); // the busy request is under way, the fresh connection open
      }
      Task<Void> stopped = server.closeGracefully(Duration.ofSeconds(10));
      assertEquals("", idle.readAll(), "the idle connection is closed at once");
      assertEquals("", fresh.readAll(), "so is one that has sent nothing yet");
      assertFalse(stopped.isDone());
      release.complete(null);
      String answer = busy.readAll();
      assertTrue(answer.contains("Connection: close\r\n"), answer);
      assertTrue(answer.endsWith("waited"), answer);
      stopped.join();
    }
  }
}
