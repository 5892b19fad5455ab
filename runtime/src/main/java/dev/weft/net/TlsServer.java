package dev.weft.net;

import dev.weft.*;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A {@link TcpServer} that speaks TLS: each accepted connection makes the handshake as a server on
 * its own loop, and the handler is called there with the {@link TlsConnection} once it is done. A
 * failed handshake (a client that does not trust the certificate, a scanner) closes the
 * connection and is logged like a handler's network error, at DEBUG.
 *
 * <pre>{@code
 * TlsServer server = TlsServer.start(group, new InetSocketAddress(8443),
 *     TlsConfig.of(sslContext).withApplicationProtocols("http/1.1"), conn -> serve(conn));
 * }</pre>
 *
 * <p>The connection is closed when the handler's stage completes, and everything else ({@link
 * #closeGracefully}, the idle timeout, which also bounds the handshake) is as on {@link
 * TcpServer}. All methods may be called from any thread.
 */
public final class TlsServer implements AutoCloseable {
  private final TcpServer tcp;

  private TlsServer(TcpServer tcp) {
    this.tcp = tcp;
  }

  /**
   * Binds {@code address} and serves TLS on it with {@code config}; see {@link
   * TcpServer#start(EventLoopGroup, InetSocketAddress, Function)}.
   *
   * @throws IOException if the address cannot be bound
   */
  public static TlsServer start(EventLoopGroup group, InetSocketAddress address, TlsConfig config,
      Function<? super TlsConnection, ? extends CompletionStage<?>> handler) throws IOException {
    return start(group, address, Duration.ZERO, config, handler);
  }

  /**
   * {@link #start(EventLoopGroup, InetSocketAddress, TlsConfig, Function)} with an idle timeout on
   * every connection, from its accept on (so it bounds the handshake too); see {@link
   * TcpServer#start(EventLoopGroup, InetSocketAddress, Duration, Function)}.
   *
   * @throws IOException if the address cannot be bound
   */
  public static TlsServer start(EventLoopGroup group, InetSocketAddress address,
      Duration idleTimeout, TlsConfig config,
      Function<? super TlsConnection, ? extends CompletionStage<?>> handler) throws IOException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(handler, "handler");
    return new TlsServer(TcpServer.start(group, address, idleTimeout, conn -> {
      Task<TlsConnection> handshake = TlsConnection.server(conn, config);
      return TlsOp.after(handshake, () -> serve(handler, handshake.getNow(null)), () -> {});
    }));
  }

  private static Task<?> serve(Function<? super TlsConnection, ? extends CompletionStage<?>> handler,
      TlsConnection conn) {
    CompletionStage<?> stage;
    try {
      stage = handler.apply(conn);
    } catch (Throwable t) {
      return Task.failed(t); // logged by the server as a handler's failure
    }
    if (stage == null) {
      return Task.failed(new NullPointerException("The handler of a TlsServer returned null for "
          + conn));
    }
    return TlsOp.asTask(stage);
  }

  /** The bound address (with the actual port when bound to port 0). */
  public InetSocketAddress localAddress() {
    return tcp.localAddress();
  }

  /** How many connections are open (accepted, in their handshake or their handler). */
  public int connectionCount() {
    return tcp.connectionCount();
  }

  /** Stops accepting; open connections go on. Idempotent. */
  @Override
  public void close() {
    tcp.close();
  }

  /** {@link TcpServer#closeGracefully}: stops accepting and waits for the handlers to finish. */
  public Task<Void> closeGracefully(Duration timeout) {
    return tcp.closeGracefully(timeout);
  }

  @Override
  public String toString() {
    return "TlsServer[" + tcp.localAddress() + ", " + tcp.connectionCount() + " connections]";
  }
}
