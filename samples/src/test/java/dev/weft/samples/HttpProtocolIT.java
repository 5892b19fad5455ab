package dev.weft.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP sample against requests a hostile or old client sends, with a raw socket: framing
 * conflicts, transfer codings, Host rules, bare-LF line ends, error bodies, HTTP/1.0 keep-alive,
 * the bound address, and the header and keep-alive idle timeouts.
 */
class HttpProtocolIT {
  private static final Pattern ADDRESS = Pattern.compile("http://([^/]+):(\\d+)/");
  private static final String HELLO = "HTTP/1.1 200 OK\r\nContent-Length: 13\r\n"
      + "Content-Type: text/plain\r\n\r\nHello, World!";
  private static SampleProcess server;
  private static int port;

  @BeforeAll
  static void startServer() throws Exception {
    server = SampleProcess.start("http", "--port", "0", "--loops", "1");
    port = port(server.awaitLine("http: listening", 30));
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private static int port(String line) {
    Matcher m = ADDRESS.matcher(line);
    assertTrue(m.find(), line);
    return Integer.parseInt(m.group(2));
  }

  @Test
  void contentLengthWithTransferEncodingIs400AndCloses() throws Exception {
    String answer = exchange(port, "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
    assertTrue(answer.startsWith("HTTP/1.1 400 Bad Request\r\n"), answer);
    assertTrue(answer.contains("Connection: close\r\n"), answer);
  }

  @Test
  void unsupportedTransferCodingIs501() throws Exception {
    String answer = exchange(port, "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n");
    assertTrue(answer.startsWith("HTTP/1.1 501 Not Implemented\r\n"), answer);
  }

  @Test
  void http11WithoutHostIs400() throws Exception {
    String answer = exchange(port, "GET / HTTP/1.1\r\n\r\n");
    assertTrue(answer.startsWith("HTTP/1.1 400 Bad Request\r\n"), answer);
  }

  @Test
  void http11WithTwoHostsIs400() throws Exception {
    String answer = exchange(port, "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
    assertTrue(answer.startsWith("HTTP/1.1 400 Bad Request\r\n"), answer);
  }

  @Test
  void bareLineFeedsEndLinesAndTheHead() throws Exception {
    String answer = exchange(port,
        "GET / HTTP/1.1\nHost: x\n\nGET /sleep?ms=1 HTTP/1.1\r\nHost: x\nConnection: close\r\n\n");
    assertEquals(HELLO + "HTTP/1.1 200 OK\r\nContent-Length: 13\r\nContent-Type: text/plain\r\n"
        + "Connection: close\r\n\r\nHello, World!", answer);
  }

  @Test
  void errorBodiesDoNotEchoTheRequest() throws Exception {
    String marker = "<script>zq" + "x</script>";
    String[] requests = {
        "GET /" + marker + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", // 404
        "GET /sleep?ms=" + marker + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", // 400
        "GET /" + marker + " HTTP/7\r\nHost: x\r\n\r\n", // malformed request line
        "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: " + marker + "\r\n\r\n"};
    for (String request : requests) {
      String answer = exchange(port, request);
      assertTrue(answer.startsWith("HTTP/1.1 4"), answer);
      assertFalse(answer.contains("zqx"), answer);
    }
  }

  @Test
  void http10KeepAliveIsAnsweredKeepAliveAndPlainHttp10Closes() throws Exception {
    String answer = exchange(port, "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
        + "GET / HTTP/1.0\r\n\r\nGET / HTTP/1.0\r\n\r\n");
    assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 13\r\nContent-Type: text/plain\r\n"
        + "Connection: keep-alive\r\n\r\nHello, World!"
        + "HTTP/1.1 200 OK\r\nContent-Length: 13\r\nContent-Type: text/plain\r\n"
        + "Connection: close\r\n\r\nHello, World!", answer);
  }

  @Test
  void bindsLoopbackByDefaultAndPrintsTheBoundAddress() throws Exception {
    String line = server.output().lines().filter(l -> l.startsWith("http: listening"))
        .findFirst().orElseThrow();
    assertTrue(line.startsWith("http: listening on http://127.0.0.1:" + port + "/"), line);
    // every 127/8 address reaches the loopback interface: only a wildcard bind answers here
    assertThrows(ConnectException.class,
        () -> exchange("127.0.0.2", port, "GET / HTTP/1.0\r\n\r\n"));
  }

  @Test
  void hostOptionBindsThatAddressOnly() throws Exception {
    try (SampleProcess other = SampleProcess.start("http", "--host", "127.0.0.2", "--port", "0",
        "--loops", "1")) {
      String line = other.awaitLine("http: listening", 30);
      assertTrue(line.startsWith("http: listening on http://127.0.0.2:"), line);
      int otherPort = port(line);
      assertEquals(HELLO.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n"),
          exchange("127.0.0.2", otherPort, "GET / HTTP/1.0\r\n\r\n"));
      assertThrows(ConnectException.class,
          () -> exchange("127.0.0.1", otherPort, "GET / HTTP/1.0\r\n\r\n"));
    }
  }

  @Test
  void slowClientsGet408WhileOthersAreServed() throws Exception {
    try (SampleProcess slow = SampleProcess.start("http", "--port", "0", "--loops", "1",
        "--header-timeout-ms", "500")) {
      int slowPort = port(slow.awaitLine("http: listening", 30));
      List<Socket> loris = new ArrayList<>();
      try {
        for (int i = 0; i < 200; i++) {
          Socket s = connect("127.0.0.1", slowPort);
          // half of them never send a byte, half send part of a head and then nothing
          if (i % 2 == 1) {
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nX-A: b"
                .getBytes(StandardCharsets.US_ASCII));
          }
          loris.add(s);
        }
        int served = 0;
        try (Socket normal = connect("127.0.0.1", slowPort)) {
          for (Socket s : loris) {
            normal.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
            assertEquals(HELLO, readExactly(normal.getInputStream(), HELLO.length()));
            served++;
            String answer = new String(s.getInputStream().readAllBytes(),
                StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 408 Request Timeout\r\n"), answer);
            assertTrue(answer.contains("Connection: close\r\n"), answer);
          }
        }
        assertEquals(200, served);
      } finally {
        for (Socket s : loris) {
          s.close();
        }
      }
    }
  }

  @Test
  void idleKeepAliveConnectionIsClosedSilently() throws Exception {
    try (SampleProcess idle = SampleProcess.start("http", "--port", "0", "--loops", "1",
        "--idle-timeout-ms", "300");
        Socket s = connect("127.0.0.1", port(idle.awaitLine("http: listening", 30)))) {
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      assertEquals(HELLO, readExactly(s.getInputStream(), HELLO.length()));
      assertEquals(-1, s.getInputStream().read(), "nothing is sent, the connection closes");
    }
  }

  @Test
  void headerTimeoutStartsAtTheFirstByteOfAHeadAfterAnIdleWait() throws Exception {
    // the idle wait is far longer than the test's socket timeout: only the header timeout,
    // started by the partial head, can end this connection in time
    try (SampleProcess slow = SampleProcess.start("http", "--port", "0", "--loops", "1",
        "--header-timeout-ms", "300", "--idle-timeout-ms", "600000");
        Socket s = connect("127.0.0.1", port(slow.awaitLine("http: listening", 30)))) {
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      assertEquals(HELLO, readExactly(s.getInputStream(), HELLO.length()));
      Thread.sleep(400); // idle for longer than the header timeout: that alone must not end it
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HT"
          .getBytes(StandardCharsets.US_ASCII));
      String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertTrue(answer.startsWith(HELLO + "HTTP/1.1 408 Request Timeout\r\n"), answer);
    }
  }

  private static Socket connect(String host, int port) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(host, port), 5000);
    s.setSoTimeout(30_000);
    return s;
  }

  private static String exchange(int port, String request) throws IOException {
    return exchange("127.0.0.1", port, request);
  }

  /** Sends {@code request} and reads until the server closes. */
  private static String exchange(String host, int port, String request) throws IOException {
    try (Socket s = connect(host, port)) {
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private static String readExactly(InputStream in, int n) throws IOException {
    return new String(in.readNBytes(n), StandardCharsets.ISO_8859_1);
  }
}
