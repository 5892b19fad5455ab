package dev.weft;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The timers of one {@link EventLoop}: a hashed timing wheel driven by the loop's own clock, with
 * no thread of its own. Loop thread only; other threads reach it by posting the {@link
 * TimerHandle} through the run queue.
 *
 * <p>Time is cut into ticks of {@link #TICK_NANOS} (1 ms). A timer is due at the first tick
 * boundary at or after its deadline, and waits in bucket {@code dueTick % BUCKETS} of a ring of
 * {@link #BUCKETS} doubly linked lists; a timer more than one turn of the wheel away shares its
 * bucket with nearer ones and is skipped until its turn comes (Netty's {@code HashedWheelTimer}
 * counts "rounds" for the same purpose). So:
 *
 * <ul>
 *   <li>add and remove are O(1); a timer cancelled on the loop thread is unlinked at once;
 *   <li>{@link #runExpired} visits only the buckets of the ticks that passed since its last call,
 *       and a call within the same tick costs one comparison;
 *   <li>a timer never runs before its deadline and is due at most one tick after it; the timers
 *       due in one call run sorted by deadline, equal deadlines in the order they were added;
 *   <li>{@link #nextDeadline} reports the next tick whose bucket may hold a due timer, using a
 *       per-bucket lower bound, cached until the wheel moves or a nearer timer is added.
 * </ul>
 *
 * <p>A timer added for a tick the wheel has already passed waits in a separate "due" list and
 * runs at the next {@link #runExpired}, like an expired timer of the binary heap.
 */
final class TimerWheel implements TimerQueue {
  /** Length of one tick on the loop's nano clock. */
  static final long TICK_NANOS = 1_000_000L;
  /** Number of buckets (a power of two): one turn of the wheel spans 4.096 s. */
  static final int BUCKETS = 4096;
  private static final int MASK = BUCKETS - 1;
  /** Index of the list of timers whose tick has already passed. */
  private static final int DUE = BUCKETS;
  private static final Comparator<TimerHandle> ORDER = (a, b) -> {
    long d = a.deadline - b.deadline;
    return d != 0 ? (d < 0 ? -1 : 1) : Long.compare(a.seq, b.seq);
  };

  private final TimerHandle[] heads = new TimerHandle[BUCKETS + 1];
  private final TimerHandle[] tails = new TimerHandle[BUCKETS + 1];
  /** A lower bound of the due ticks in each non-empty bucket. */
  private final long[] minTick = new long[BUCKETS];
  /** Every timer due at or before this tick has been taken out; valid once started. */
  private long passedTick;
  private boolean started;
  private long nextSeq;
  private int size;
  /** {@link #nextDeadline}'s answer, valid while {@link #cacheValid}. */
  private long cachedNext;
  private boolean cacheValid;
  /** Timers taken out by one {@link #runExpired}, reused between calls. */
  private TimerHandle[] batch = new TimerHandle[64];

  @Override
  public int size() {
    return size;
  }

  @Override
  public void add(TimerHandle t) {
    t.seq = nextSeq++;
    long tick = dueTick(t.deadline);
    if (started && tick <= passedTick) {
      link(t, DUE);
      return;
    }
    int b = (int) tick & MASK;
    if (heads[b] == null || tick < minTick[b]) {
      minTick[b] = tick;
    }
    link(t, b);
    if (cacheValid && tick * TICK_NANOS < cachedNext) {
      cachedNext = tick * TICK_NANOS;
    }
  }

  @Override
  public void remove(TimerHandle t) {
    int b = t.index;
    if (b < 0) {
      return;
    }
    TimerHandle prev = t.prevTimer;
    TimerHandle next = t.nextTimer;
    if (prev == null) {
      heads[b] = next;
    } else {
      prev.nextTimer = next;
    }
    if (next == null) {
      tails[b] = prev;
    } else {
      next.prevTimer = prev;
    }
    t.prevTimer = null;
    t.nextTimer = null;
    t.index = -1;
    size--;
  }

  @Override
  public long nextDeadline() {
    if (size == 0) {
      return NONE;
    }
    if (!started) {
      return Long.MIN_VALUE / 2; // not driven yet: ask for a runExpired at once
    }
    if (heads[DUE] != null) {
      return passedTick * TICK_NANOS;
    }
    if (!cacheValid) {
      cachedNext = scanNextTick() * TICK_NANOS;
      cacheValid = true;
    }
    return cachedNext;
  }

  /** The first tick after {@link #passedTick} whose bucket may hold a due timer. */
  private long scanNextTick() {
    long best = Long.MAX_VALUE;
    for (long tick = passedTick + 1; tick <= passedTick + BUCKETS && tick < best; tick++) {
      int b = (int) tick & MASK;
      if (heads[b] != null) {
        best = Math.min(best, Math.max(tick, minTick[b]));
      }
    }
    return best;
  }

  @Override
  public int runExpired(long now, EventLoop loop) {
    long nowTick = Math.floorDiv(now, TICK_NANOS);
    if (!started) {
      started = true;
      passedTick = nowTick - BUCKETS; // the first call looks at every bucket once
    }
    int n = 0;
    if (heads[DUE] != null) {
      n = takeAll(DUE, n);
    }
    if (nowTick > passedTick) {
      long from = nowTick - passedTick >= BUCKETS ? nowTick - BUCKETS + 1 : passedTick + 1;
      for (long tick = from; tick <= nowTick; tick++) {
        int b = (int) tick & MASK;
        if (heads[b] != null) {
          n = takeDue(b, nowTick, n);
        }
      }
      passedTick = nowTick;
      cacheValid = false;
    }
    if (n == 0) {
      return 0;
    }
    if (n > 1) {
      Arrays.sort(batch, 0, n, ORDER);
    }
    int ran = fire(n, loop);
    if (batch.length > 4096) {
      batch = new TimerHandle[64]; // do not hold on to the array of a burst
    }
    return ran;
  }

  private int fire(int n, EventLoop loop) {
    int ran = 0;
    for (int i = 0; i < n; i++) {
      TimerHandle t = batch[i];
      batch[i] = null;
      if (!t.isCancelled()) {
        try {
          t.expire();
        } catch (Throwable e) {
          loop.report(e, t);
        }
        ran++;
      }
    }
    return ran;
  }

  /** Moves every timer of list {@code b} into the batch at {@code n}; returns the new count. */
  private int takeAll(int b, int n) {
    for (TimerHandle t = heads[b], next; t != null; t = next) {
      next = t.nextTimer;
      remove(t);
      n = append(t, n);
    }
    return n;
  }

  /** Takes the timers of bucket {@code b} due by {@code nowTick}; refreshes its lower bound. */
  private int takeDue(int b, long nowTick, int n) {
    long min = Long.MAX_VALUE;
    for (TimerHandle t = heads[b], next; t != null; t = next) {
      next = t.nextTimer;
      long tick = dueTick(t.deadline);
      if (tick <= nowTick) {
        remove(t);
        n = append(t, n);
      } else if (tick < min) {
        min = tick;
      }
    }
    minTick[b] = min;
    return n;
  }

  private int append(TimerHandle t, int n) {
    if (n == batch.length) {
      batch = Arrays.copyOf(batch, n * 2);
    }
    batch[n] = t;
    return n + 1;
  }

  private void link(TimerHandle t, int b) {
    TimerHandle tail = tails[b];
    t.prevTimer = tail;
    t.nextTimer = null;
    if (tail == null) {
      heads[b] = t;
    } else {
      tail.nextTimer = t;
    }
    tails[b] = t;
    t.index = b;
    size++;
  }

  @Override
  public void clear() {
    for (int b = 0; b <= BUCKETS; b++) {
      for (TimerHandle t = heads[b], next; t != null; t = next) {
        next = t.nextTimer;
        t.prevTimer = null;
        t.nextTimer = null;
        t.index = -1;
      }
      heads[b] = null;
      tails[b] = null;
    }
    size = 0;
    cacheValid = false;
  }

  /** The first tick boundary at or after {@code deadline}: a timer runs no earlier. */
  static long dueTick(long deadline) {
    return -Math.floorDiv(-deadline, TICK_NANOS);
  }
}
