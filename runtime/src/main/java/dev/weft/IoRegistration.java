package dev.weft;

import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * A channel bound to one {@link EventLoop}'s selector, and the attachment of its {@link
 * SelectionKey}: the selector calls {@link #ready} when the channel is ready for the operations of
 * interest. The channel is registered on first need (the first operation that must wait).
 *
 * <p>Every method runs on the loop thread only.
 */
abstract class IoRegistration {
  /** The loop that owns the channel for its whole life. */
  final EventLoop loop;
  private final SelectableChannel channel;
  private SelectionKey key;
  private int interest;

  IoRegistration(EventLoop loop, SelectableChannel channel) {
    this.loop = loop;
    this.channel = channel;
  }

  /** The loop's selector handler. */
  final SelectorIoHandler handler() {
    return loop.selectorHandler();
  }

  /**
   * Adds {@code ops} to the interest set, registering the channel with the selector the first
   * time. Returns null, or the reason the operation cannot wait (the loop cancelled its I/O, or the
   * channel is closed).
   */
  final Throwable addInterest(int ops) {
    Throwable refused = handler().refusal();
    if (refused != null) {
      return refused;
    }
    try {
      if (key == null) {
        key = handler().register(channel, ops, this);
        interest = ops;
      } else if ((interest & ops) != ops) {
        interest |= ops;
        key.interestOps(interest);
      }
      return null;
    } catch (IOException | CancelledKeyException e) {
      return e;
    }
  }

  /** The interest set as last given to the selector; loop thread only (tests read it there). */
  final int interest() {
    return interest;
  }

  /** Removes {@code ops} from the interest set. */
  final void removeInterest(int ops) {
    if (key != null && (interest & ops) != 0) {
      interest &= ~ops;
      if (key.isValid()) {
        key.interestOps(interest);
      }
    }
  }

  /** Cancels the selection key (before the channel is closed); whether there was one. */
  final boolean deregister() {
    if (key == null) {
      return false;
    }
    key.cancel();
    interest = 0;
    return true;
  }

  /** Starts {@code op}, which was posted from another thread and is not cancelled. */
  abstract void start(IoOp<?> op);

  /** Forgets {@code op}, which was cancelled, and drops the interest it held. Idempotent. */
  abstract void cancelled(IoOp<?> op);

  /**
   * {@code op}, posted from another thread, was rejected by a terminated loop (it fails with the
   * rejection after this call): release what it alone holds. Any thread.
   */
  void rejected(IoOp<?> op) {}

  /** Handles readiness for {@code readyOps} (a subset of {@link SelectionKey}'s OP_ bits). */
  abstract void ready(int readyOps);

  /** Whether an operation that should hold the loop open in a graceful shutdown is pending. */
  abstract boolean hasPendingIo();

  /** Fails every pending operation with a {@link java.util.concurrent.CancellationException}. */
  abstract void cancelPending(String reason);

  /** The loop is shutting down: a listener stops accepting. Others do nothing by default. */
  void loopShuttingDown() {}

  /** The loop terminated: close the channel. */
  abstract void loopClosed();
}
