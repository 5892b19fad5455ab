package dev.weft;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** An event loop on a virtual clock that a test moves forward; starts at a tick boundary. */
final class VirtualLoop implements AutoCloseable {
  final AtomicLong now = new AtomicLong(1_000 * TimerWheel.TICK_NANOS);
  final EventLoop loop = new EventLoop("virtual-loop", IoHandler.PARKING, now::get);

  /**
   * Moves the clock forward by {@code nanos} (keep it a whole number of ticks) and waits until the
   * loop has run every timer due by then: a timer due at the new time, added last, runs after them.
   */
  void advance(long nanos) throws Exception {
    now.addAndGet(nanos);
    CompletableFuture<Void> reached = new CompletableFuture<>();
    loop.schedule(() -> reached.complete(null), 0, TimeUnit.NANOSECONDS);
    reached.get(10, TimeUnit.SECONDS);
  }

  /** Runs {@code r} on the loop and waits for it. */
  void run(Runnable r) throws Exception {
    EventLoopTest.onLoop(loop, r);
  }

  int pendingTimers() throws Exception {
    int[] n = new int[1];
    run(() -> n[0] = loop.timers().size());
    return n[0];
  }

  @Override
  public void close() {
    loop.close();
  }
}
