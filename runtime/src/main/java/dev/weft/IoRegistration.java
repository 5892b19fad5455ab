package dev.weft;

import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * The I/O SPI of an {@link EventLoop}: a channel bound to one loop's selector for its whole life,
 * and the attachment of its {@link SelectionKey}. A transport (TCP in {@code dev.weft.net}; UDP,
 * TLS or files later) extends it, asks for readiness with {@link #addInterest}, and is called back
 * on the loop thread: {@link #ready} when the channel is ready for the operations of interest,
 * {@link #hasPendingIo}, {@link #cancelPending}, {@link #loopShuttingDown} and {@link #loopClosed}
 * as the loop shuts down. The channel is registered on first need (the first operation that must
 * wait). Applications use the transports, not this class.
 *
 * <p>Every method runs on the loop thread only, except {@link #loop()}.
 */
public abstract class IoRegistration {
  /** The loop that owns the channel for its whole life. */
  protected final EventLoop loop;
  private final SelectableChannel channel;
  private SelectionKey key;
  private int interest;

  /**
   * A registration of {@code channel} (non-blocking) with {@code loop}, made on first need.
   *
   * @param loop the loop every callback runs on; a loop made by {@code new EventLoop()}
   * @param channel the channel, already in non-blocking mode
   */
  protected IoRegistration(EventLoop loop, SelectableChannel channel) {
    this.loop = loop;
    this.channel = channel;
  }

  /** The loop that owns the channel. Any thread. */
  public final EventLoop loop() {
    return loop;
  }

  /**
   * Adds {@code ops} ({@link SelectionKey}'s {@code OP_} bits) to the interest set, registering
   * the channel with the selector the first time.
   *
   * @return null, or the reason the operation cannot wait: the loop cancelled its I/O (a {@link
   *     java.util.concurrent.CancellationException}), or the channel is closed
   */
  protected final Throwable addInterest(int ops) {
    Throwable refused = loop.io().refusal();
    if (refused != null) {
      return refused;
    }
    try {
      if (key == null) {
        key = loop.io().register(channel, ops, this);
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

  /** The interest set as last given to the selector. */
  protected final int interest() {
    return interest;
  }

  /** Removes {@code ops} from the interest set. */
  protected final void removeInterest(int ops) {
    if (key != null && (interest & ops) != 0) {
      interest &= ~ops;
      if (key.isValid()) {
        key.interestOps(interest);
      }
    }
  }

  /** Cancels the selection key (before the channel is closed); whether there was one. */
  protected final boolean deregister() {
    if (key == null) {
      return false;
    }
    key.cancel();
    interest = 0;
    return true;
  }

  /**
   * Completes the deregistration of cancelled keys now rather than at the next select, so that a
   * channel closed after {@link #deregister} releases its socket (a listener's port) at once.
   */
  protected final void flushCancelledKeys() {
    loop.io().flushCancelledKeys();
  }

  /** Whether the loop is shutting down gracefully: a listener stops accepting. */
  protected final boolean loopIsShuttingDown() {
    return loop.io().isShuttingDown();
  }

  /** Handles readiness for {@code readyOps} (a subset of {@link SelectionKey}'s OP_ bits). */
  protected abstract void ready(int readyOps);

  /** Whether an operation that should hold the loop open in a graceful shutdown is pending. */
  protected abstract boolean hasPendingIo();

  /** Fails every pending operation with a {@link java.util.concurrent.CancellationException}. */
  protected abstract void cancelPending(String reason);

  /** The loop is shutting down: a listener stops accepting. Others do nothing by default. */
  protected void loopShuttingDown() {}

  /** The loop terminated: close the channel. */
  protected abstract void loopClosed();
}
