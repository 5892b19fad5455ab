package dev.weft.net;

import dev.weft.internal.util.Logs;
import dev.weft.*;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.InterruptedByTimeoutException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The loop side of a {@link TcpConnection}: its channel, its pending read, write and connect, and
 * the readiness handling that completes them. An operation is tried at once; only if the socket
 * is not ready does it become pending, with the matching interest op set until it completes, is
 * cancelled, or the connection closes. A completed operation is forgotten before its task
 * completes, so that the task's waiters may start the next one. A completed read leaves the read
 * interest set (the next read usually follows at once); it is removed the first time the channel
 * is reported readable with no read pending.
 *
 * <p>The entry points ({@link #read}, {@link #readable}, {@link #write}, {@link #connect}, {@link #shutdownOutput},
 * {@link #close}) may be called from any thread and carry the operation to the loop; everything
 * else runs on the loop thread.
 */
final class SocketIo extends ChannelIo {
  private static final Task<Void> WRITTEN = Task.completed(null);

  final TcpConnection connection;
  final SocketChannel channel;
  volatile InetSocketAddress localAddress;
  volatile InetSocketAddress remoteAddress;
  private volatile boolean closed;
  // Loop thread only:
  private IoOp<?> reading;
  private IoOp<?> writing;
  private IoOp<?> connecting;
  /** The idle timeout in nanoseconds, 0 for none; see {@link #setIdleTimeout}. */
  private long idleTimeoutNanos;
  /** {@link System#nanoTime} when the last read or write completed, while a timeout is set. */
  private long lastActive;
  private TimerHandle idleTimer;

  SocketIo(TcpConnection connection, EventLoop loop, SocketChannel channel) {
    super(loop, channel);
    this.connection = connection;
    this.channel = channel;
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public String toString() {
    return connection.toString();
  }

  // ---- entry points (any thread) ----

  Task<Integer> read(ByteBuffer dst) {
    if (!loop.inEventLoop()) {
      return submit(new IoOp<>(this, IoOp.Kind.READ, dst, null, null));
    }
    Throwable refused = refuse(reading, "read");
    if (refused != null) {
      return Task.failed(refused);
    }
    int n;
    try {
      n = dst.hasRemaining() ? channel.read(dst) : 0;
    } catch (IOException e) {
      return Task.failed(e);
    }
    if (n != 0 || !dst.hasRemaining()) {
      active();
      return Task.completed(n);
    }
    IoOp<Integer> op = new IoOp<>(this, IoOp.Kind.READ, dst, null, null);
    await(op, SelectionKey.OP_READ);
    return op;
  }

  /**
   * Waits until the channel has bytes to read or has reached end of stream. Without a buffer
   * there is no way to look first, so it always waits for the selector.
   */
  Task<Void> readable() {
    IoOp<Void> op = new IoOp<>(this, IoOp.Kind.READABLE, null, null, null);
    if (!loop.inEventLoop()) {
      return submit(op);
    }
    Throwable refused = refuse(reading, "read");
    if (refused != null) {
      return Task.failed(refused);
    }
    await(op, SelectionKey.OP_READ);
    return op;
  }

  /** Writes {@code src}, or else {@code srcs}; allocates only if the write must wait. */
  Task<Void> write(ByteBuffer src, ByteBuffer[] srcs) {
    if (!loop.inEventLoop()) {
      return submit(new IoOp<>(this, IoOp.Kind.WRITE, src, srcs == null ? null : srcs.clone(), null));
    }
    Throwable refused = refuse(writing, "write");
    if (refused != null) {
      return Task.failed(refused);
    }
    try {
      if (writeSome(src, srcs)) {
        active();
        return WRITTEN;
      }
    } catch (IOException e) {
      return Task.failed(e);
    }
    IoOp<Void> op = new IoOp<>(this, IoOp.Kind.WRITE, src, srcs == null ? null : srcs.clone(), null);
    await(op, SelectionKey.OP_WRITE);
    return op;
  }

  Task<TcpConnection> connect(InetSocketAddress remote) {
    IoOp<TcpConnection> op = new IoOp<>(this, IoOp.Kind.CONNECT, null, null, remote);
    startOnLoop(op);
    return op;
  }

  Task<Void> shutdownOutput() {
    Promise<Void> done = Task.promise();
    onLoopOrClose(() -> {
      if (writing != null) {
        done.fail(new IllegalStateException(
            "shutdownOutput while a write is pending on " + this + "; await the write first"));
        return;
      }
      try {
        channel.shutdownOutput();
        done.complete(null);
      } catch (IOException e) {
        done.fail(e);
      }
    }, done);
    return done;
  }

  /**
   * Closes the connection once no read or write has completed for {@code nanos} (0: never),
   * failing a pending read or write with {@link InterruptedByTimeoutException}. Counted from now.
   * Any thread.
   */
  void setIdleTimeout(long nanos) {
    onLoopOrClose(() -> {
      idleTimeoutNanos = nanos;
      lastActive = System.nanoTime();
      cancelIdleTimer();
      if (nanos > 0 && !closed) {
        armIdleTimer(nanos);
      }
    }, null);
  }

  void close() {
    if (!closed) {
      closed = true;
      onLoopOrClose(this::closeNow, null);
    }
  }

  private <T> Task<T> submit(IoOp<T> op) {
    op.post();
    return op;
  }

  /** Runs {@code action} on the loop; if the loop is gone, closes the channel instead. */
  private void onLoopOrClose(Runnable action, Promise<?> failOnReject) {
    onLoop(action, rejection -> {
      closed = true;
      closeChannel();
      if (failOnReject != null) {
        failOnReject.fail(rejection);
      }
    });
  }

  // ---- loop side ----

  private Throwable refuse(IoOp<?> pending, String what) {
    if (closed) {
      return new ClosedChannelException();
    }
    if (pending != null) {
      return new IllegalStateException("A " + what + " is already pending on " + this
          + "; await it before starting another");
    }
    return null;
  }

  @Override
  void start(IoOp<?> op) {
    if (op.kind == IoOp.Kind.CONNECT) {
      startConnect(op);
      return;
    }
    boolean read = op.kind.reads();
    Throwable refused = refuse(read ? reading : writing, read ? "read" : "write");
    if (refused != null) {
      op.fail(refused);
    } else if (op.kind == IoOp.Kind.READABLE) {
      await(op, SelectionKey.OP_READ);
    } else if (read ? !readNow(op) : !writeNow(op)) {
      await(op, read ? SelectionKey.OP_READ : SelectionKey.OP_WRITE);
    }
  }

  /** Makes {@code op} pending until the channel is ready for {@code ops}. */
  private void await(IoOp<?> op, int ops) {
    if (ops == SelectionKey.OP_READ) {
      reading = op;
    } else if (ops == SelectionKey.OP_WRITE) {
      writing = op;
    } else {
      connecting = op;
    }
    Throwable refused = addInterest(ops);
    if (refused != null) {
      forget(op, ops);
      if (ops == SelectionKey.OP_CONNECT) {
        closed = true;
        closeNow();
      }
      op.fail(refused);
    }
  }

  /** Drops {@code op} if it is the pending one for {@code ops}, with its interest. */
  private void forget(IoOp<?> op, int ops) {
    if (ops == SelectionKey.OP_READ && reading == op) {
      reading = null;
    } else if (ops == SelectionKey.OP_WRITE && writing == op) {
      writing = null;
    } else if (ops == SelectionKey.OP_CONNECT && connecting == op) {
      connecting = null;
    } else {
      return;
    }
    removeInterest(ops);
  }

  @Override
  void cancelled(IoOp<?> op) {
    forget(op, op.kind.interest);
    if (op.kind == IoOp.Kind.CONNECT) {
      closed = true;
      closeNow();
    }
  }

  @Override
  void rejected(IoOp<?> op) {
    if (op.kind == IoOp.Kind.CONNECT) {
      closed = true;
      closeChannel(); // never started: nothing else holds the channel
    }
  }

  @Override
  protected void ready(int readyOps) {
    if ((readyOps & SelectionKey.OP_CONNECT) != 0 && connecting != null) {
      finishConnect(connecting);
    }
    if ((readyOps & SelectionKey.OP_READ) != 0) {
      if (reading == null) {
        removeInterest(SelectionKey.OP_READ);
      } else {
        readNow(reading);
      }
    }
    if ((readyOps & SelectionKey.OP_WRITE) != 0) {
      if (writing == null) {
        removeInterest(SelectionKey.OP_WRITE);
      } else {
        writeNow(writing);
      }
    }
  }

  /**
   * Reads for {@code op}; whether it is complete (with a count or a failure). A readable op
   * completes here: the selector reported the channel readable.
   */
  private boolean readNow(IoOp<?> op) {
    if (op.kind == IoOp.Kind.READABLE) {
      readDone(op);
      active();
      op.succeed(null);
      return true;
    }
    ByteBuffer dst = op.buffer;
    int n;
    try {
      n = dst.hasRemaining() ? channel.read(dst) : 0;
      if (n == 0 && dst.hasRemaining()) {
        return false;
      }
    } catch (IOException e) {
      forget(op, SelectionKey.OP_READ);
      op.fail(e);
      return true;
    }
    readDone(op);
    active();
    op.succeed(n);
    return true;
  }

  /**
   * Drops the completed read {@code op} but keeps the read interest: a connection that reads
   * again at once (a request after a response) then costs no interest change. If the channel
   * becomes readable while no read is pending, {@link #ready} removes the interest then.
   */
  private void readDone(IoOp<?> op) {
    if (reading == op) {
      reading = null;
    }
  }

  /** Writes for {@code op}; whether it is complete (all written, or failed). */
  private boolean writeNow(IoOp<?> op) {
    try {
      if (!writeSome(op.buffer, op.buffers)) {
        return false;
      }
    } catch (IOException e) {
      forget(op, SelectionKey.OP_WRITE);
      op.fail(e);
      return true;
    }
    forget(op, SelectionKey.OP_WRITE);
    active();
    op.succeed(null);
    return true;
  }

  /** Writes until done or the socket buffer is full; whether every byte is written. */
  private boolean writeSome(ByteBuffer src, ByteBuffer[] srcs) throws IOException {
    if (src != null) {
      while (src.hasRemaining()) {
        if (channel.write(src) == 0) {
          return false;
        }
      }
      return true;
    }
    int first = 0;
    while (true) {
      while (first < srcs.length && !srcs[first].hasRemaining()) {
        first++;
      }
      if (first == srcs.length) {
        return true;
      }
      if (channel.write(srcs, first, srcs.length - first) == 0) {
        return false;
      }
    }
  }

  private void startConnect(IoOp<?> op) {
    try {
      if (channel.connect((InetSocketAddress) op.target)) {
        connected();
        op.succeed(connection);
      } else {
        await(op, SelectionKey.OP_CONNECT);
      }
    } catch (IOException | RuntimeException e) {
      closed = true;
      closeNow();
      op.fail(e);
    }
  }

  private void finishConnect(IoOp<?> op) {
    try {
      if (!channel.finishConnect()) {
        return;
      }
      forget(op, SelectionKey.OP_CONNECT);
      connected();
      op.succeed(connection);
    } catch (IOException e) {
      forget(op, SelectionKey.OP_CONNECT);
      closed = true;
      closeNow();
      op.fail(e);
    }
  }

  /** Records the addresses of the established connection. */
  void connected() throws IOException {
    localAddress = (InetSocketAddress) channel.getLocalAddress();
    remoteAddress = (InetSocketAddress) channel.getRemoteAddress();
  }

  private void closeNow() {
    closeNow(new AsynchronousCloseException());
  }

  private void closeNow(Throwable cause) {
    cancelIdleTimer();
    deregister();
    closeChannel();
    failPending(cause, cause, cause);
  }

  // ---- idle timeout (loop thread) ----

  /** Notes a completed read or write; costs a clock read only while a timeout is set. */
  private void active() {
    if (idleTimeoutNanos != 0) {
      lastActive = System.nanoTime();
    }
  }

  /** One timer per connection: it re-arms itself for what is left rather than per operation. */
  private void armIdleTimer(long delayNanos) {
    try {
      idleTimer = loop.schedule(this::idleTimerFired, delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      idleTimer = null; // the loop is shutting down: its shutdown closes the connection
    }
  }

  private void cancelIdleTimer() {
    if (idleTimer != null) {
      idleTimer.cancel();
      idleTimer = null;
    }
  }

  private void idleTimerFired() {
    idleTimer = null;
    if (closed || idleTimeoutNanos == 0) {
      return;
    }
    long idle = System.nanoTime() - lastActive;
    if (idle < idleTimeoutNanos) {
      armIdleTimer(idleTimeoutNanos - idle);
      return;
    }
    closed = true;
    closeNow(new InterruptedByTimeoutException());
  }

  private void closeChannel() {
    try {
      channel.close();
    } catch (IOException e) {
      Logs.LOOP.log(System.Logger.Level.DEBUG, "Closing " + this + " failed", e);
    }
  }

  private void failPending(Throwable readFailure, Throwable writeFailure, Throwable connectFailure) {
    IoOp<?> r = reading;
    IoOp<?> w = writing;
    IoOp<?> c = connecting;
    reading = null;
    writing = null;
    connecting = null;
    removeInterest(SelectionKey.OP_READ | SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT);
    if (r != null) {
      r.fail(readFailure);
    }
    if (w != null) {
      w.fail(writeFailure);
    }
    if (c != null) {
      c.fail(connectFailure);
    }
  }

  @Override
  protected boolean hasPendingIo() {
    return reading != null || writing != null || connecting != null;
  }

  @Override
  protected void cancelPending(String reason) {
    failPending(new CancellationException(reason), new CancellationException(reason),
        new CancellationException(reason));
  }

  @Override
  protected void loopClosed() {
    closed = true;
    closeNow();
  }
}
