package dev.weft;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The timers of a {@link TimerWheel} whose tick the clock has already entered: one array sorted by
 * deadline, equal deadlines in the order they were added, so that each runs at its exact deadline
 * rather than at the end of its tick. Loop thread only.
 *
 * <p>A tick's bucket arrives whole when the clock enters the tick ({@link #appendBucket}): its
 * timers all come after those already here, so the array stays sorted with one stable sort of the
 * new part (a bucket is nearly sorted already: timers added together have nearby deadlines). A
 * timer added later for a tick already entered is inserted after the equal deadlines ({@link
 * #insert}); a removed one closes its gap ({@link #remove}). Both move the shorter side of the
 * array by one; the live part is {@code [head, end)}. Taking the due timers from the front costs
 * nothing more; an insert or a remove copies up to half the entries, a few microseconds for the
 * thousands of timers one millisecond may hold (a remove also scans the timers of equal deadline).
 */
final class NearTimers {
  /** Earlier deadline first; stable sorts keep equal deadlines in the order they were added. */
  private static final Comparator<TimerHandle> BY_DEADLINE =
      (a, b) -> Long.signum(a.deadline - b.deadline);

  private TimerHandle[] timers = new TimerHandle[64];
  private int head;
  private int end;

  int size() {
    return end - head;
  }

  boolean isEmpty() {
    return head == end;
  }

  /** The earliest deadline here; only when not {@link #isEmpty}. */
  long firstDeadline() {
    return timers[head].deadline;
  }

  /**
   * Moves a whole bucket here: the list from {@code first} along {@link TimerHandle#nextTimer}, in
   * the order it was added, whose timers are all due no earlier than those already here. Unlinks
   * them; returns how many moved.
   */
  int appendBucket(TimerHandle first) {
    int from = end;
    for (TimerHandle t = first, next; t != null; t = next) {
      next = t.nextTimer;
      t.prevTimer = null;
      t.nextTimer = null;
      t.index = TimerWheel.NEAR;
      if (end == timers.length) {
        from -= makeRoom();
      }
      timers[end++] = t;
    }
    if (end - from > 1) {
      Arrays.sort(timers, from, end, BY_DEADLINE);
    }
    return end - from;
  }

  /** Inserts {@code t} after every timer due at or before its deadline. */
  void insert(TimerHandle t) {
    int at = end;
    while (at > head && timers[at - 1].deadline - t.deadline > 0) {
      at--;
      if (end - at > 8) {
        at = upperBound(t.deadline); // far from the end: search instead of walking
        break;
      }
    }
    if (head > 0 && at - head < end - at) {
      System.arraycopy(timers, head, timers, head - 1, at - head);
      head--;
      at--;
    } else {
      if (end == timers.length) {
        int shift = makeRoom();
        at -= shift;
      }
      System.arraycopy(timers, at, timers, at + 1, end - at);
      end++;
    }
    timers[at] = t;
    t.index = TimerWheel.NEAR;
  }

  /** Takes out {@code t}, which must be here. */
  void remove(TimerHandle t) {
    int at = lowerBound(t.deadline);
    while (timers[at] != t) {
      at++;
    }
    if (at - head < end - at - 1) {
      System.arraycopy(timers, head, timers, head + 1, at - head);
      timers[head++] = null;
    } else {
      System.arraycopy(timers, at + 1, timers, at, end - at - 1);
      timers[--end] = null;
    }
    t.index = -1;
  }

  /** Takes out and returns the first timer if its deadline is at or before {@code now}, else null. */
  TimerHandle pollDue(long now) {
    if (head == end) {
      return null;
    }
    TimerHandle t = timers[head];
    if (t.deadline - now > 0) {
      return null;
    }
    timers[head++] = null;
    if (head == end) {
      head = 0;
      end = 0;
    }
    t.index = -1;
    return t;
  }

  /** Takes out every timer, adding each to {@code into} unless it is null. */
  void drainTo(List<TimerHandle> into) {
    for (int i = head; i < end; i++) {
      TimerHandle t = timers[i];
      timers[i] = null;
      t.index = -1;
      if (into != null) {
        into.add(t);
      }
    }
    head = 0;
    end = 0;
    if (timers.length > 4096) {
      timers = new TimerHandle[64]; // do not hold on to the array of a burst
    }
  }

  /**
   * Makes room at the end: moves the live part to the front, growing the array when it is more
   * than half full. Returns how far the live part moved down.
   */
  private int makeRoom() {
    int shift = head;
    int n = end - head;
    TimerHandle[] to = n * 2 > timers.length ? new TimerHandle[timers.length * 2] : timers;
    System.arraycopy(timers, head, to, 0, n);
    if (to == timers) {
      Arrays.fill(timers, n, end, null);
    }
    timers = to;
    head = 0;
    end = n;
    return shift;
  }

  /** The first position whose deadline is at or after {@code deadline}. */
  private int lowerBound(long deadline) {
    int lo = head;
    int hi = end;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (timers[mid].deadline - deadline < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The first position whose deadline is after {@code deadline}. */
  private int upperBound(long deadline) {
    int lo = head;
    int hi = end;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (timers[mid].deadline - deadline <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
