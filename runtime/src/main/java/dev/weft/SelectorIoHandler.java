package dev.weft;

import dev.weft.internal.util.Logs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The {@link IoHandler} of a loop that does socket I/O: one {@link Selector} (epoll on Linux) per
 * loop. Each ready key's attachment is an {@link IoRegistration}, called on the loop thread.
 *
 * <p>A wait for a timer is exact to the park's precision, although epoll takes milliseconds: the
 * whole milliseconds of a wait are a select, rounded down so that it never ends after the
 * deadline, and the rest (under a millisecond) parks the thread, in slices of at most {@link
 * #PARK_SLICE_NANOS} with a poll of the sockets after each while sockets are registered. An idle
 * loop with no timer blocks in the selector and spends no CPU.
 *
 * <p>Everything but {@link #wakeup} runs on the loop thread; interest ops are changed only there.
 */
final class SelectorIoHandler implements IoHandler {
  /** The smallest select timeout, one millisecond; a shorter wait parks instead. */
  static final long SELECT_GRAIN_NANOS = 1_000_000L;
  /** While sockets are registered, how long a sub-millisecond wait parks before polling them. */
  static final long PARK_SLICE_NANOS = 100_000L;
  private final Selector selector;
  /** Calls the registration of each selected key; one instance for the loop's life. */
  private final Consumer<SelectionKey> dispatch = this::dispatch;
  /** Set once the loop shuts down: listeners refuse to accept. */
  private boolean shuttingDown;
  /** Set once pending I/O was cancelled: new operations fail with it at once. */
  private String refusal;
  /** Whether a select (and so a dispatch) is in progress. */
  private boolean selecting;
  /** Whether {@link #flushCancelledKeys} was asked for during a select. */
  private boolean flushAfterSelect;
  /** Whether the loop thread parks (a wait under a millisecond) rather than selects. */
  private volatile boolean parking;

  static {
    preloadCloseMachinery();
  }

  /**
   * Opens and closes a socket once, while file descriptors are still available: the JDK
   * initializes the class that closes sockets on the first close, and that initialization needs a
   * descriptor of its own. Done first under fd exhaustion, it fails for good
   * (NoClassDefFoundError on every later close), so no connection could ever be closed again to
   * free a descriptor.
   */
  private static void preloadCloseMachinery() {
    try {
      java.nio.channels.SocketChannel.open().close();
    } catch (IOException | RuntimeException e) {
      // no socket now: the first real close will initialize it
    }
  }

  SelectorIoHandler() {
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open a selector for an event loop", e);
    }
  }

  @Override
  public int run(long timeoutNanos) {
    selecting = true;
    try {
      return select(timeoutNanos);
    } finally {
      selecting = false;
      if (flushAfterSelect) {
        flushAfterSelect = false;
        flushCancelledKeys();
      }
    }
  }

  private int select(long timeoutNanos) {
    try {
      if (timeoutNanos == 0) {
        return selector.keys().isEmpty() ? 0 : selector.selectNow(dispatch);
      }
      if (timeoutNanos < 0) {
        return selector.select(dispatch);
      }
      long millis = selectMillis(timeoutNanos);
      return millis > 0 ? selector.select(dispatch, millis) : parkThenPoll(timeoutNanos);
    } catch (IOException e) {
      Logs.log(Logs.LOOP, System.Logger.Level.WARNING, () -> "Selector failed", e);
      return 0;
    }
  }

  /**
   * The select timeout for a wait of {@code timeoutNanos} (positive): its whole milliseconds,
   * never more, so the loop is not late for a timer; 0 when under a millisecond (park instead).
   */
  static long selectMillis(long timeoutNanos) {
    return timeoutNanos / SELECT_GRAIN_NANOS;
  }

  /**
   * A wait under a millisecond: parks the thread for it, or for one slice of it while sockets are
   * registered, then polls their readiness. {@link #wakeup} unparks.
   */
  private int parkThenPoll(long timeoutNanos) throws IOException {
    boolean sockets = !selector.keys().isEmpty();
    parking = true;
    LockSupport.parkNanos(this, sockets ? Math.min(timeoutNanos, PARK_SLICE_NANOS) : timeoutNanos);
    parking = false;
    return sockets ? selector.selectNow(dispatch) : 0;
  }

  private void dispatch(SelectionKey key) {
    if (!key.isValid()) {
      return; // cancelled by an earlier key's handling in this batch
    }
    IoRegistration r = (IoRegistration) key.attachment();
    try {
      r.ready(key.readyOps());
    } catch (Throwable t) {
      Logs.log(Logs.LOOP, System.Logger.Level.WARNING, () -> "I/O handling of " + r + " threw", t);
    }
  }

  @Override
  public void wakeup(Thread loopThread) {
    LockSupport.unpark(loopThread); // a spurious unpark costs the loop one empty turn at most
    if (!parking) {
      selector.wakeup();
    }
  }

  @Override
  public SelectionKey register(SelectableChannel channel, int ops, IoRegistration r) throws IOException {
    return channel.register(selector, ops, r);
  }

  /**
   * Completes the deregistration of cancelled keys now rather than at the next select, so that a
   * closed channel releases its socket at once (a registered channel's socket is closed only when
   * its key is deregistered). Readiness of other keys is not lost: the selector is level-triggered
   * and reports it again at the next select. Loop thread only.
   */
  @Override
  public void flushCancelledKeys() {
    if (selecting) {
      flushAfterSelect = true;
      return;
    }
    try {
      selector.selectNow();
      selector.selectedKeys().clear();
    } catch (IOException | ClosedSelectorException e) {
      Logs.log(Logs.LOOP, System.Logger.Level.DEBUG, () -> "Flushing cancelled keys failed", e);
    }
  }

  @Override
  public boolean isShuttingDown() {
    return shuttingDown;
  }

  @Override
  public CancellationException refusal() {
    return refusal == null ? null : new CancellationException(refusal);
  }

  @Override
  public void startShutdown() {
    shuttingDown = true;
    for (IoRegistration r : registrations()) {
      r.loopShuttingDown();
    }
  }

  @Override
  public boolean hasPendingIo() {
    for (IoRegistration r : registrations()) {
      if (r.hasPendingIo()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void cancelPendingIo(String reason) {
    shuttingDown = true;
    refusal = reason;
    for (IoRegistration r : registrations()) {
      r.cancelPending(reason);
    }
  }

  @Override
  public void close() {
    if (refusal == null) {
      cancelPendingIo("I/O cancelled: the event loop terminated");
    }
    for (IoRegistration r : registrations()) {
      r.loopClosed();
    }
    try {
      selector.close();
    } catch (IOException | ClosedSelectorException e) {
      Logs.log(Logs.LOOP, System.Logger.Level.WARNING, () -> "Closing the selector failed", e);
    }
  }

  private IoRegistration[] registrations() {
    try {
      return selector.keys().stream()
          .map(k -> (IoRegistration) k.attachment())
          .toArray(IoRegistration[]::new);
    } catch (ClosedSelectorException e) {
      return new IoRegistration[0];
    }
  }

  @Override
  public String toString() {
    return "SelectorIoHandler[" + selector.provider().getClass().getSimpleName() + "]";
  }
}
