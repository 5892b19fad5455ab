package dev.weft.http;

import static dev.weft.http.CurlTest.curl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.EventLoopGroup;
import dev.weft.Task;
import dev.weft.net.TlsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTPS server against {@code curl} (OpenSSL underneath), when it is installed: curl trusts
 * the test's self-signed certificate through {@code --cacert} and checks that it names {@code
 * localhost}.
 */
class HttpsCurlTest {
  @TempDir static Path dir;
  private static EventLoopGroup group;
  private static HttpServer server;
  private static String base;
  private static Path pem;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(CurlTest.onPath("curl"), "curl is not installed");
    TestCertificates certificates = TestCertificates.selfSigned();
    pem = certificates.writePem(dir.resolve("localhost.pem"));
    group = new EventLoopGroup(1);
    server = HttpServer.newBuilder().port(0).group(group).maxBodySize(300_000)
        .tls(TlsConfig.of(certificates.serverContext()))
        .start(new Router()
            .get("/hello", r -> Task.completed(HttpResponse.text(200, "hello curl")))
            .post("/count", r -> Task.completed(HttpResponse.text(200,
                r.bodyLength() + " bytes, chunked=" + r.headers().contains("Transfer-Encoding"))))
            .get("/stream", r -> Task.completed(HttpResponse.streaming(200, HttpHeaders.of(),
                HttpServerTest::ticks))));
    base = "https://localhost:" + server.localAddress().getPort();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
      group.close();
    }
  }

  @Test
  void getTwiceOnOneKeptAliveTlsConnection() throws Exception {
    String out = curl("--verbose", "--cacert", pem.toString(), base + "/hello", base + "/hello");
    assertEquals(2, out.split("hello curl", -1).length - 1, out);
    assertTrue(out.contains("Re-using existing connection"), out);
    assertTrue(out.contains("ALPN: server accepted http/1.1"), out);
  }

  @Test
  void postWithAChunkedBodyFromAFile() throws Exception {
    Path file = dir.resolve("body.bin");
    byte[] bytes = new byte[200_000];
    Arrays.fill(bytes, (byte) 'x');
    Files.write(file, bytes);
    String out = curl("--cacert", pem.toString(), "-H", "Transfer-Encoding: chunked",
        "--data-binary", "@" + file, base + "/count");
    assertEquals("200000 bytes, chunked=true", out);
  }

  @Test
  void streamedResponseIsReadByCurl() throws Exception {
    assertEquals("tick0\ntick1\ntick2\n", curl("--cacert", pem.toString(), base + "/stream"));
  }
}
