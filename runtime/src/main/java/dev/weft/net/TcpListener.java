package dev.weft.net;

import dev.weft.*;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * A listening TCP socket bound to one {@link EventLoop}, whose {@link #accept} is a task:
 *
 * <pre>{@code
 * try (TcpListener listener = TcpListener.bind(8080)) {
 *   while (true) {
 *     TcpConnection c = await(listener.accept());
 *     serve(c);   // an @Async method: runs concurrently
 *   }
 * }
 * }</pre>
 *
 * <p>Every method may be called from any thread. At most one accept may be pending at a time.
 * {@link #close} fails a pending accept with {@link AsynchronousCloseException}; a shutdown of
 * the listener's loop closes the listener and fails it with {@link CancellationException}. To
 * spread connections over several loops, use {@link TcpServer}.
 */
public final class TcpListener implements AutoCloseable {
  /**
   * The backlog of {@link #bind(InetSocketAddress)}: how many connections the kernel queues before
   * they are accepted (capped by the system, {@code net.core.somaxconn} on Linux).
   */
  public static final int DEFAULT_BACKLOG = 4096;

  private final ListenerIo io;

  private TcpListener(EventLoop loop, ServerSocketChannel channel) throws IOException {
    this.io = new ListenerIo(this, loop, channel);
  }

  /** {@link #bind(InetSocketAddress)} on the wildcard address and {@code port} (0: any free). */
  public static TcpListener bind(int port) throws IOException {
    return bind(new InetSocketAddress(port));
  }

  /**
   * Opens a listening socket on {@code address}, bound to the current loop (off-loop: the default
   * group's next loop). Any thread.
   *
   * @throws IOException if the address cannot be bound (e.g. {@link java.net.BindException})
   */
  public static TcpListener bind(InetSocketAddress address) throws IOException {
    return bind(address, DEFAULT_BACKLOG, EventLoop.currentOrNext());
  }

  /**
   * {@link #bind(InetSocketAddress)} with a queue of at most {@code backlog} connections not yet
   * accepted (0 or less: the JDK's default of 50).
   */
  public static TcpListener bind(InetSocketAddress address, int backlog) throws IOException {
    return bind(address, backlog, EventLoop.currentOrNext());
  }

  /** {@link #bind(InetSocketAddress, int)} on {@code loop}. */
  public static TcpListener bind(InetSocketAddress address, int backlog, EventLoop loop)
      throws IOException {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(loop, "loop");
    ServerSocketChannel ch = ServerSocketChannel.open();
    try {
      ch.configureBlocking(false);
      ch.bind(address, backlog);
      return new TcpListener(loop, ch);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * Accepts the next connection, bound to this listener's loop. Any thread.
   *
   * @return a task completed with the connection; failed with {@link IllegalStateException} if an
   *     accept is already pending, {@link ClosedChannelException} if the listener is closed, or
   *     the {@link IOException} of the accept; an accept that fails for want of resources
   *     (too many open files) is not reported here but retried after a short pause, logged at
   *     most once a second
   */
  public Task<TcpConnection> accept() {
    return accept(io.loop());
  }

  /** {@link #accept()}, the connection bound to {@code target}. Any thread. */
  Task<TcpConnection> accept(EventLoop target) {
    return io.accept(target);
  }

  /** The bound address (with the actual port when bound to port 0). Any thread. */
  public InetSocketAddress localAddress() {
    return io.localAddress;
  }

  /** The loop this listener accepts on. Any thread. */
  public EventLoop loop() {
    return io.loop();
  }

  /**
   * Stops listening; a pending accept fails with {@link AsynchronousCloseException}. Any thread;
   * from another thread the close completes on the listener's loop. Idempotent.
   */
  @Override
  public void close() {
    io.close();
  }

  @Override
  public String toString() {
    return "TcpListener[" + io.localAddress + (io.isClosed() ? ", closed" : "") + "]";
  }
}
