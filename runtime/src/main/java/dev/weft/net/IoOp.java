package dev.weft.net;

import dev.weft.EventLoop;
import dev.weft.Task;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.util.concurrent.RejectedExecutionException;

/**
 * The task of one pending I/O operation (read, readable, write, accept, connect, or a datagram's
 * receive or send). It is also the run-queue node that carries an operation started off-loop to
 * its channel's loop, so starting one costs a single allocation. Cancelling it removes the
 * channel's interest on the loop.
 *
 * @param <T> the operation's value
 */
final class IoOp<T> extends Task<T> {
  /** What an operation does, and the readiness it waits for. */
  enum Kind {
    READ(SelectionKey.OP_READ),
    /** A wait until a socket has bytes to read (or end of stream), with no buffer. */
    READABLE(SelectionKey.OP_READ),
    WRITE(SelectionKey.OP_WRITE),
    ACCEPT(SelectionKey.OP_ACCEPT),
    CONNECT(SelectionKey.OP_CONNECT),
    /** A datagram received, with its sender. */
    RECEIVE(SelectionKey.OP_READ),
    /** A datagram sent. */
    SEND(SelectionKey.OP_WRITE);

    /** The {@link SelectionKey} interest an operation of this kind waits with. */
    final int interest;

    Kind(int interest) {
      this.interest = interest;
    }

    /** Whether an operation of this kind waits for the read side. */
    boolean reads() {
      return interest == SelectionKey.OP_READ;
    }
  }

  final ChannelIo owner;
  final Kind kind;
  /** The buffer of a read or single write, else null. */
  final ByteBuffer buffer;
  /** The buffers of a gathering write, else null. */
  final ByteBuffer[] buffers;
  /** The loop an accepted connection is bound to, or the address to connect or send to. */
  final Object target;

  IoOp(ChannelIo owner, Kind kind, ByteBuffer buffer, ByteBuffer[] buffers, Object target) {
    this.owner = owner;
    this.kind = kind;
    this.buffer = buffer;
    this.buffers = buffers;
    this.target = target;
  }

  /** The loop of the channel: a coroutine made off-loop that awaits this op first binds there. */
  @Override
  protected EventLoop homeLoop() {
    return owner.loop();
  }

  /** Completes with {@code value}; whether this call completed it. Any thread. */
  boolean succeed(Object value) {
    return completeRaw(rawValue(value));
  }

  /** Fails with {@code cause}; whether this call completed it. Any thread. */
  boolean fail(Throwable cause) {
    return completeRaw(rawFailure(cause));
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    if (!super.cancel(mayInterruptIfRunning)) {
      return false;
    }
    if (owner.loop().inEventLoop()) {
      owner.cancelled(this); // the usual case (a timeout on the loop): nothing allocated
    } else {
      owner.onLoop(() -> owner.cancelled(this), rejection -> {}); // a terminated loop closed the channel
    }
    return true;
  }

  /** {@code read on TcpConnection[...]}: the operation and its channel. */
  @Override
  protected String displayName() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + " on " + owner;
  }

  /** Posts this operation to its channel's loop, where {@link #runOnLoop} starts it. */
  void post() {
    postTo(owner.loop());
  }

  @Override
  protected void runOnLoop() {
    if (!isDone()) {
      owner.start(this);
    }
  }

  @Override
  protected void rejected(RejectedExecutionException rejection) {
    owner.rejected(this);
    fail(rejection);
  }
}
