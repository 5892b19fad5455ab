package dev.weft.benchmarks.http;

import dev.weft.EventLoopGroup;
import dev.weft.Task;
import dev.weft.http.HttpHeaders;
import dev.weft.http.HttpResponse;
import dev.weft.http.HttpServer;
import dev.weft.http.Router;
import dev.weft.http.Transport;
import dev.weft.net.TlsConfig;
import dev.weft.net.TlsConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * The Weft peer of the latency rows: {@code weft-http}'s {@link HttpServer} answering {@code GET
 * /} with the shared bytes, as the sample's {@code http} does, with each connection's {@link
 * Transport} wrapped in a {@link TimedTransport} that records the server-side latency ({@link
 * ServerLatency}) when {@code -Dbench.latencyLog=FILE} is set.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.weft.benchmarks.http.WeftHelloServer --port 8080 [--loops 1] [--keystore server.p12 --storepass pw]</pre>
 *
 * <p>With {@code --keystore}, HTTPS over {@code TlsConnection.server} with ALPN {@code http/1.1},
 * as {@code HttpServer.Builder.tls} makes it. Runs until killed.
 */
public final class WeftHelloServer {
  private static final HttpResponse HELLO = HttpResponse.of(200,
      HttpHeaders.of("Content-Type", "text/plain"),
      HttpWire.HELLO_BODY.getBytes(StandardCharsets.US_ASCII));

  private WeftHelloServer() {}

  /**
   * Starts the server and waits forever.
   *
   * @param args {@code --port N} (default 8080), {@code --loops N} (default 1), {@code --keystore
   *     PATH --storepass PW} for HTTPS
   * @throws IOException if the port cannot be bound
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    Flags flags = Flags.parse("WeftHelloServer", args, Set.of("port", "loops", "keystore", "storepass"));
    int port = flags.integer("port", 8080, 0);
    int loops = flags.integer("loops", 1, 1);
    SSLContext tls = KeyStores.serverContext("WeftHelloServer", flags.string("keystore", null),
        flags.string("storepass", null));
    EventLoopGroup group = new EventLoopGroup(loops);
    HttpServer.Builder builder = HttpServer.newBuilder()
        .address(new InetSocketAddress(port))
        .group(group);
    if (tls == null) {
      builder.transport(conn -> Task.completed(new TimedTransport(Transport.of(conn))));
    } else {
      TlsConfig config = TlsConfig.of(tls).withApplicationProtocols("http/1.1");
      builder.transport(conn -> TlsConnection.server(conn, config)
          .thenApply(c -> new TimedTransport(Transport.of(c))));
    }
    builder.start(new Router().get("/", request -> Task.completed(HELLO)));
    System.out.println("WeftHelloServer listening on port " + port + " with " + loops
        + " loop(s)" + (tls == null ? "" : ", HTTPS"));
    Thread.currentThread().join();
  }
}
