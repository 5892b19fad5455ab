package dev.weft.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.EventLoopGroup;
import dev.weft.Task;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server against a real peer, {@code curl}, when it is installed. */
class CurlTest {
  private static EventLoopGroup group;
  private static HttpServer server;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(onPath("curl"), "curl is not installed");
    group = new EventLoopGroup(1);
    server = HttpServer.newBuilder().port(0).group(group).start(new Router()
        .get("/hello", r -> Task.completed(HttpResponse.text(200, "hello curl")))
        .post("/count", r -> Task.completed(HttpResponse.text(200,
            r.bodyLength() + " bytes, chunked=" + r.headers().contains("Transfer-Encoding"))))
        .get("/stream", r -> Task.completed(HttpResponse.streaming(200, HttpHeaders.of(),
            HttpServerTest::ticks))));
    base = "http://127.0.0.1:" + server.localAddress().getPort();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
      group.close();
    }
  }

  static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  static String curl(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("curl", "--silent", "--show-error",
        "--http1.1", "--max-time", "20"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    assertEquals(0, p.exitValue(), () -> "curl " + command + ": " + out);
    return out;
  }

  @Test
  void getTwiceOnOneKeptAliveConnection() throws Exception {
    String out = curl("--verbose", base + "/hello", base + "/hello");
    assertEquals(2, out.split("hello curl", -1).length - 1, out);
    assertEquals(true, out.contains("Re-using existing connection"), out);
  }

  @Test
  void postWithAChunkedBodyFromAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("body.bin");
    byte[] bytes = new byte[200_000];
    java.util.Arrays.fill(bytes, (byte) 'x');
    Files.write(file, bytes);
    HttpServer big = HttpServer.newBuilder().port(0).group(group).maxBodySize(300_000)
        .start(new Router().post("/count", r -> Task.completed(HttpResponse.text(200,
            r.bodyLength() + " bytes, chunked=" + r.headers().contains("Transfer-Encoding")))));
    try {
      String out = curl("-H", "Transfer-Encoding: chunked", "--data-binary", "@" + file,
          "http://127.0.0.1:" + big.localAddress().getPort() + "/count");
      assertEquals("200000 bytes, chunked=true", out);
    } finally {
      big.close();
    }
  }

  @Test
  void streamedResponseIsReadByCurl() throws Exception {
    assertEquals("tick0\ntick1\ntick2\n", curl(base + "/stream"));
  }
}
