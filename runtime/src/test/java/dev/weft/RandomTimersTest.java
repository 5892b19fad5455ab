package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Random schedules and cancels through the public API of a driven loop, against a reference model:
 * every timer not cancelled fires exactly at its deadline, in deadline order (equal deadlines in
 * the order scheduled); a cancelled one never fires; cancel says true exactly while it is pending.
 */
class RandomTimersTest {
  private static final long MS = 1_000_000L;

  /** A timer of the model: its id (scheduling order) and its deadline. */
  private record Planned(int id, long deadline) {}

  @Test
  void survivorsFireEachAtItsDeadlineInOrderAndCancelledOnesNever() {
    AtomicLong now = new AtomicLong(5_000 * MS + 123_457); // not on a millisecond
    SplittableRandom r = new SplittableRandom(2027);
    List<long[]> fired = new ArrayList<>(); // {id, clock when it ran}
    List<TimerHandle> handles = new ArrayList<>();
    List<Planned> plans = new ArrayList<>();
    TreeSet<Planned> pending = new TreeSet<>(
        Comparator.comparingLong(Planned::deadline).thenComparingInt(Planned::id));
    try (DrivenLoop driven = new DrivenLoop("random-timers", now::get)) {
      EventLoop loop = driven.loop();
      for (int step = 0; step < 30_000; step++) {
        int op = r.nextInt(100);
        if (op < 50) {
          long delay = op < 35 ? r.nextLong(3 * MS) // mostly within a few ticks, any nanosecond
              : op < 45 ? r.nextInt(4) * MS / 2 // ties
              : r.nextLong(10_000 * MS); // up to 10 s: later slots
          int id = handles.size();
          handles.add(loop.schedule(() -> fired.add(new long[] {id, now.get()}), delay,
              TimeUnit.NANOSECONDS));
          Planned p = new Planned(id, now.get() + delay);
          plans.add(p);
          pending.add(p);
        } else if (op < 70 && !handles.isEmpty()) {
          int id = r.nextInt(handles.size());
          boolean wasPending = pending.remove(plans.get(id));
          assertEquals(wasPending, handles.get(id).cancel(), "cancel of timer " + id);
        } else {
          long target = now.get() + (op < 98 ? r.nextLong(2 * MS) : r.nextLong(5_000 * MS));
          fired.clear();
          List<Planned> expected = new ArrayList<>();
          while (!pending.isEmpty() && pending.first().deadline() <= target) {
            expected.add(pending.pollFirst());
          }
          for (long next = driven.nextTimerDeadline(); next <= target;
              next = driven.nextTimerDeadline()) {
            now.set(Math.max(now.get(), next)); // stops at each due time, as VirtualTime does
            driven.runDue();
          }
          now.set(target);
          driven.runDue();
          assertEquals(expected.size(), fired.size(), "timers fired by step " + step);
          for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).id(), fired.get(i)[0], "order, at step " + step);
            assertEquals(expected.get(i).deadline(), fired.get(i)[1],
                "timer " + expected.get(i).id() + " ran at its deadline, not before, not after");
          }
        }
      }
      assertEquals(pending.size(), loop.timers().size());
    }
  }
}
