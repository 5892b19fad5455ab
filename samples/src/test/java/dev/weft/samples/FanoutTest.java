package dev.weft.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.weft.Task;
import dev.weft.test.VirtualTime;
import dev.weft.test.WeftTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The fan-out sample on virtual time: its tasks' sleeps (1 to 250 ms each) take no real time, and
 * the fan-in completes exactly when the longest sleep ends, not at their sum.
 */
@WeftTest
class FanoutTest {
  private static final int TASKS = 2_000;

  @Test
  void theFanInEndsWhenTheLongestSleepEnds(VirtualTime time) {
    long longest = 0;
    long expected = 0;
    for (int i = 0; i < TASKS; i++) {
      longest = Math.max(longest, Fanout.sleepMillis(i));
      expected += Fanout.compute(i);
    }
    Task<Long> sum = new Fanout().fanIn(TASKS);
    time.advanceBy(Duration.ofMillis(longest - 1));
    assertFalse(sum.isDone(), "the longest sleep has not ended yet");
    time.advanceBy(Duration.ofMillis(1));
    assertEquals(expected, time.join(sum));
    assertEquals(Duration.ofMillis(longest), time.now());
  }
}
