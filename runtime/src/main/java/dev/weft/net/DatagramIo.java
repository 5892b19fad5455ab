package dev.weft.net;

import dev.weft.EventLoop;
import dev.weft.Promise;
import dev.weft.Task;
import dev.weft.internal.util.Logs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.concurrent.CancellationException;

/**
 * The loop side of a {@link UdpSocket}: its channel, its pending receive and send, and the
 * readiness handling that completes them. As on TCP ({@link SocketIo}), an operation is tried at
 * once and waits, with the matching interest op, only if the socket is not ready; a completed
 * receive keeps the read interest until the channel is reported readable with none pending.
 *
 * <p>The entry points ({@link #receive}, {@link #send}, {@link #connect}, {@link #close}) may be
 * called from any thread and carry the operation to the loop; everything else runs on the loop
 * thread.
 */
final class DatagramIo extends ChannelIo {
  private static final Task<Void> SENT = Task.completed(null);

  final UdpSocket socket;
  final DatagramChannel channel;
  volatile InetSocketAddress localAddress;
  volatile InetSocketAddress remoteAddress;
  private volatile boolean closed;
  // Loop thread only:
  private IoOp<?> receiving;
  private IoOp<?> sending;

  DatagramIo(UdpSocket socket, EventLoop loop, DatagramChannel channel) throws IOException {
    super(loop, channel);
    this.socket = socket;
    this.channel = channel;
    this.localAddress = (InetSocketAddress) channel.getLocalAddress();
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public String toString() {
    return socket.toString();
  }

  // ---- entry points (any thread) ----

  Task<InetSocketAddress> receive(ByteBuffer dst) {
    IoOp<InetSocketAddress> op;
    if (!loop.inEventLoop()) {
      op = new IoOp<>(this, IoOp.Kind.RECEIVE, dst, null, null);
      op.post();
      return op;
    }
    Throwable refused = refuse(receiving, "receive");
    if (refused != null) {
      return Task.failed(refused);
    }
    InetSocketAddress from;
    try {
      from = (InetSocketAddress) channel.receive(dst);
    } catch (IOException e) {
      return Task.failed(e);
    }
    if (from != null) {
      return Task.completed(from);
    }
    op = new IoOp<>(this, IoOp.Kind.RECEIVE, dst, null, null);
    await(op);
    return op;
  }

  /** Sends {@code src} to {@code target}, or to the connected peer if it is null. */
  Task<Void> send(ByteBuffer src, InetSocketAddress target) {
    IoOp<Void> op;
    if (!loop.inEventLoop()) {
      op = new IoOp<>(this, IoOp.Kind.SEND, src, null, target);
      op.post();
      return op;
    }
    Throwable refused = refuse(sending, "send");
    if (refused != null) {
      return Task.failed(refused);
    }
    try {
      if (sendNow(src, target)) {
        return SENT;
      }
    } catch (IOException | RuntimeException e) {
      return Task.failed(e);
    }
    op = new IoOp<>(this, IoOp.Kind.SEND, src, null, target);
    await(op);
    return op;
  }

  Task<Void> connect(InetSocketAddress remote) {
    Promise<Void> done = Task.promise();
    onLoop(() -> {
      try {
        if (closed) {
          throw new ClosedChannelException();
        }
        channel.connect(remote);
        localAddress = (InetSocketAddress) channel.getLocalAddress();
        remoteAddress = (InetSocketAddress) channel.getRemoteAddress();
        done.complete(null);
      } catch (IOException | RuntimeException e) {
        done.fail(e);
      }
    }, done::fail);
    return done;
  }

  void close() {
    if (!closed) {
      closed = true;
      onLoop(this::closeNow, rejection -> closeChannel());
    }
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
    boolean receive = op.kind == IoOp.Kind.RECEIVE;
    Throwable refused = refuse(receive ? receiving : sending, receive ? "receive" : "send");
    if (refused != null) {
      op.fail(refused);
    } else if (receive ? !receiveNow(op) : !sendNow(op)) {
      await(op);
    }
  }

  /** Makes {@code op} pending until the channel is ready for it. */
  private void await(IoOp<?> op) {
    if (op.kind == IoOp.Kind.RECEIVE) {
      receiving = op;
    } else {
      sending = op;
    }
    Throwable refused = addInterest(op.kind.interest);
    if (refused != null) {
      forget(op);
      op.fail(refused);
    }
  }

  /** Drops {@code op} if it is the pending one of its kind, with its interest. */
  private void forget(IoOp<?> op) {
    if (receiving == op) {
      receiving = null;
    } else if (sending == op) {
      sending = null;
    } else {
      return;
    }
    removeInterest(op.kind.interest);
  }

  @Override
  void cancelled(IoOp<?> op) {
    forget(op);
  }

  @Override
  protected void ready(int readyOps) {
    if ((readyOps & SelectionKey.OP_READ) != 0) {
      if (receiving == null) {
        removeInterest(SelectionKey.OP_READ);
      } else {
        receiveNow(receiving);
      }
    }
    if ((readyOps & SelectionKey.OP_WRITE) != 0) {
      if (sending == null) {
        removeInterest(SelectionKey.OP_WRITE);
      } else {
        sendNow(sending);
      }
    }
  }

  /** Receives for {@code op}; whether it is complete (with a sender or a failure). */
  private boolean receiveNow(IoOp<?> op) {
    InetSocketAddress from;
    try {
      from = (InetSocketAddress) channel.receive(op.buffer);
      if (from == null) {
        return false;
      }
    } catch (IOException e) {
      forget(op);
      op.fail(e);
      return true;
    }
    if (receiving == op) {
      receiving = null; // keeps the read interest: the next receive usually follows at once
    }
    op.succeed(from);
    return true;
  }

  /** Sends for {@code op}; whether it is complete (sent, or failed). */
  private boolean sendNow(IoOp<?> op) {
    try {
      if (!sendNow(op.buffer, (InetSocketAddress) op.target)) {
        return false;
      }
    } catch (IOException | RuntimeException e) {
      forget(op);
      op.fail(e);
      return true;
    }
    forget(op);
    op.succeed(null);
    return true;
  }

  /** Sends the datagram; whether it went (false: no room in the socket's send buffer). */
  private boolean sendNow(ByteBuffer src, InetSocketAddress target) throws IOException {
    if (!src.hasRemaining()) {
      // an empty datagram: send and write return 0 whether or not it went, so it is sent once
      if (target == null) {
        channel.write(src);
      } else {
        channel.send(src, target);
      }
      return true;
    }
    return (target == null ? channel.write(src) : channel.send(src, target)) != 0;
  }

  private void closeNow() {
    deregister();
    closeChannel();
    failPending(new AsynchronousCloseException());
  }

  private void closeChannel() {
    try {
      channel.close();
    } catch (IOException e) {
      Logs.LOOP.log(System.Logger.Level.DEBUG, "Closing " + this + " failed", e);
    }
  }

  private void failPending(Throwable cause) {
    IoOp<?> r = receiving;
    IoOp<?> s = sending;
    receiving = null;
    sending = null;
    removeInterest(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
    if (r != null) {
      r.fail(cause);
    }
    if (s != null) {
      s.fail(cause);
    }
  }

  @Override
  protected boolean hasPendingIo() {
    return receiving != null || sending != null;
  }

  @Override
  protected void cancelPending(String reason) {
    failPending(new CancellationException(reason));
  }

  @Override
  protected void loopClosed() {
    closed = true;
    closeNow();
  }
}
