package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The two timer structures against one reference model, and the wheel's own guarantees. */
class TimerQueueTest {
  private static final long MS = 1_000_000L;

  static TimerQueue create(String kind) {
    return kind.equals("heap") ? new TimerHeap() : new TimerWheel();
  }

  /** A timer task that logs its id. */
  record Rec(int id, List<Integer> log) implements Runnable {
    @Override
    public void run() {
      log.add(id);
    }
  }

  /**
   * Random adds, removes and clock steps, the clock stopping anywhere within a tick: after each
   * step both structures must have run exactly the timers with deadline at or before now, in
   * deadline order, equal deadlines in insertion order; and the next deadline they report is never
   * after the first pending one.
   */
  @ParameterizedTest
  @ValueSource(strings = {"heap", "wheel"})
  void matchesTheReferenceModel(String kind) {
    TimerQueue q = create(kind);
    SplittableRandom r = new SplittableRandom(11);
    List<Integer> log = new ArrayList<>();
    List<TimerHandle> handles = new ArrayList<>();
    Comparator<TimerHandle> order = Comparator.<TimerHandle>comparingLong(t -> t.deadline)
        .thenComparingInt(t -> ((Rec) t.task).id());
    TreeSet<TimerHandle> model = new TreeSet<>(order);
    long now = 7 * MS;
    q.runExpired(now, null);
    for (int step = 0; step < 20_000; step++) {
      int op = r.nextInt(100);
      if (op < 60) {
        // mostly up to 12 s ahead (three slots of the wheel), some in the past, many ties; a few
        // hours ahead, beyond one turn of the coarse wheel
        // ahead; some within the tick the clock is in, and at any nanosecond of a tick
        long deadline = op < 40
            ? now + (r.nextInt(24_000) - 500) * (MS / 2)
            : op < 50 ? now + r.nextLong(4 * MS) - MS
            : op < 57 ? now + r.nextLong(40 * MS)
            : now + r.nextLong(6 * 3_600_000L) * MS + r.nextLong(MS);
        TimerHandle t = new TimerHandle(null, new Rec(handles.size(), log), deadline);
        handles.add(t);
        q.add(t);
        model.add(t);
      } else if (op < 80 && !handles.isEmpty()) {
        TimerHandle t = handles.get(r.nextInt(handles.size()));
        q.remove(t);
        model.remove(t);
      } else {
        now += op == 99 ? r.nextLong(3 * 3_600_000L) * MS
            : op < 90 ? r.nextLong(3 * MS) : r.nextInt(40) * MS;
        List<Integer> expected = new ArrayList<>();
        while (!model.isEmpty() && model.first().deadline <= now) {
          expected.add(((Rec) model.pollFirst().task).id());
        }
        log.clear();
        q.runExpired(now, null);
        assertEquals(expected, log, "at step " + step);
        long next = q.nextDeadline();
        assertTrue(model.isEmpty() ? next == TimerQueue.NONE : next <= model.first().deadline,
            "at step " + step + ", nextDeadline " + next + " is after the first deadline");
      }
      assertEquals(model.size(), q.size());
    }
  }

  @Test
  void wheelRunsATimerAtItsExactDeadlineNotAtTheEndOfItsTick() {
    TimerWheel w = new TimerWheel();
    List<Integer> log = new ArrayList<>();
    w.runExpired(MS / 3, null);
    w.add(new TimerHandle(null, new Rec(1, log), MS / 3 + MS)); // a 1 ms sleep
    assertEquals(MS / 3 + MS, w.nextDeadline(), "the loop waits for the deadline itself");
    w.runExpired(MS / 3 + MS - 1, null);
    assertEquals(List.of(), log, "never early, though its tick has begun");
    assertEquals(MS / 3 + MS, w.nextDeadline());
    w.runExpired(MS / 3 + MS, null);
    assertEquals(List.of(1), log, "at its deadline, within its tick");
    assertEquals(TimerQueue.NONE, w.nextDeadline());
  }

  @Test
  void timersOfTheTickTheClockIsInRunInDeadlineOrderEachAtItsDeadline() {
    TimerWheel w = new TimerWheel();
    List<Integer> log = new ArrayList<>();
    w.runExpired(10 * MS, null);
    w.add(new TimerHandle(null, new Rec(3, log), 11 * MS + 700));
    w.add(new TimerHandle(null, new Rec(1, log), 11 * MS + 100));
    TimerHandle gone = new TimerHandle(null, new Rec(9, log), 11 * MS + 100);
    w.add(gone);
    w.add(new TimerHandle(null, new Rec(2, log), 11 * MS + 100)); // equal deadline: after 1
    w.runExpired(11 * MS, null); // the tick begins: nothing is due yet
    assertEquals(List.of(), log);
    w.remove(gone);
    w.add(new TimerHandle(null, new Rec(4, log), 11 * MS + 700)); // added late, after 3
    w.add(new TimerHandle(null, new Rec(0, log), 11 * MS + 50)); // added late, first
    assertEquals(11 * MS + 50, w.nextDeadline());
    w.runExpired(11 * MS + 100, null);
    assertEquals(List.of(0, 1, 2), log);
    assertEquals(11 * MS + 700, w.nextDeadline());
    w.runExpired(11 * MS + 699, null);
    assertEquals(List.of(0, 1, 2), log);
    w.runExpired(11 * MS + 700, null);
    assertEquals(List.of(0, 1, 2, 3, 4), log);
    assertEquals(0, w.size());
  }

  @Test
  void wheelRunsTimersExactlyOnANegativeClock() {
    TimerWheel w = new TimerWheel(); // System.nanoTime may be negative
    List<Integer> log = new ArrayList<>();
    w.runExpired(-10 * MS + 333, null);
    w.add(new TimerHandle(null, new Rec(2, log), -8 * MS - 1));
    w.add(new TimerHandle(null, new Rec(1, log), -9 * MS + 5));
    assertEquals(-9 * MS + 5, w.nextDeadline());
    w.runExpired(-9 * MS + 4, null);
    assertEquals(List.of(), log);
    w.runExpired(-9 * MS + 5, null);
    assertEquals(List.of(1), log);
    assertEquals(-8 * MS - 1, w.nextDeadline());
    w.runExpired(-8 * MS - 1, null);
    assertEquals(List.of(1, 2), log);
  }

  @Test
  void wheelKeepsTimersOfLaterTurnsInTheirBucket() {
    TimerWheel w = new TimerWheel();
    List<Integer> log = new ArrayList<>();
    w.runExpired(0, null);
    long turn = TimerWheel.BUCKETS * MS;
    w.add(new TimerHandle(null, new Rec(2, log), 2 * turn + 5 * MS));
    w.add(new TimerHandle(null, new Rec(1, log), 5 * MS));
    w.runExpired(5 * MS, null);
    assertEquals(List.of(1), log);
    w.runExpired(turn + 5 * MS, null);
    w.runExpired(2 * turn + 4 * MS, null);
    assertEquals(List.of(1), log, "same bucket, two turns later");
    assertEquals(2 * turn + 5 * MS, w.nextDeadline());
    w.runExpired(2 * turn + 5 * MS, null);
    assertEquals(List.of(1, 2), log);
  }

  @Test
  void wheelRunsTimersAddedForAPassedTickAtTheNextTurn() {
    TimerWheel w = new TimerWheel();
    List<Integer> log = new ArrayList<>();
    w.runExpired(10 * MS, null);
    w.add(new TimerHandle(null, new Rec(2, log), 9 * MS));
    w.add(new TimerHandle(null, new Rec(1, log), 3 * MS));
    assertTrue(w.nextDeadline() <= 10 * MS, "due now: the loop must not park");
    w.runExpired(10 * MS, null);
    assertEquals(List.of(1, 2), log, "deadline order among overdue timers");
    assertEquals(0, w.size());
  }

  @Test
  void wheelRemoveUnlinksAtOnceAndIgnoresStrangers() {
    TimerWheel w = new TimerWheel();
    List<Integer> log = new ArrayList<>();
    w.runExpired(0, null);
    TimerHandle a = new TimerHandle(null, new Rec(1, log), 5 * MS);
    TimerHandle b = new TimerHandle(null, new Rec(2, log), 5 * MS);
    TimerHandle c = new TimerHandle(null, new Rec(3, log), 5 * MS);
    w.add(a);
    w.add(b);
    w.add(c);
    w.remove(b);
    w.remove(b);
    w.remove(new TimerHandle(null, new Rec(4, log), 5 * MS));
    assertEquals(2, w.size());
    w.runExpired(5 * MS, null);
    assertEquals(List.of(1, 3), log);
    assertFalse(b.isExpired());
  }

  @Test
  void wheelTimersBeyondOneTurnOfTheCoarseWheelWaitForTheirRound() {
    TimerWheel w = new TimerWheel();
    List<Integer> log = new ArrayList<>();
    w.runExpired(0, null);
    long slot = TimerWheel.BUCKETS * MS;
    long turn = TimerWheel.SLOTS * slot; // about 4.6 h
    w.add(new TimerHandle(null, new Rec(2, log), turn + 3 * slot + 7 * MS));
    w.add(new TimerHandle(null, new Rec(1, log), 3 * slot + 7 * MS)); // same coarse bucket
    assertEquals(3 * slot, w.nextDeadline(), "wake at the slot start to move it down");
    w.runExpired(3 * slot, null);
    assertEquals(3 * slot + 7 * MS, w.nextDeadline(), "exact once in the fine wheel");
    w.runExpired(3 * slot + 7 * MS, null);
    assertEquals(List.of(1), log);
    w.runExpired(turn + 3 * slot + 6 * MS, null);
    assertEquals(List.of(1), log, "one turn later, not yet");
    w.runExpired(turn + 3 * slot + 7 * MS, null);
    assertEquals(List.of(1, 2), log);
    assertEquals(0, w.size());
  }

  @Test
  void wheelNeedsTheClockBeforeTheFirstTimer() {
    TimerWheel w = new TimerWheel();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> w.add(new TimerHandle(null, () -> {}, 5)));
    assertTrue(e.getMessage().contains("before the first runExpired"));
  }

  @Test
  void wheelClearDropsEverything() {
    TimerWheel w = new TimerWheel();
    List<Integer> log = new ArrayList<>();
    w.runExpired(0, null);
    TimerHandle a = new TimerHandle(null, new Rec(1, log), 5 * MS);
    w.add(a);
    w.clear();
    assertEquals(0, w.size());
    assertEquals(TimerQueue.NONE, w.nextDeadline());
    w.remove(a); // no longer linked: harmless
    w.runExpired(100 * MS, null);
    assertEquals(List.of(), log);
  }
}
