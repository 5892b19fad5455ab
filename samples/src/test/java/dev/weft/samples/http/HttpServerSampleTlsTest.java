package dev.weft.samples.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.EventLoopGroup;
import dev.weft.Task;
import dev.weft.http.HttpClient;
import dev.weft.http.HttpRequest;
import dev.weft.http.HttpResponse;
import dev.weft.http.HttpServer;
import dev.weft.http.Router;
import dev.weft.net.TlsConfig;
import dev.weft.samples.Options;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The http sample's {@code --keystore}: a key store made by {@code keytool}, served as HTTPS. */
class HttpServerSampleTlsTest {
  private static final Set<String> NAMES = Set.of("keystore", "storepass");

  private static Options options(String... args) {
    return Options.parse("http", args, NAMES);
  }

  @Test
  void keyStoreMadeByKeytoolIsServedOverHttps(@TempDir Path dir) throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    assumeTrue(Files.isExecutable(keytool), "no keytool in " + keytool.getParent());
    Path store = dir.resolve("server.p12");
    Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "weft",
        "-keyalg", "EC", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
        "-storepass", "changeit")).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);

    TlsConfig tls = HttpServerSample.tls(options("--keystore", store.toString(),
        "--storepass", "changeit"));
    EventLoopGroup group = new EventLoopGroup(1);
    HttpServer server = HttpServer.newBuilder().port(0).group(group).tls(tls)
        .start(new Router().get("/", r -> Task.completed(HttpResponse.text(200, "hello"))));
    HttpClient client = HttpClient.newBuilder().tls(TlsConfig.of(trusting(store))).build();
    try {
      HttpResponse r = client.send(HttpRequest.get("https://localhost:"
          + server.localAddress().getPort() + "/")).join();
      assertEquals("hello", r.bodyText());
    } finally {
      client.close();
      server.close();
      group.close();
    }
  }

  /** A client context trusting the certificate in {@code store}. */
  private static SSLContext trusting(Path store) throws Exception {
    KeyStore keys = KeyStore.getInstance(store.toFile(), "changeit".toCharArray());
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("server", keys.getCertificate("weft"));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  @Test
  void plainWithoutKeyStoreAndClearErrorsOtherwise(@TempDir Path dir) {
    assertNull(HttpServerSample.tls(options()));
    assertEquals("http: --keystore x.p12 needs --storepass", assertThrows(
        Options.UsageError.class, () -> HttpServerSample.tls(options("--keystore", "x.p12")))
        .getMessage());
    String message = assertThrows(Options.UsageError.class, () -> HttpServerSample.tls(
        options("--keystore", dir.resolve("missing.p12").toString(), "--storepass", "x")))
        .getMessage();
    assertTrue(message.startsWith("http: cannot read the key store "), message);
  }
}
