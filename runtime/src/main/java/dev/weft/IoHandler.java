package dev.weft;

import java.util.concurrent.locks.LockSupport;

/**
 * What an {@link EventLoop} does when it has nothing to run: wait for I/O readiness, a wakeup, or
 * the next timer. Loops made by {@code new EventLoop()} use a {@link SelectorIoHandler} (a {@code
 * java.nio.channels.Selector}, epoll on Linux) for non-blocking sockets; {@link #PARKING} only
 * parks the thread (tests with a virtual clock use it). The split follows Netty 4.2's {@code
 * SingleThreadIoEventLoop} and its {@code IoHandler}s.
 */
interface IoHandler {
  /**
   * Waits for I/O or a {@link #wakeup} and handles ready I/O. Loop thread only.
   *
   * @param timeoutNanos how long to wait at most: 0 polls without waiting, negative waits until
   *     woken up
   * @return how many I/O events were handled (0 for the parking handler); it may return early
   */
  int run(long timeoutNanos);

  /**
   * Makes a {@link #run} in progress, or the next one, return promptly. Any thread; the loop calls
   * it at most once per park.
   */
  void wakeup(Thread loopThread);

  /**
   * Releases resources when the loop terminates, failing every I/O operation still pending (none
   * is left waiting forever). Loop thread only.
   */
  default void close() {}

  /**
   * The loop began a graceful shutdown: stop accepting new connections (pending accepts fail with
   * {@link java.util.concurrent.CancellationException}). Loop thread only.
   */
  default void startShutdown() {}

  /** Whether a read, write or connect is pending, so that a shutting-down loop waits. Loop thread. */
  default boolean hasPendingIo() {
    return false;
  }

  /**
   * Fails every pending I/O operation with a {@link java.util.concurrent.CancellationException}
   * carrying {@code reason}, and every one started afterwards at once. Loop thread only.
   */
  default void cancelPendingIo(String reason) {}

  /**
   * Registers {@code channel} for {@code ops} with {@code r} as its attachment, whose {@link
   * IoRegistration#ready} then runs when the channel is ready. Loop thread only.
   *
   * @throws IllegalStateException when this handler has no selector (a loop made for tests)
   */
  default java.nio.channels.SelectionKey register(java.nio.channels.SelectableChannel channel, int ops,
      IoRegistration r) throws java.io.IOException {
    throw new IllegalStateException("this loop has no selector (its I/O handler is " + this
        + "); use a loop made by new EventLoop()");
  }

  /**
   * Completes the deregistration of cancelled keys now rather than at the next select, so that a
   * closed channel releases its socket at once. Loop thread only.
   */
  default void flushCancelledKeys() {}

  /** Whether the loop is shutting down (no new connections are accepted). Loop thread only. */
  default boolean isShuttingDown() {
    return false;
  }

  /** The failure for an operation that would start pending, or null if it may. Loop thread only. */
  default java.util.concurrent.CancellationException refusal() {
    return null;
  }

  /** The handler without I/O: parks the loop thread. */
  IoHandler PARKING = new IoHandler() {
    @Override
    public int run(long timeoutNanos) {
      if (timeoutNanos < 0) {
        LockSupport.park(this);
      } else if (timeoutNanos > 0) {
        LockSupport.parkNanos(this, timeoutNanos);
      }
      return 0;
    }

    @Override
    public void wakeup(Thread loopThread) {
      LockSupport.unpark(loopThread);
    }
  };
}
