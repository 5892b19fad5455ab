package dev.weft.samples.http;

import static dev.weft.Task.await;

import dev.weft.EventLoopGroup;
import dev.weft.Task;
import dev.weft.annotations.Async;
import dev.weft.http.HttpHeaders;
import dev.weft.http.HttpRequest;
import dev.weft.http.HttpResponse;
import dev.weft.http.HttpServer;
import dev.weft.http.Router;
import dev.weft.net.TlsConfig;
import dev.weft.samples.Options;
import dev.weft.samples.Sample;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * {@code http [--host 127.0.0.1] [--port 8080] [--loops N] [--seconds S] [--header-timeout-ms
 * 60000] [--idle-timeout-ms 75000] [--keystore server.p12 --storepass pw]}: an HTTP/1.1 keep-alive
 * server on one event loop per core (or
 * {@code --loops}), on weft-http's {@link HttpServer} and {@link Router}. {@code GET /} answers
 * {@code Hello, World!}; {@code GET /sleep?ms=N} answers the same after a non-blocking sleep of N
 * ms. It binds the loopback address unless {@code --host} names another ({@code 0.0.0.0} for every
 * interface). Port 0 picks a free port; the first line printed gives the address and port actually
 * bound. A request head not complete within the header timeout is answered 408; a kept-alive
 * connection idle for the idle timeout is closed. It runs until stopped (Ctrl-C), or for {@code
 * --seconds}, and then closes gracefully: it stops accepting and gives open connections five
 * seconds. With {@code --keystore} (a PKCS12 or JKS key store holding one key and its certificate,
 * as {@code keytool -genkeypair} makes) and its {@code --storepass}, it serves HTTPS instead.
 */
public final class HttpServerSample implements Sample {
  private static final Duration GRACE = Duration.ofSeconds(5);
  private static final int MAX_SLEEP_MS = 60_000;
  /** nginx's {@code client_header_timeout}. */
  private static final int DEFAULT_HEADER_MILLIS = 60_000;
  /** nginx's {@code keepalive_timeout}. */
  private static final int DEFAULT_IDLE_MILLIS = 75_000;
  /**
   * The answer to {@code GET /}: byte for byte the response of the peer servers in {@code
   * benchmarks/}, so that load tests compare like with like.
   */
  private static final HttpResponse HELLO = HttpResponse.of(200,
      HttpHeaders.of("Content-Type", "text/plain"),
      "Hello, World!".getBytes(StandardCharsets.UTF_8));

  @Override
  public String summary() {
    return "HTTP/1.1 keep-alive server: GET / and GET /sleep?ms=N [--host 127.0.0.1] [--port 8080]"
        + " [--loops N] [--header-timeout-ms 60000] [--idle-timeout-ms 75000]"
        + " [--keystore server.p12 --storepass pw]";
  }

  @Override
  public boolean run(String[] args) throws Exception {
    Options options = Options.parse("http", args,
        Set.of("host", "port", "loops", "seconds", "header-timeout-ms", "idle-timeout-ms",
            "keystore", "storepass"));
    int loops = options.intValue("loops", Runtime.getRuntime().availableProcessors());
    int seconds = options.intValue("seconds", 0);
    int header = options.intValue("header-timeout-ms", DEFAULT_HEADER_MILLIS);
    int idle = options.intValue("idle-timeout-ms", DEFAULT_IDLE_MILLIS);
    if (header <= 0 || idle <= 0) {
      throw new Options.UsageError("http: --header-timeout-ms and --idle-timeout-ms must be"
          + " positive, got " + header + " and " + idle);
    }
    TlsConfig tls = tls(options);
    EventLoopGroup group = new EventLoopGroup(loops);
    Router router = new Router()
        .get("/", request -> Task.completed(HELLO))
        .get("/sleep", HttpServerSample::sleep);
    HttpServer.Builder builder = HttpServer.newBuilder()
        .address(options.bindAddress(8080))
        .group(group)
        .headerTimeout(Duration.ofMillis(header))
        .idleTimeout(Duration.ofMillis(idle));
    if (tls != null) {
      builder.tls(tls);
    }
    HttpServer server = builder.start(router);
    System.out.printf("http: listening on %s://%s/ with %d event loop(s)%n",
        tls == null ? "http" : "https", Options.hostAndPort(server.localAddress()), loops);
    System.out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> stop(server, group, stopped), "http-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    if (seconds > 0) {
      stopped.await(seconds, TimeUnit.SECONDS);
      Runtime.getRuntime().removeShutdownHook(hook);
      stop(server, group, stopped);
    } else {
      stopped.await();
    }
    return true;
  }

  /**
   * The TLS configuration of {@code --keystore} and {@code --storepass}: the key store's key and
   * certificate, presented to every client; null without {@code --keystore}.
   *
   * @throws Options.UsageError if the password is missing or the key store cannot be read
   */
  static TlsConfig tls(Options options) {
    String path = options.value("keystore", null);
    String password = options.value("storepass", null);
    if (path == null) {
      if (password != null) {
        throw new Options.UsageError("http: --storepass without --keystore");
      }
      return null;
    }
    if (password == null) {
      throw new Options.UsageError("http: --keystore " + path + " needs --storepass");
    }
    if (!new File(path).isFile()) {
      throw new Options.UsageError("http: cannot read the key store " + path + ": no such file");
    }
    try {
      KeyStore store = KeyStore.getInstance(new File(path), password.toCharArray());
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return TlsConfig.of(context);
    } catch (IOException | GeneralSecurityException e) {
      throw new Options.UsageError("http: cannot read the key store " + path + ": " + e);
    }
  }

  /**
   * Answers {@code /sleep?ms=N} after a non-blocking sleep of N milliseconds, with the same bytes
   * as {@code GET /} (so that load tools check both alike).
   */
  @Async
  static Task<HttpResponse> sleep(HttpRequest request) {
    long ms = sleepMillis(request.target());
    if (ms < 0) {
      return Task.completed(HttpResponse.text(400,
          "want /sleep?ms=N with 0 <= N <= " + MAX_SLEEP_MS + "\n"));
    }
    await(Task.sleep(Duration.ofMillis(ms)));
    return Task.completed(HELLO);
  }

  /** N from {@code /sleep?ms=N}, or -1 if it is missing or out of range. */
  static long sleepMillis(String target) {
    String prefix = "/sleep?ms=";
    if (!target.startsWith(prefix)) {
      return -1;
    }
    try {
      long ms = Long.parseLong(target.substring(prefix.length()));
      return ms >= 0 && ms <= MAX_SLEEP_MS ? ms : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void stop(HttpServer server, EventLoopGroup group, CountDownLatch stopped) {
    if (stopped.getCount() == 0) {
      return;
    }
    server.closeGracefully(GRACE).join();
    group.close();
    System.out.println("http: stopped");
    stopped.countDown();
  }
}
