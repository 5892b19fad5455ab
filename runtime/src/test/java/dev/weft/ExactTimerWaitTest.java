package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * An idle loop waits exactly until its next timer's deadline, in nanoseconds, not until the end of
 * the timer's millisecond tick. The clock is virtual: the I/O handler moves it by the time it is
 * asked to wait, so what the loop asked for is what the test sees.
 */
class ExactTimerWaitTest {
  private static final long MS = 1_000_000L;

  /** Waits by moving the clock; records each timed wait. */
  private static final class ClockMovingHandler implements IoHandler {
    final AtomicLong now;
    final List<Long> waits = new CopyOnWriteArrayList<>();

    ClockMovingHandler(AtomicLong now) {
      this.now = now;
    }

    @Override
    public int run(long timeoutNanos) {
      if (timeoutNanos > 0) {
        waits.add(timeoutNanos);
        now.addAndGet(timeoutNanos);
      } else if (timeoutNanos < 0) {
        LockSupport.park(this);
      }
      return 0;
    }

    @Override
    public void wakeup(Thread loopThread) {
      LockSupport.unpark(loopThread);
    }
  }

  @Test
  void aOneMillisecondSleepEndsAtItsDeadlineWithinItsTick() throws Exception {
    AtomicLong now = new AtomicLong(1_000 * MS + MS / 3); // a third into a tick
    ClockMovingHandler io = new ClockMovingHandler(now);
    EventLoop loop = new EventLoop("exact-wait", io, now::get);
    try {
      long[] start = new long[1];
      CompletableFuture<Long> endedAt = new CompletableFuture<>();
      EventLoopTest.onLoop(loop, () -> {
        start[0] = now.get();
        Task<Void> sleep = Task.sleep(Duration.ofMillis(1));
        sleep.thenRun(() -> endedAt.complete(now.get()));
        assertFalse(sleep.isDone());
      });
      assertEquals(start[0] + MS, endedAt.get(10, TimeUnit.SECONDS),
          "ends at its deadline: not before, and not at the end of the tick it falls in");
      assertEquals(List.of(MS), io.waits, "one wait, exactly as long as the sleep");
    } finally {
      loop.close();
    }
  }

  @Test
  void timersWithinOneTickEachWakeTheLoopAtTheirOwnDeadline() throws Exception {
    AtomicLong now = new AtomicLong(2_000 * MS);
    ClockMovingHandler io = new ClockMovingHandler(now);
    EventLoop loop = new EventLoop("exact-wait", io, now::get);
    try {
      List<Long> firedAt = new CopyOnWriteArrayList<>();
      CompletableFuture<Void> last = new CompletableFuture<>();
      EventLoopTest.onLoop(loop, () -> {
        loop.schedule(() -> firedAt.add(now.get()), 1_250_000, TimeUnit.NANOSECONDS);
        loop.schedule(() -> firedAt.add(now.get()), 1_100_000, TimeUnit.NANOSECONDS);
        loop.schedule(() -> {
          firedAt.add(now.get());
          last.complete(null);
        }, 1_900_000, TimeUnit.NANOSECONDS);
      });
      last.get(10, TimeUnit.SECONDS);
      long t0 = 2_000 * MS;
      assertEquals(List.of(t0 + 1_100_000, t0 + 1_250_000, t0 + 1_900_000), firedAt);
      assertEquals(List.of(1_100_000L, 150_000L, 650_000L), io.waits);
    } finally {
      loop.close();
    }
  }
}
