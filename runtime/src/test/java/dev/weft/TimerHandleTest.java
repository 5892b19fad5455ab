package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A timer's states across threads: queued, pending, cancelled, expired. */
class TimerHandleTest {
  private static final long SECOND = 1_000_000_000L;
  private final VirtualLoop v = new VirtualLoop();

  @AfterEach
  void close() {
    v.close();
  }

  @Test
  void cancelledWhileStillOnItsWayToTheLoopItNeverJoinsTheTimers() throws Exception {
    CountDownLatch hold = new CountDownLatch(1);
    CountDownLatch holding = new CountDownLatch(1);
    v.loop.execute(() -> {
      holding.countDown();
      TaskTest.awaitLatch(hold); // keeps the loop from taking the timer off its queue
    });
    assertTrue(holding.await(10, TimeUnit.SECONDS));
    List<String> fired = new ArrayList<>();
    TimerHandle t = v.loop.schedule(() -> fired.add("t"), 1, TimeUnit.SECONDS);
    assertTrue(t.cancel());
    assertTrue(t.isCancelled());
    hold.countDown();
    assertEquals(0, v.pendingTimers());
    v.advance(2 * SECOND);
    v.run(() -> assertEquals(List.of(), fired));
    assertFalse(t.cancel());
  }

  @Test
  void cancelledFromAnotherThreadWhilePendingItLeavesTheTimersAtTheLoopsNextTurn() throws Exception {
    List<String> fired = new ArrayList<>();
    TimerHandle t = v.loop.schedule(() -> fired.add("t"), 1, TimeUnit.SECONDS);
    TimerHandle kept = v.loop.schedule(() -> fired.add("kept"), 1, TimeUnit.SECONDS);
    assertEquals(2, v.pendingTimers());
    assertTrue(t.cancel());
    assertEquals(1, v.pendingTimers());
    v.advance(SECOND);
    v.run(() -> assertEquals(List.of("kept"), fired));
    assertTrue(kept.isExpired());
    assertFalse(kept.cancel());
    assertFalse(t.isExpired());
  }

  @Test
  void theShutdownCancelsAPendingTimerAndALaterCancelChangesNothing() throws Exception {
    TimerHandle t = v.loop.schedule(() -> {}, 1, TimeUnit.SECONDS);
    assertEquals(1, v.pendingTimers());
    v.close();
    assertTrue(t.isCancelled(), "the shutdown cancelled the pending timer");
    assertFalse(t.cancel(), "a second cancel after the loop is gone changes nothing");
    assertTrue(t.isCancelled());
    assertTrue(t.toString().startsWith("TimerHandle[cancelled"));
  }
}
