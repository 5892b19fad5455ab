package dev.weft.http;

import dev.weft.EventLoop;
import dev.weft.Task;
import dev.weft.net.TlsConfig;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Opens the client's connections: plain TCP ({@link #plain()}) for {@code http} URIs, TLS ({@link
 * #tls}) for {@code https} ones, handshaking before it hands the transport over. {@link
 * HttpClient} calls it whenever its pool needs a new connection to {@code host:port}.
 */
@FunctionalInterface
public interface Connector {
  /** Opens a transport to {@code host:port} whose I/O runs on {@code loop}. */
  CompletionStage<Transport> connect(String host, int port, EventLoop loop);

  /**
   * Plain TCP. The host name is resolved on the blocking pool ({@link Task#blocking}), so that a
   * slow name server never holds an event loop.
   */
  static Connector plain() {
    return PlainConnector::connect;
  }

  /**
   * TLS over a TCP connection opened as {@link #plain()} does, with {@code config}'s SSL context
   * and parameters: the task completes once the handshake is done, or fails with its {@link
   * javax.net.ssl.SSLException} (e.g. an untrusted certificate). The server's certificate must
   * name the host connected to, which is also sent as SNI unless it is an IP address (see {@link
   * dev.weft.net.TlsConnection#client}). ALPN offers {@code http/1.1} only, the protocol spoken
   * here, whatever {@code config} offers.
   */
  static Connector tls(TlsConfig config) {
    TlsConfig c = Objects.requireNonNull(config, "config")
        .withApplicationProtocols(TlsTransport.HTTP_1_1);
    return (host, port, loop) -> TlsTransport.connect(c, host, port, loop);
  }
}
