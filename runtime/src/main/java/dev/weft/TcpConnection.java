package dev.weft;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;

/**
 * A non-blocking TCP connection bound to one {@link EventLoop} for its whole life. Reads and
 * writes are {@link Task}s to {@code await}:
 *
 * <pre>{@code
 * TcpConnection c = await(TcpConnection.connect(new InetSocketAddress("localhost", 8080)));
 * await(c.write(request));
 * int n = await(c.read(buffer));   // -1 at end of stream
 * }</pre>
 *
 * <p>Every method may be called from any thread; an operation started off the connection's loop
 * is carried there first. At most one read and one write may be pending at a time. An operation
 * that can complete at once does so without touching the selector. Cancelling a pending read or
 * write ({@link Task#cancel}) withdraws it and leaves the connection usable; bytes a cancelled
 * read raced to receive may then be in its buffer. {@link #close} fails pending operations with
 * {@link AsynchronousCloseException}; a loop that shuts down fails them with {@link
 * CancellationException}. New connections have {@code TCP_NODELAY} set.
 */
public final class TcpConnection extends IoRegistration implements AutoCloseable {
  private static final Task<Void> WRITTEN = Task.completed(null);

  private final SocketChannel channel;
  private volatile InetSocketAddress localAddress;
  private volatile InetSocketAddress remoteAddress;
  private volatile boolean closed;
  // Loop thread only:
  private IoOp<?> reading;
  private IoOp<?> writing;
  private IoOp<?> connecting;

  TcpConnection(EventLoop loop, SocketChannel channel) {
    super(loop, channel);
    this.channel = channel;
  }

  /** Wraps a connected, non-blocking channel (an accepted one). Any thread. */
  static TcpConnection established(EventLoop loop, SocketChannel channel) throws IOException {
    channel.configureBlocking(false);
    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    TcpConnection c = new TcpConnection(loop, channel);
    c.connected();
    return c;
  }

  /**
   * Opens a connection to {@code remote} on the current loop, or off-loop on the default group's
   * next loop. Any thread.
   *
   * @return a task completed with the connection once it is established, or failed with the
   *     {@link IOException} of the attempt (e.g. {@link java.net.ConnectException})
   */
  public static Task<TcpConnection> connect(InetSocketAddress remote) {
    return connect(remote, EventLoop.currentOrNext());
  }

  /** {@link #connect(InetSocketAddress)} on {@code loop}. Any thread. */
  public static Task<TcpConnection> connect(InetSocketAddress remote, EventLoop loop) {
    Objects.requireNonNull(remote, "remote");
    SocketChannel ch;
    try {
      ch = SocketChannel.open();
      ch.configureBlocking(false);
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
    } catch (IOException e) {
      return Task.failed(e);
    }
    TcpConnection c = new TcpConnection(loop, ch);
    IoOp<TcpConnection> op = new IoOp<>(c, IoOp.CONNECT, null, null, remote);
    c.submit(op);
    return op;
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
    if (!loop.inEventLoop()) {
      return submit(new IoOp<>(this, IoOp.READ, dst, null, null));
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
      return Task.completed(n);
    }
    IoOp<Integer> op = new IoOp<>(this, IoOp.READ, dst, null, null);
    await(op, SelectionKey.OP_READ);
    return op;
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
    return write(src, null);
  }

  /**
   * {@link #write(ByteBuffer)} of all of {@code srcs} in order, as one gathering write; the array
   * is copied if the write must wait.
   */
  public Task<Void> write(ByteBuffer... srcs) {
    for (int i = 0; i < srcs.length; i++) {
      Objects.requireNonNull(srcs[i], "srcs[" + i + "]");
    }
    return write(null, srcs);
  }

  /** Writes {@code src}, or else {@code srcs}; allocates only if the write must wait. */
  private Task<Void> write(ByteBuffer src, ByteBuffer[] srcs) {
    if (!loop.inEventLoop()) {
      return submit(new IoOp<>(this, IoOp.WRITE, src, srcs == null ? null : srcs.clone(), null));
    }
    Throwable refused = refuse(writing, "write");
    if (refused != null) {
      return Task.failed(refused);
    }
    try {
      if (writeSome(src, srcs)) {
        return WRITTEN;
      }
    } catch (IOException e) {
      return Task.failed(e);
    }
    IoOp<Void> op = new IoOp<>(this, IoOp.WRITE, src, srcs == null ? null : srcs.clone(), null);
    await(op, SelectionKey.OP_WRITE);
    return op;
  }

  /**
   * Shuts the output down (half-close): the peer reads end of stream; reading goes on. Any
   * thread.
   *
   * @return a task completed once shut down, or failed with {@link IllegalStateException} if a
   *     write is pending, or the {@link IOException}
   */
  public Task<Void> shutdownOutput() {
    Promise<Void> done = new Promise<>();
    onLoop(() -> {
      if (writing != null) {
        done.fail(new IllegalStateException("shutdownOutput while a write is pending on " + this));
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
   * Closes the connection; pending operations fail with {@link AsynchronousCloseException}. Any
   * thread; from another thread the close completes on the connection's loop. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    onLoop(this::closeNow, null);
  }

  /** Whether {@link #close} was called or the connection's loop closed it. Any thread. */
  public boolean isClosed() {
    return closed;
  }

  /** Sets a socket option (e.g. {@code SO_RCVBUF}). Any thread. */
  public <T> TcpConnection setOption(SocketOption<T> name, T value) throws IOException {
    channel.setOption(name, value);
    return this;
  }

  /** The value of a socket option. Any thread. */
  public <T> T getOption(SocketOption<T> name) throws IOException {
    return channel.getOption(name);
  }

  /** The local address, or null before the connection is established. Any thread. */
  public InetSocketAddress localAddress() {
    return localAddress;
  }

  /** The peer's address, or null before the connection is established. Any thread. */
  public InetSocketAddress remoteAddress() {
    return remoteAddress;
  }

  /** The loop this connection's I/O and callbacks run on. Any thread. */
  public EventLoop loop() {
    return loop;
  }

  @Override
  public String toString() {
    return "TcpConnection[" + localAddress + " -> " + remoteAddress + (closed ? ", closed" : "")
        + "]";
  }

  // ---- loop side ----

  private <T> Task<T> submit(IoOp<T> op) {
    loop.post(op);
    return op;
  }

  private void onLoop(Runnable action, Promise<?> failOnReject) {
    if (loop.inEventLoop()) {
      action.run();
      return;
    }
    loop.post(new LoopNode() {
      @Override
      void runOnLoop() {
        action.run();
      }

      @Override
      void rejected(RejectedExecutionException rejection) {
        closeChannel();
        if (failOnReject != null) {
          failOnReject.fail(rejection);
        }
      }
    });
  }

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
    switch (op.kind) {
      case IoOp.READ:
        Throwable refusedRead = refuse(reading, "read");
        if (refusedRead != null) {
          op.fail(refusedRead);
        } else if (!readNow(op)) {
          await(op, SelectionKey.OP_READ);
        }
        break;
      case IoOp.WRITE:
        Throwable refusedWrite = refuse(writing, "write");
        if (refusedWrite != null) {
          op.fail(refusedWrite);
        } else if (!writeNow(op)) {
          await(op, SelectionKey.OP_WRITE);
        }
        break;
      default:
        startConnect(op);
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
  void rejected(IoOp<?> op) {
    if (op.kind == IoOp.CONNECT) {
      closed = true;
      closeChannel(); // never started: nothing else holds the channel
    }
  }

  @Override
  void cancelled(IoOp<?> op) {
    forget(op, op.kind == IoOp.READ ? SelectionKey.OP_READ
        : op.kind == IoOp.WRITE ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT);
    if (op.kind == IoOp.CONNECT) {
      closed = true;
      closeNow();
    }
  }

  @Override
  void ready(int readyOps) {
    if ((readyOps & SelectionKey.OP_CONNECT) != 0 && connecting != null) {
      IoOp<?> op = connecting;
      finishConnect(op);
    }
    if ((readyOps & (SelectionKey.OP_READ)) != 0) {
      IoOp<?> op = reading;
      if (op == null) {
        removeInterest(SelectionKey.OP_READ);
      } else {
        readNow(op);
      }
    }
    if ((readyOps & SelectionKey.OP_WRITE) != 0) {
      IoOp<?> op = writing;
      if (op == null) {
        removeInterest(SelectionKey.OP_WRITE);
      } else {
        writeNow(op);
      }
    }
  }

  /**
   * Reads for {@code op}; whether it is complete (with a count or a failure). A completed op is
   * forgotten first, so that its waiters may start the next read.
   */
  private boolean readNow(IoOp<?> op) {
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
    forget(op, SelectionKey.OP_READ);
    op.succeed(n);
    return true;
  }

  /** Writes for {@code op}; whether it is complete (all written, or failed); as {@link #readNow}. */
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
        op.succeed(this);
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
      op.succeed(this);
    } catch (IOException e) {
      forget(op, SelectionKey.OP_CONNECT);
      closed = true;
      closeNow();
      op.fail(e);
    }
  }

  private void connected() throws IOException {
    localAddress = (InetSocketAddress) channel.getLocalAddress();
    remoteAddress = (InetSocketAddress) channel.getRemoteAddress();
  }

  private void closeNow() {
    deregister();
    closeChannel();
    failAll(new AsynchronousCloseException());
  }

  private void closeChannel() {
    try {
      channel.close();
    } catch (IOException e) {
      EventLoop.LOG.log(System.Logger.Level.DEBUG, "Closing " + this + " failed", e);
    }
  }

  private void failAll(Throwable cause) {
    IoOp<?> r = reading;
    IoOp<?> w = writing;
    IoOp<?> c = connecting;
    reading = null;
    writing = null;
    connecting = null;
    removeInterest(SelectionKey.OP_READ | SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT);
    if (r != null) {
      r.fail(cause);
    }
    if (w != null) {
      w.fail(cause);
    }
    if (c != null) {
      c.fail(cause);
    }
  }

  @Override
  boolean hasPendingIo() {
    return reading != null || writing != null || connecting != null;
  }

  @Override
  void cancelPending(String reason) {
    IoOp<?> r = reading;
    IoOp<?> w = writing;
    IoOp<?> c = connecting;
    reading = null;
    writing = null;
    connecting = null;
    removeInterest(SelectionKey.OP_READ | SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT);
    if (r != null) {
      r.fail(new CancellationException(reason));
    }
    if (w != null) {
      w.fail(new CancellationException(reason));
    }
    if (c != null) {
      c.fail(new CancellationException(reason));
    }
  }

  @Override
  void loopClosed() {
    closed = true;
    closeNow();
  }
}
