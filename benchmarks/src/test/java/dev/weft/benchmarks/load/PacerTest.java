package dev.weft.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** {@link Pacer} driven by a fake clock: a connection that sends and waits, as RateLoad's do. */
class PacerTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  private final Histogram corrected = new Histogram(3);
  private final Histogram uncorrected = new Histogram(3);

  /** Sends at the due time (or now, if late) and is answered {@code serviceNanos} later. */
  private long exchange(Pacer pacer, long now, long serviceNanos) {
    long send = Math.max(now, pacer.due());
    pacer.sent(send);
    long answered = send + serviceNanos;
    pacer.answered(answered, corrected, uncorrected);
    return answered;
  }

  @Test
  void quickAnswersAreCountedFromTheirIntendedSend() {
    Pacer pacer = new Pacer(0, MS);
    long now = 0;
    for (int i = 0; i < 10; i++) {
      now = exchange(pacer, now, MS / 10);
    }
    assertEquals(10, corrected.getTotalCount());
    assertEquals(MS / 10, corrected.getMaxValue(), MS / 1000);
    assertEquals(MS / 10, uncorrected.getMaxValue(), MS / 1000);
    assertEquals(10 * MS, pacer.due());
  }

  @Test
  void aStalledAnswerMakesTheRequestsDueMeanwhileLate() {
    Pacer pacer = new Pacer(0, MS); // one request every ms
    long now = exchange(pacer, 0, 100 * MS); // the server stalls 100 ms on the first
    for (int i = 1; i < 200; i++) {
      now = exchange(pacer, now, MS / 10); // then answers at once again
    }
    // Requests 1 to 99 were due while the first waited: sent late, each counted from when it
    // was due, as a user sending one a millisecond would see. Request k (sent at 100 + 0.1 (k -
    // 1) ms, answered 0.1 ms later) waited 100 - 0.9 k ms: above 50 ms up to k = 55.
    assertEquals(100 * MS, corrected.getMaxValue(), MS);
    assertEquals(56, countAbove(corrected, 50 * MS));
    // Counted from the actual send, only the stalled request is slow.
    assertEquals(1, countAbove(uncorrected, 50 * MS));
    assertEquals(MS / 10, uncorrected.getValueAtPercentile(90), MS / 1000);
  }

  @Test
  void catchesUpOnceTheBacklogIsSent() {
    Pacer pacer = new Pacer(0, MS);
    long now = exchange(pacer, 0, 10 * MS);
    for (int i = 1; i < 100; i++) {
      now = exchange(pacer, now, MS / 10);
    }
    Histogram late = new Histogram(3);
    late.add(corrected);
    corrected.reset();
    for (int i = 0; i < 10; i++) {
      now = exchange(pacer, now, MS / 10);
    }
    assertEquals(MS / 10, corrected.getMaxValue(), MS / 1000); // on schedule again
    assertEquals(10 * MS, late.getMaxValue(), MS / 100);
  }

  @Test
  void rejectsAPeriodThatIsNotPositive() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Pacer(0, 0));
    assertEquals("Pacer: the period must be positive, got 0", e.getMessage());
  }

  private static long countAbove(Histogram h, long value) {
    return h.getTotalCount() - h.getCountBetweenValues(0, value);
  }
}
