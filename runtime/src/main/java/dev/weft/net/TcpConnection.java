package dev.weft.net;

import dev.weft.*;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.concurrent.CancellationException;

/**
 * A non-blocking TCP connection bound to one {@link EventLoop} for its whole life. Reads and
 * writes are {@link Task}s to {@code await}:
 *
 * <pre>{@code
 * TcpConnection c = await(TcpConnection.connect("localhost", 8080));
 * await(c.write(request));
 * int n = await(c.read(buffer));   // -1 at end of stream
 * }</pre>
 *
 * <p>Every method may be called from any thread; an operation started off the connection's loop
 * is carried there first. At most one read and one write may be pending at a time. An operation
 * that can complete at once does so without touching the selector. Cancelling a pending read or
 * write ({@link Task#cancel}) withdraws it and leaves the connection usable; bytes a cancelled
 * read raced to receive may then be in its buffer, and a cancelled write may have sent part of
 * its bytes. {@link #close} fails pending operations with {@link AsynchronousCloseException}; a
 * loop that shuts down fails them with {@link CancellationException} (see {@link
 * EventLoop#shutdownGracefully(java.time.Duration)}). New connections have {@code TCP_NODELAY}
 * set.
 */
public final class TcpConnection implements StreamConnection {
  private final SocketIo io;

  private TcpConnection(EventLoop loop, SocketChannel channel) {
    this.io = new SocketIo(this, loop, channel);
  }

  /** Wraps a connected channel (an accepted one), bound to {@code loop}. Any thread. */
  static TcpConnection established(EventLoop loop, SocketChannel channel) throws IOException {
    channel.configureBlocking(false);
    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    TcpConnection c = new TcpConnection(loop, channel);
    c.io.connected();
    return c;
  }

  /**
   * Opens a connection to {@code remote} on the current loop, or off-loop on the default group's
   * next loop; an unresolved {@code remote} is resolved off the loop first (see {@link
   * #connect(InetSocketAddress, EventLoop)}). Any thread.
   *
   * @return a task completed with the connection once it is established, or failed with the
   *     {@link IOException} of the attempt (e.g. {@link java.net.ConnectException})
   */
  public static Task<TcpConnection> connect(InetSocketAddress remote) {
    return connect(remote, EventLoop.currentOrNext());
  }

  /**
   * {@link #connect(InetSocketAddress)} on {@code loop}. An unresolved {@code remote} ({@link
   * InetSocketAddress#createUnresolved}) is resolved by {@link Resolver#system()} on the blocking
   * pool and connected as {@link #connect(String, int)} does; note that {@code new
   * InetSocketAddress(host, port)} itself resolves {@code host}, blocking the thread that calls the
   * constructor. Any thread.
   */
  public static Task<TcpConnection> connect(InetSocketAddress remote, EventLoop loop) {
    Objects.requireNonNull(remote, "remote");
    Objects.requireNonNull(loop, "loop");
    if (remote.isUnresolved()) {
      return HostConnect.start(remote.getHostString(), remote.getPort(), null, Resolver.system(),
          loop);
    }
    SocketChannel ch;
    try {
      ch = SocketChannel.open();
      ch.configureBlocking(false);
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
    } catch (IOException e) {
      return Task.failed(e);
    }
    return new TcpConnection(loop, ch).io.connect(remote);
  }

  /**
   * Opens a connection to {@code host} (a name or an IP literal) at {@code port}, on the current
   * loop, or off-loop on the default group's next loop, without blocking any loop: the name is
   * resolved by {@link Resolver#system()} on the blocking pool, then its addresses are tried in
   * turn, IPv6 and IPv4 alternating, the next one started beside an attempt that has not connected
   * within 250 ms and at once after one that failed (RFC 8305, "happy eyeballs"); the first to
   * connect wins and the others are withdrawn. No time limit but the system's; see {@link
   * #connect(String, int, Deadline)}. Any thread.
   *
   * @return a task completed with the connection, or failed with the lookup's {@link
   *     java.net.UnknownHostException}, or with the first attempt's {@link IOException} (e.g.
   *     {@link java.net.ConnectException}) carrying the later attempts' failures as suppressed
   * @throws IllegalArgumentException if {@code port} is outside 0..65535
   */
  public static Task<TcpConnection> connect(String host, int port) {
    return connect(host, port, null, Resolver.system(), EventLoop.currentOrNext());
  }

  /**
   * {@link #connect(String, int)} that fails with {@link java.net.SocketTimeoutException} once
   * {@code deadline} passes, whether the lookup or the attempts are still running; both are
   * stopped then. Any thread.
   */
  public static Task<TcpConnection> connect(String host, int port, Deadline deadline) {
    Objects.requireNonNull(deadline, "deadline");
    return connect(host, port, deadline, Resolver.system(), EventLoop.currentOrNext());
  }

  /**
   * {@link #connect(String, int, Deadline)} with every choice given: {@code deadline} (null for
   * none), the {@code resolver} that finds {@code host}'s addresses, and the {@code loop} the
   * connection is bound to. Cancelling the task stops the lookup and every attempt. Any thread.
   */
  public static Task<TcpConnection> connect(String host, int port, Deadline deadline,
      Resolver resolver, EventLoop loop) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(resolver, "resolver");
    Objects.requireNonNull(loop, "loop");
    if (port < 0 || port > 0xFFFF) {
      throw new IllegalArgumentException("TcpConnection.connect: port " + port + " of " + host
          + " is outside 0..65535");
    }
    return HostConnect.start(host, port, deadline, resolver, loop);
  }

  /**
   * Reads into {@code dst}'s remaining space. Any thread; {@code dst} must not be touched until
   * the task completes.
   *
   * @return a task completed with the number of bytes read (0 only if {@code dst} has no space
   *     left), or -1 at end of stream; failed with {@link IllegalStateException} if a read is
   *     already pending, {@link ClosedChannelException} if the connection is closed, or the
   *     {@link IOException} of the read
   */
  public Task<Integer> read(ByteBuffer dst) {
    Objects.requireNonNull(dst, "dst");
    return io.read(dst);
  }

  /**
   * Waits until the connection has bytes to read, has reached end of stream, or has failed, so
   * that a {@link #read} that follows completes without waiting. It holds no buffer while it
   * waits: a server with many idle connections can wait on each with {@code readable()} and
   * read into one buffer shared by its loop. It counts as the pending read (a {@code read} or
   * another {@code readable} started before it completes is refused), and like a read it fails
   * with {@link AsynchronousCloseException} on {@link #close}, and a cancel withdraws it and
   * leaves the connection usable. Any thread.
   *
   * <p>Without a buffer there is no way to look at the socket first, so it always waits for the
   * selector's next report (one allocation), even if bytes are there already.
   *
   * @return a task completed (with null) once a read will not wait; failed with {@link
   *     IllegalStateException} if a read is already pending, or {@link ClosedChannelException}
   *     if the connection is closed
   */
  public Task<Void> readable() {
    return io.readable();
  }

  /**
   * Writes all of {@code src}'s remaining bytes. Any thread; {@code src} must not be touched until
   * the task completes.
   *
   * @return a task completed once every byte was handed to the socket, or failed with {@link
   *     IllegalStateException} if a write is already pending, {@link ClosedChannelException} if
   *     the connection is closed, or the {@link IOException} of the write
   */
  public Task<Void> write(ByteBuffer src) {
    Objects.requireNonNull(src, "src");
    return io.write(src, null);
  }

  /**
   * {@link #write(ByteBuffer)} of all of {@code srcs} in order, as one gathering write; the array
   * is copied if the write must wait.
   */
  public Task<Void> write(ByteBuffer... srcs) {
    for (int i = 0; i < srcs.length; i++) {
      Objects.requireNonNull(srcs[i], "srcs[" + i + "]");
    }
    return io.write(null, srcs);
  }

  /**
   * Shuts the output down (half-close): the peer reads end of stream; reading goes on. Any
   * thread.
   *
   * @return a task completed once shut down, or failed with {@link IllegalStateException} if a
   *     write is pending, or the {@link IOException}
   */
  public Task<Void> shutdownOutput() {
    return io.shutdownOutput();
  }

  /**
   * Closes this connection when no read or write has completed on it for {@code timeout}
   * (counted from this call; {@link Duration#ZERO} turns it off): a pending read, {@link
   * #readable} or write then fails with {@link java.nio.channels.InterruptedByTimeoutException}.
   * This is how a server sheds idle and slow clients (slowloris); {@link TcpServer#start(
   * EventLoopGroup, InetSocketAddress, Duration, Function)} sets it on every connection. It costs
   * one timer per connection, re-armed only when it fires, and a clock read per completed
   * operation. To bound one read instead, time out its task: {@code conn.read(buf).withTimeout(d)}
   * cancels the read and leaves the connection usable. Any thread.
   *
   * @return this connection
   */
  public TcpConnection setIdleTimeout(Duration timeout) {
    long nanos = timeout.toNanos();
    if (nanos < 0) {
      throw new IllegalArgumentException("negative idle timeout " + timeout + " for " + this);
    }
    io.setIdleTimeout(nanos);
    return this;
  }

  /**
   * Closes the connection; pending operations fail with {@link AsynchronousCloseException}. Any
   * thread; from another thread the close completes on the connection's loop. Idempotent.
   */
  @Override
  public void close() {
    io.close();
  }

  /** Whether {@link #close} was called or the connection's loop closed it. Any thread. */
  public boolean isClosed() {
    return io.isClosed();
  }

  /**
   * Sets a socket option (e.g. {@code SO_RCVBUF}). Any thread.
   *
   * @return this connection
   * @throws IOException if the option cannot be set (e.g. the connection is closed)
   */
  public <T> TcpConnection setOption(SocketOption<T> name, T value) throws IOException {
    io.channel.setOption(name, value);
    return this;
  }

  /**
   * The value of a socket option. Any thread.
   *
   * @throws IOException if it cannot be read (e.g. the connection is closed)
   */
  public <T> T getOption(SocketOption<T> name) throws IOException {
    return io.channel.getOption(name);
  }

  /** The local address, or null before the connection is established. Any thread. */
  public InetSocketAddress localAddress() {
    return io.localAddress;
  }

  /** The peer's address, or null before the connection is established. Any thread. */
  public InetSocketAddress remoteAddress() {
    return io.remoteAddress;
  }

  /** The loop side of this connection; for tests in this package. */
  SocketIo io() {
    return io;
  }

  /** The loop this connection's I/O and callbacks run on. Any thread. */
  public EventLoop loop() {
    return io.loop();
  }

  @Override
  public String toString() {
    return "TcpConnection[" + io.localAddress + " -> " + io.remoteAddress
        + (io.isClosed() ? ", closed" : "") + "]";
  }
}
