package dev.weft.net;

import dev.weft.*;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.StandardConstants;

/**
 * A TLS connection over a {@link TcpConnection}, with the same operations as tasks: {@link
 * #read}, {@link #readable}, {@link #write}, {@link #shutdownOutput}, {@link #setIdleTimeout} and
 * {@link #close}. The TLS layer is the JDK's {@link SSLEngine}; all socket I/O is the TCP
 * connection's own, so timeouts, cancellation and close behave as they do there.
 *
 * <pre>{@code
 * TlsConnection c = await(TlsConnection.connect(new InetSocketAddress("example.com", 443),
 *     TlsConfig.of(SSLContext.getDefault()).withApplicationProtocols("http/1.1")));
 * await(c.write(request));
 * int n = await(c.read(buffer));   // -1 after the peer's close_notify
 * }</pre>
 *
 * <p>The task of {@link #connect}, {@link #client} or {@link #server} completes once the handshake
 * is done; it fails with an {@link SSLException} (e.g. {@link javax.net.ssl.SSLHandshakeException}
 * for an untrusted certificate) and the connection is closed. The engine's delegated tasks
 * (certificate checks, key exchange) run on the blocking pool, never on the loop, at most one
 * connection's per processor at a time; a trust manager that blocks holds one of those places
 * while it waits.
 *
 * <p>Every method may be called from any thread. At most one read and one write may be pending
 * at a time. A read returns -1 only after the peer's close_notify; a peer that closes TCP without
 * it fails the read with an {@link SSLException} saying so, since what was read may have been cut
 * short (a truncation attack). {@link #shutdownOutput} sends close_notify; {@link #close} sends it
 * if it can at once, then closes. A TLS 1.2 renegotiation asked by the peer is refused: pending
 * and later operations fail with an {@link SSLException} and the connection is closed. A cancelled
 * read leaves the connection usable, as on TCP; a cancelled write may have sent part of its
 * bytes, and the TLS records it made are still sent whole, so the connection stays usable too.
 * {@link #close} fails pending operations with {@link AsynchronousCloseException}; a loop that
 * shuts down fails them with {@link CancellationException}.
 */
public final class TlsConnection implements StreamConnection {
  private final TlsIo io;
  private final boolean client;
  private volatile String applicationProtocol;
  private volatile String serverName;
  private volatile SSLSession session;

  private TlsConnection(TcpConnection tcp, SSLEngine engine) {
    this.client = engine.getUseClientMode();
    this.io = new TlsIo(this, tcp, engine);
  }

  /**
   * Connects to {@code remote} and makes the TLS handshake as a client, on the current loop or
   * off-loop on the default group's next loop. The server's certificate must name {@code
   * remote}'s host ({@link InetSocketAddress#getHostString}), which is also sent as SNI. Any
   * thread.
   *
   * @return a task completed with the connection once the handshake is done; failed with the
   *     {@link IOException} of the connect or the {@link SSLException} of the handshake
   */
  public static Task<TlsConnection> connect(InetSocketAddress remote, TlsConfig config) {
    return connect(remote, config, EventLoop.currentOrNext());
  }

  /** {@link #connect(InetSocketAddress, TlsConfig)} on {@code loop}. Any thread. */
  public static Task<TlsConnection> connect(InetSocketAddress remote, TlsConfig config,
      EventLoop loop) {
    Objects.requireNonNull(config, "config");
    Task<TcpConnection> connected = TcpConnection.connect(remote, loop);
    return TlsOp.after(connected,
        () -> client(connected.getNow(null), remote.getHostString(), config),
        () -> connected.getNow(null).close());
  }

  /**
   * Makes the TLS handshake as a client over the established {@code tcp}, which this connection
   * then owns (read and write only through it): e.g. after a plain-text STARTTLS exchange. {@code
   * host} is the name the server's certificate must carry and sent as SNI; null for neither. Any
   * thread.
   *
   * @return a task completed with the connection once the handshake is done, or failed with its
   *     {@link SSLException}; the TCP connection is closed then
   */
  public static Task<TlsConnection> client(TcpConnection tcp, String host, TlsConfig config) {
    Objects.requireNonNull(tcp, "tcp");
    Objects.requireNonNull(config, "config");
    InetSocketAddress remote = tcp.remoteAddress();
    SSLEngine engine = config.clientEngine(host, remote == null ? -1 : remote.getPort());
    return new TlsConnection(tcp, engine).io.handshake();
  }

  /**
   * Makes the TLS handshake as a server over the established {@code tcp} (an accepted
   * connection), which this connection then owns. {@link TlsServer} does this for every
   * connection it accepts. Any thread.
   *
   * @return a task completed with the connection once the handshake is done, or failed with its
   *     {@link SSLException}; the TCP connection is closed then
   */
  public static Task<TlsConnection> server(TcpConnection tcp, TlsConfig config) {
    Objects.requireNonNull(tcp, "tcp");
    Objects.requireNonNull(config, "config");
    return new TlsConnection(tcp, config.serverEngine()).io.handshake();
  }

  /** Records what the finished handshake negotiated. Loop thread. */
  void handshaken(SSLEngine engine) {
    SSLSession s = engine.getSession();
    String protocol = engine.getApplicationProtocol();
    applicationProtocol = protocol == null || protocol.isEmpty() ? null : protocol;
    List<SNIServerName> names = client ? engine.getSSLParameters().getServerNames()
        : s instanceof ExtendedSSLSession ? ((ExtendedSSLSession) s).getRequestedServerNames()
        : null;
    serverName = hostName(names);
    session = s;
  }

  private static String hostName(List<SNIServerName> names) {
    if (names != null) {
      for (SNIServerName name : names) {
        if (name.getType() == StandardConstants.SNI_HOST_NAME) {
          return name instanceof SNIHostName ? ((SNIHostName) name).getAsciiName()
              : new SNIHostName(name.getEncoded()).getAsciiName();
        }
      }
    }
    return null;
  }

  /**
   * Reads plaintext into {@code dst}'s remaining space. Any thread; {@code dst} must not be
   * touched until the task completes.
   *
   * @return a task completed with the number of bytes read (0 only if {@code dst} has no space
   *     left), or -1 after the peer's close_notify; failed with {@link IllegalStateException} if a
   *     read is already pending, {@link ClosedChannelException} if the connection is closed, an
   *     {@link SSLException} if the peer closed without close_notify or sent bad records, or the
   *     {@link IOException} of the TCP read
   */
  public Task<Integer> read(ByteBuffer dst) {
    Objects.requireNonNull(dst, "dst");
    return io.read(dst);
  }

  /**
   * Waits until a {@link #read} will complete without waiting: plaintext is there, or close_notify
   * or a failure arrived. It counts as the pending read and holds no buffer of the caller's. Any
   * thread.
   *
   * @return a task completed (with null) once a read will not wait
   * @see TcpConnection#readable()
   */
  public Task<Void> readable() {
    return io.readable();
  }

  /**
   * Writes all of {@code src}'s remaining bytes as TLS records. Any thread; {@code src} must not
   * be touched until the task completes.
   *
   * @return a task completed once every record was handed to the socket; failed with {@link
   *     IllegalStateException} if a write is already pending, {@link ClosedChannelException} if
   *     the connection is closed or close_notify was sent, or the exception of the write
   */
  public Task<Void> write(ByteBuffer src) {
    Objects.requireNonNull(src, "src");
    return io.write(src, null);
  }

  /** {@link #write(ByteBuffer)} of all of {@code srcs} in order; the array is copied. */
  public Task<Void> write(ByteBuffer... srcs) {
    for (int i = 0; i < srcs.length; i++) {
      Objects.requireNonNull(srcs[i], "srcs[" + i + "]");
    }
    return io.write(null, srcs.clone());
  }

  /**
   * Sends close_notify, then shuts the TCP output down: the peer reads end of stream (-1) cleanly;
   * reading goes on until the peer's own close_notify. Any thread.
   *
   * @return a task completed once sent; failed with {@link IllegalStateException} if a write is
   *     pending, or the exception of the write
   */
  public Task<Void> shutdownOutput() {
    return io.shutdownOutput();
  }

  /**
   * Closes the connection when no TCP read or write completed on it for {@code timeout} (see
   * {@link TcpConnection#setIdleTimeout}); pending operations fail with {@link
   * java.nio.channels.InterruptedByTimeoutException}. Any thread.
   *
   * @return this connection
   */
  public TlsConnection setIdleTimeout(Duration timeout) {
    io.tcp.setIdleTimeout(timeout);
    return this;
  }

  /**
   * Sends close_notify if it can be written at once, then closes the TCP connection; pending
   * operations fail with {@link AsynchronousCloseException}. Any thread. Idempotent. To be sure
   * the peer got close_notify, await {@link #shutdownOutput} first.
   */
  @Override
  public void close() {
    io.close();
  }

  /** Whether {@link #close} was called or the connection was closed under it. Any thread. */
  public boolean isClosed() {
    return io.isClosed();
  }

  /** {@link TcpConnection#setOption} on the TCP connection. Any thread. */
  public <T> TlsConnection setOption(SocketOption<T> name, T value) throws IOException {
    io.tcp.setOption(name, value);
    return this;
  }

  /** {@link TcpConnection#getOption} on the TCP connection. Any thread. */
  public <T> T getOption(SocketOption<T> name) throws IOException {
    return io.tcp.getOption(name);
  }

  /** The TCP connection underneath; for tests in this package. */
  TcpConnection tcp() {
    return io.tcp;
  }

  /** The local address. Any thread. */
  public InetSocketAddress localAddress() {
    return io.tcp.localAddress();
  }

  /** The peer's address. Any thread. */
  public InetSocketAddress remoteAddress() {
    return io.tcp.remoteAddress();
  }

  /** The loop this connection's I/O and callbacks run on. Any thread. */
  public EventLoop loop() {
    return io.loop;
  }

  /**
   * The application protocol ALPN negotiated, or null if none was (no ALPN, or the handshake is
   * not done). Any thread.
   */
  public String applicationProtocol() {
    return applicationProtocol;
  }

  /**
   * The SNI host name: on a server, the one the client asked for; on a client, the one it sent.
   * Null if there was none or the handshake is not done. Any thread.
   */
  public String serverName() {
    return serverName;
  }

  /**
   * The TLS session once the handshake is done (protocol, cipher suite, peer certificates), else
   * null. Any thread.
   */
  public SSLSession session() {
    return session;
  }

  @Override
  public String toString() {
    return "TlsConnection[" + (client ? "client " : "server ") + io.tcp.localAddress() + " -> "
        + io.tcp.remoteAddress() + (isClosed() ? ", closed" : "") + "]";
  }
}
