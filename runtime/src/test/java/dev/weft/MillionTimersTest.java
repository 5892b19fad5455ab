package dev.weft;

import static dev.weft.EventLoopTest.onLoop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A loop on a virtual clock with a million pending timers: half cancelled (on the loop and from
 * another thread), the rest must fire, in deadline order with ties first-in first-out, each by the
 * time its deadline is reached and none before.
 */
class MillionTimersTest {
  private static final int N = 1_000_000;
  private static final long STEP = 50_000; // deadlines on a 50 µs grid: about five timers a value

  /** Logs its index into a shared array; loop thread only. */
  static final class Rec implements Runnable {
    static int[] fired;
    static int count;
    final int index;

    Rec(int index) {
      this.index = index;
    }

    @Override
    public void run() {
      fired[count++] = index;
    }
  }

  @Test
  void halfCancelledTheOtherHalfFiresInOrder() throws Exception {
    // The clock stops every 1.3 s; every timer due by then has run, in order, and none after.
    AtomicLong now = new AtomicLong(123 * TimerWheel.TICK_NANOS);
    long origin = now.get();
    EventLoop loop = new EventLoop("million-timers", IoHandler.PARKING, now::get);
    try {
      SplittableRandom random = new SplittableRandom(2026);
      long[] delays = new long[N];
      for (int i = 0; i < N; i++) {
        delays[i] = (1 + random.nextInt(200_000)) * STEP; // up to 10 s: over two turns of the wheel
      }
      TimerHandle[] handles = new TimerHandle[N];
      Rec.fired = new int[N];
      Rec.count = 0;
      onLoop(loop, () -> {
        for (int i = 0; i < N; i++) {
          handles[i] = loop.schedule(new Rec(i), delays[i], TimeUnit.NANOSECONDS);
        }
      });
      boolean[] cancelled = new boolean[N];
      onLoop(loop, () -> {
        for (int i = 0; i < N; i += 4) {
          cancelled[i] = handles[i].cancel(); // on the loop: unlinked at once
        }
        assertEquals(N - N / 4, loop.timers().size());
      });
      for (int i = 2; i < N; i += 4) {
        cancelled[i] = handles[i].cancel(); // from this thread: unlinked when the loop gets to it
      }
      onLoop(loop, () -> assertEquals(N / 2, loop.timers().size()));

      long[] expected = new long[N / 2]; // (delay << 20 | index) of survivors, sorted
      int k = 0;
      for (int i = 0; i < N; i++) {
        if (!cancelled[i]) {
          expected[k++] = delays[i] << 20 | i;
        }
      }
      assertEquals(N / 2, k);
      Arrays.sort(expected);

      for (long t = 0; t <= 10_400_000_000L; t += 1_300 * TimerWheel.TICK_NANOS) {
        now.set(origin + t);
        long at = t;
        // a timer due now runs after every timer due before it: it sees exactly those
        CompletableFuture<Void> checked = new CompletableFuture<>();
        loop.schedule(() -> {
          try {
            checkPrefix(expected, at);
            checked.complete(null);
          } catch (Throwable e) {
            checked.completeExceptionally(e);
          }
        }, 0, TimeUnit.NANOSECONDS);
        checked.get(30, TimeUnit.SECONDS);
      }
      onLoop(loop, () -> {
        assertEquals(N / 2, Rec.count);
        assertEquals(0, loop.timers().size());
      });
      for (int i = 0; i < N; i++) {
        assertEquals(!cancelled[i], handles[i].isExpired(), "timer " + i);
      }
    } finally {
      loop.close();
      Rec.fired = null;
    }
  }

  /**
   * What fired by {@code now} (relative) is the sorted survivors up to {@code now}: all that were
   * due, none early, in order.
   */
  private static void checkPrefix(long[] expected, long now) {
    int count = Rec.count;
    for (int i = 0; i < count; i++) {
      if ((int) (expected[i] & 0xFFFFF) != Rec.fired[i]) {
        throw new AssertionError("fired #" + i + " was timer " + Rec.fired[i] + ", expected "
            + (expected[i] & 0xFFFFF));
      }
    }
    if (count > 0) {
      assertTrue((expected[count - 1] >>> 20) <= now, "a timer fired early");
    }
    if (count < expected.length) {
      long firstPending = expected[count] >>> 20;
      assertTrue(firstPending > now, "a timer due at " + firstPending + " had not fired at " + now);
    }
  }
}
