package dev.weft.net;

import dev.weft.internal.util.Logs;
import dev.weft.*;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The loop side of a {@link TcpListener}: its channel, its pending accept, and the readiness
 * handling that completes it. An accept that fails (too many open files) does not fail the
 * pending accept: the listener pauses for {@link #BACKOFF_MILLIS} and tries again ({@link
 * #backOff}). {@link #accept} and {@link #close} may be called from any thread;
 * everything else runs on the loop thread.
 */
final class ListenerIo extends ChannelIo {
  final TcpListener listener;
  final ServerSocketChannel channel;
  final InetSocketAddress localAddress;
  private volatile boolean closed;
  /** How long accepting pauses after an accept failed (too many open files, no buffers...). */
  static final long BACKOFF_MILLIS = 100;
  /** At most one log line per this period about failing accepts, as nginx does. */
  static final long LOG_PERIOD_NANOS = 1_000_000_000L;
  // Loop thread only:
  private IoOp<?> accepting;
  /** Whether accepting is paused after a failure; a timer resumes it. */
  private boolean backingOff;
  /** When a failing accept was last logged (loop clock), and how many failed since. */
  private long lastLogged;
  private int failuresSinceLog;

  ListenerIo(TcpListener listener, EventLoop loop, ServerSocketChannel channel)
      throws IOException {
    super(loop, channel);
    this.listener = listener;
    this.channel = channel;
    this.localAddress = (InetSocketAddress) channel.getLocalAddress();
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public String toString() {
    return listener.toString();
  }

  /** Accepts the next connection, bound to {@code target}. Any thread. */
  Task<TcpConnection> accept(EventLoop target) {
    IoOp<TcpConnection> op = new IoOp<>(this, IoOp.Kind.ACCEPT, null, null, target);
    startOnLoop(op);
    return op;
  }

  /** Closes the listener; a pending accept fails. Any thread; idempotent. */
  void close() {
    if (closed) {
      return;
    }
    closed = true;
    onLoop(() -> closeNow(new AsynchronousCloseException()), rejection -> closeChannel());
  }

  // ---- loop side ----

  @Override
  void start(IoOp<?> op) {
    if (closed) {
      op.fail(new ClosedChannelException());
    } else if (loopIsShuttingDown()) {
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
    } catch (ClosedChannelException e) {
      forget(op);
      op.fail(e);
      return true;
    } catch (IOException e) {
      backOff(op, e);
      return true; // the op stays pending, without accept interest, until the timer
    }
    forget(op);
    if (!op.succeed(c)) {
      c.close(); // cancelled meanwhile
    }
    return true;
  }

  /**
   * After a failed accept (EMFILE, ENFILE, ENOBUFS...): keeps {@code op} pending but stops
   * watching the socket for {@link #BACKOFF_MILLIS}, rather than spin on a connection that cannot
   * be taken, and logs at most once per {@link #LOG_PERIOD_NANOS}. The connections wait in the
   * kernel's backlog meanwhile.
   */
  private void backOff(IoOp<?> op, IOException failure) {
    accepting = op;
    backingOff = true;
    removeInterest(SelectionKey.OP_ACCEPT);
    failuresSinceLog++;
    long now = System.nanoTime();
    if (lastLogged == 0 || now - lastLogged >= LOG_PERIOD_NANOS) {
      int failures = failuresSinceLog;
      failuresSinceLog = 0;
      lastLogged = now;
      Logs.log(Logs.LOOP, System.Logger.Level.WARNING, () -> "Accept failed on " + this
          + " (" + failure.getMessage() + "; " + failures + " failures since the last report);"
          + " pausing accepts for " + BACKOFF_MILLIS + " ms");
    }
    loop.schedule(this::resumeAccepting, BACKOFF_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** The back-off is over: tries the pending accept again, or waits for the socket again. */
  private void resumeAccepting() {
    backingOff = false;
    IoOp<?> op = accepting;
    if (op == null || closed) {
      return;
    }
    if (!acceptNow(op)) {
      Throwable refused = addInterest(SelectionKey.OP_ACCEPT);
      if (refused != null) {
        accepting = null;
        op.fail(refused);
      }
    }
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
  protected void ready(int readyOps) {
    IoOp<?> op = accepting;
    if (op == null || backingOff) {
      removeInterest(SelectionKey.OP_ACCEPT);
    } else {
      acceptNow(op);
    }
  }

  @Override
  protected boolean hasPendingIo() {
    return false; // a listener never holds a shutting-down loop open
  }

  @Override
  protected void cancelPending(String reason) {
    closed = true;
    closeNow(new CancellationException(reason));
  }

  @Override
  protected void loopShuttingDown() {
    closed = true;
    closeNow(new CancellationException(loop + " is shutting down; " + this + " closed"));
  }

  @Override
  protected void loopClosed() {
    closed = true;
    closeNow(new CancellationException(loop + " terminated; " + this + " closed"));
  }

  private void closeNow(Throwable cause) {
    boolean registered = deregister();
    closeChannel();
    if (registered) {
      flushCancelledKeys(); // release the port now, not at the next select
    }
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
      Logs.log(Logs.LOOP, System.Logger.Level.DEBUG, () -> "Closing " + this + " failed", e);
    }
  }
}
