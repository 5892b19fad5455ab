package dev.weft;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;

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
public final class TcpListener extends IoRegistration implements AutoCloseable {
  /**
   * The backlog of {@link #bind(InetSocketAddress)}: how many connections the kernel queues before
   * they are accepted (capped by the system, {@code net.core.somaxconn} on Linux).
   */
  public static final int DEFAULT_BACKLOG = 1024;

  private final ServerSocketChannel channel;
  private final InetSocketAddress localAddress;
  private volatile boolean closed;
  private IoOp<?> accepting; // loop thread only

  private TcpListener(EventLoop loop, ServerSocketChannel channel) throws IOException {
    super(loop, channel);
    this.channel = channel;
    this.localAddress = (InetSocketAddress) channel.getLocalAddress();
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
   *     the {@link IOException} of the accept
   */
  public Task<TcpConnection> accept() {
    return accept(loop);
  }

  /** {@link #accept()}, the connection bound to {@code target}. Any thread. */
  Task<TcpConnection> accept(EventLoop target) {
    IoOp<TcpConnection> op = new IoOp<>(this, IoOp.ACCEPT, null, null, target);
    if (loop.inEventLoop()) {
      start(op);
    } else {
      loop.post(op);
    }
    return op;
  }

  /** The bound address (with the actual port when bound to port 0). Any thread. */
  public InetSocketAddress localAddress() {
    return localAddress;
  }

  /** The loop this listener accepts on. Any thread. */
  public EventLoop loop() {
    return loop;
  }

  /**
   * Stops listening; a pending accept fails with {@link AsynchronousCloseException}. Any thread;
   * from another thread the close completes on the listener's loop. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (loop.inEventLoop()) {
      closeNow(new AsynchronousCloseException());
      return;
    }
    loop.post(new LoopNode() {
      @Override
      void runOnLoop() {
        closeNow(new AsynchronousCloseException());
      }

      @Override
      void rejected(RejectedExecutionException rejection) {
        closeChannel();
      }
    });
  }

  @Override
  public String toString() {
    return "TcpListener[" + localAddress + (closed ? ", closed" : "") + "]";
  }

  // ---- loop side ----

  @Override
  void start(IoOp<?> op) {
    if (closed) {
      op.fail(new ClosedChannelException());
    } else if (handler().isShuttingDown()) {
      op.fail(new CancellationException(loop + " is shutting down; not accepting on " + this));
    } else if (accepting != null) {
      op.fail(new IllegalStateException(
          "An accept is already pending on " + this + "; await it before starting another"));
    } else if (!acceptNow(op)) {
      accepting = op;
      Throwable refused = addInterest(SelectionKey.OP_ACCEPT);
      if (refused != null) {
        accepting = null;
        op.fail(refused);
      }
    }
  }

  /** Accepts for {@code op}; whether it is complete (forgotten first, as in TcpConnection). */
  private boolean acceptNow(IoOp<?> op) {
    TcpConnection c;
    try {
      SocketChannel ch = channel.accept();
      if (ch == null) {
        return false;
      }
      c = TcpConnection.established((EventLoop) op.target, ch);
    } catch (IOException e) {
      forget(op);
      op.fail(e);
      return true;
    }
    forget(op);
    if (!op.succeed(c)) {
      c.close(); // cancelled meanwhile
    }
    return true;
  }

  private void forget(IoOp<?> op) {
    if (accepting == op) {
      accepting = null;
      removeInterest(SelectionKey.OP_ACCEPT);
    }
  }

  @Override
  void cancelled(IoOp<?> op) {
    forget(op);
  }

  @Override
  void ready(int readyOps) {
    IoOp<?> op = accepting;
    if (op == null) {
      removeInterest(SelectionKey.OP_ACCEPT);
    } else {
      acceptNow(op);
    }
  }

  @Override
  boolean hasPendingIo() {
    return false; // a listener never holds a shutting-down loop open
  }

  @Override
  void cancelPending(String reason) {
    closed = true;
    closeNow(new CancellationException(reason));
  }

  @Override
  void loopShuttingDown() {
    closed = true;
    closeNow(new CancellationException(loop + " is shutting down; " + this + " closed"));
  }

  @Override
  void loopClosed() {
    closed = true;
    closeNow(new CancellationException(loop + " terminated; " + this + " closed"));
  }

  private void closeNow(Throwable cause) {
    deregister();
    closeChannel();
    IoOp<?> op = accepting;
    accepting = null;
    if (op != null) {
      op.fail(cause);
    }
  }

  private void closeChannel() {
    try {
      channel.close();
    } catch (IOException e) {
      EventLoop.LOG.log(System.Logger.Level.DEBUG, "Closing " + this + " failed", e);
    }
  }
}
