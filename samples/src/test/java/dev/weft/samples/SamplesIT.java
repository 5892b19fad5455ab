package dev.weft.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The samples as a user starts them, each in its own JVM from {@code weft-samples.jar}: the HTTP
 * server loaded by the fetch client from a separate process with 10,000 connections open at once,
 * every response checked; the echo server; and a raw pipelined request against the HTTP server.
 */
class SamplesIT {
  private static final Pattern PORT = Pattern.compile("127\\.0\\.0\\.1:(\\d+)");

  private static int port(String line) {
    Matcher m = PORT.matcher(line);
    assertTrue(m.find(), line);
    return Integer.parseInt(m.group(1));
  }

  @Test
  void httpServerHoldsTenThousandConnectionsFromAnotherProcess() throws Exception {
    try (SampleProcess server = SampleProcess.start("http", "--port", "0", "--loops", "2")) {
      int port = port(server.awaitLine("http: listening", 30));
      try (SampleProcess client = SampleProcess.start("fetch", "--port", String.valueOf(port),
          "--connections", "10000", "--requests", "3", "--concurrency", "2000")) {
        String summary = client.awaitLine("fetch: ", 240);
        assertEquals(0, client.waitFor(60), client.output());
        assertTrue(summary.startsWith("fetch: 10,000 connections (10,000 open at once), 30,000"
            + " requests: 30,000 ok, 0 failed"), summary);
      }
    }
  }

  @Test
  void fetchOfSleepPathsWaitsWithoutBlockingTheServer() throws Exception {
    try (SampleProcess server = SampleProcess.start("http", "--port", "0", "--loops", "1")) {
      int port = port(server.awaitLine("http: listening", 30));
      try (SampleProcess client = SampleProcess.start("fetch", "--port", String.valueOf(port),
          "--connections", "200", "--requests", "2", "--path", "/sleep?ms=200")) {
        String summary = client.awaitLine("fetch: ", 60);
        assertEquals(0, client.waitFor(30), client.output());
        assertTrue(summary.contains("400 requests: 400 ok, 0 failed"), summary);
        long ms = Long.parseLong(summary.replaceAll(".* in ([\\d,]+) ms.*", "$1").replace(",", ""));
        // 200 connections x 2 sleeps of 200 ms on one loop thread: concurrent, so far below 80 s
        assertTrue(ms < 20_000, summary);
      }
    }
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrderAndCloseIsHonoured() throws Exception {
    try (SampleProcess server = SampleProcess.start("http", "--port", "0", "--loops", "1")) {
      int port = port(server.awaitLine("http: listening", 30));
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(10_000);
        OutputStream out = s.getOutputStream();
        out.write(("GET /sleep?ms=50 HTTP/1.1\r\nHost: x\r\n\r\n"
            + "GET / HTTP/1.1\r\nHost: x\r\n\r\n"
            + "GET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String all = new String(readAll(s.getInputStream()), StandardCharsets.US_ASCII);
        assertEquals(
            "HTTP/1.1 200 OK\r\nContent-Length: 13\r\nContent-Type: text/plain\r\n\r\n"
            + "Hello, World!"
            + "HTTP/1.1 200 OK\r\nContent-Length: 13\r\nContent-Type: text/plain\r\n\r\n"
            + "Hello, World!"
            + "HTTP/1.1 404 Not Found\r\nContent-Length: 13\r\nContent-Type: text/plain\r\n"
            + "Connection: close\r\n\r\nno such path\n",
            all);
      }
    }
  }

  @Test
  void headsSplitAcrossPacketsAreJoinedAndAnOverlongHeadIsAnswered431() throws Exception {
    try (SampleProcess server = SampleProcess.start("http", "--port", "0", "--loops", "1")) {
      int port = port(server.awaitLine("http: listening", 30));
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(10_000);
        s.setTcpNoDelay(true);
        OutputStream out = s.getOutputStream();
        String[] parts = {"GET / HT", "TP/1.1\r\nHost: x\r",
            "\n\r\nGET /sleep?ms=20 HTTP/1.1\r\nHost: x\r\n\r\nGET /a",
            "b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"};
        for (String part : parts) { // apart, so partial heads wait; the answer is the same if not
          out.write(part.getBytes(StandardCharsets.US_ASCII));
          out.flush();
          Thread.sleep(50);
        }
        String all = new String(readAll(s.getInputStream()), StandardCharsets.US_ASCII);
        String hello = "HTTP/1.1 200 OK\r\nContent-Length: 13\r\nContent-Type: text/plain\r\n\r\n"
            + "Hello, World!";
        assertEquals(hello + hello + "HTTP/1.1 404 Not Found\r\nContent-Length: 13\r\n"
            + "Content-Type: text/plain\r\nConnection: close\r\n\r\nno such path\n", all);
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(10_000);
        s.getOutputStream().write(("GET / HTTP/1.1\r\nX: " + "a".repeat(9000))
            .getBytes(StandardCharsets.US_ASCII));
        String all = new String(readAll(s.getInputStream()), StandardCharsets.US_ASCII);
        assertTrue(all.startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n"), all);
      }
    }
  }

  @Test
  void echoServerEchoesUntilHalfClose() throws Exception {
    try (SampleProcess server = SampleProcess.start("echo", "--port", "0", "--loops", "1")) {
      int port = port(server.awaitLine("echo: listening", 30));
      byte[] sent = new byte[1 << 20];
      for (int i = 0; i < sent.length; i++) {
        sent[i] = (byte) (i * 31 + (i >>> 8));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(10_000);
        Thread writer = new Thread(() -> {
          try {
            s.getOutputStream().write(sent);
            s.shutdownOutput();
          } catch (IOException e) {
            throw new RuntimeException(e);
          }
        });
        writer.start();
        byte[] got = readAll(s.getInputStream());
        writer.join();
        assertEquals(sent.length, got.length);
        assertTrue(java.util.Arrays.equals(sent, got), "echoed bytes differ");
      }
    }
  }

  @Test
  void unknownOptionIsAUsageError() throws Exception {
    try (SampleProcess p = SampleProcess.start("http", "--prot", "1")) {
      assertEquals(2, p.waitFor(30), p.output());
      assertTrue(p.output().contains("http: unknown argument '--prot'"), p.output());
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    return in.readAllBytes();
  }
}
