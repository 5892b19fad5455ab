package dev.weft;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The timers of one {@link EventLoop}: a two-level hashed timing wheel driven by the loop's own
 * clock, with no thread of its own. Loop thread only; other threads reach it by posting the {@link
 * TimerHandle} through the run queue.
 *
 * <p>Time is cut into ticks of {@link #TICK_NANOS} (1 ms), grouped in slots of {@link #BUCKETS} ticks
 * (4.096 s). A timer belongs to the tick its deadline falls in, and runs at its exact deadline.
 *
 * <ul>
 *   <li>The fine wheel, {@link #BUCKETS} doubly linked lists, holds the timers of the current slot
 *       and of ticks not yet passed: each of its buckets holds timers of a single tick.
 *   <li>The coarse wheel, {@link #SLOTS} lists, holds later timers by slot; a timer more than one
 *       turn of it away (4.6 h) shares a bucket with nearer ones and waits there for its turn,
 *       the "rounds" of Netty's {@code HashedWheelTimer}. When the clock enters a slot, that slot's
 *       timers move down to the fine wheel: a timer moves at most once.
 *   <li>When the clock enters a tick, that tick's bucket moves to the {@link NearTimers}, sorted
 *       by deadline; each runs once the clock reaches its deadline. A timer added for a tick
 *       already entered goes there directly, in its place.
 * </ul>
 *
 * <p>Costs: add and remove O(1); a timer cancelled on the loop thread is unlinked at once. {@link
 * #runExpired} visits the buckets of the ticks entered since its last call (skipping to the
 * next slot when the fine wheel is empty), sorting each bucket once, and costs one comparison when
 * nothing is due. {@link #nextDeadline} is the first deadline of the entered ticks, else the
 * earliest deadline added to the next non-empty bucket, else the start of the next non-empty
 * slot, cached until the wheel moves or a nearer timer is added. A timer never runs before its
 * deadline and is due exactly at it; the timers due in one call run sorted by deadline, equal
 * deadlines in the order they were added.
 */
final class TimerWheel implements TimerQueue {
  /** Length of one tick on the loop's nano clock. */
  static final long TICK_NANOS = 1_000_000L;
  /** Buckets of the fine wheel, ticks per slot (a power of two): 4.096 s. */
  static final int BUCKETS = 4096;
  /** Buckets of the coarse wheel (a power of two): one turn spans 4.096 s × 4096, about 4.6 h. */
  static final int SLOTS = 4096;
  private static final int SHIFT = Integer.numberOfTrailingZeros(BUCKETS);
  private static final int MASK = BUCKETS - 1;
  /** {@link TimerHandle#index} of a timer in the {@link NearTimers}. */
  static final int NEAR = BUCKETS;
  /** List index of coarse bucket 0. */
  private static final int COARSE = BUCKETS + 1;

  /** Fine buckets, then one unused entry ({@link #NEAR}), then coarse buckets. */
  private final TimerHandle[] heads = new TimerHandle[COARSE + SLOTS];
  private final TimerHandle[] tails = new TimerHandle[COARSE + SLOTS];
  /**
   * Per fine bucket, no later than the earliest deadline added to it since it was last empty: a
   * lower bound once timers were removed, so the loop may wake for nothing, never late.
   */
  private final long[] fineFirst = new long[BUCKETS];
  /** The timers of the ticks entered, sorted by deadline. */
  private final NearTimers near = new NearTimers();
  /** The clock has entered this tick: its bucket and all before moved to {@link #near}. */
  private long passedTick;
  /** The last slot moved down to the fine wheel. */
  private long cascadedSlot;
  private boolean started;
  private int size;
  private int fineCount;
  private int coarseCount;
  /** {@link #nextDeadline}'s answer, valid while {@link #cacheValid}. */
  private long cachedNext;
  private boolean cacheValid;
  /** Timers taken out by one {@link #runExpired}, reused between calls. */
  private TimerHandle[] batch = new TimerHandle[64];

  @Override
  public int size() {
    return size;
  }

  /**
   * Adds a pending timer.
   *
   * @throws IllegalStateException if {@link #runExpired} has never run: the wheel does not know
   *     the time yet (the loop runs it before anything else)
   */
  @Override
  public void add(TimerHandle t) {
    if (!started) {
      throw new IllegalStateException("TimerWheel.add before the first runExpired: no clock yet");
    }
    long tick = tickOf(t.deadline);
    size++;
    if (tick <= passedTick) {
      near.insert(t); // nextDeadline reads the near timers first
      return;
    }
    long slot = tick >> SHIFT;
    long wake;
    if (slot <= cascadedSlot) {
      linkFine(t, (int) tick & MASK);
      wake = t.deadline;
    } else {
      link(t, COARSE + ((int) slot & (SLOTS - 1)));
      coarseCount++;
      wake = (slot << SHIFT) * TICK_NANOS;
    }
    if (cacheValid && (cachedNext == NONE || wake - cachedNext < 0)) {
      cachedNext = wake;
    }
  }

  @Override
  public void remove(TimerHandle t) {
    int i = t.index;
    if (i < 0) {
      return;
    }
    size--;
    if (i == NEAR) {
      near.remove(t);
      return;
    }
    if (i < BUCKETS) {
      fineCount--;
    } else {
      coarseCount--;
    }
    unlink(t, i);
  }

  /** Takes {@code t} out of list {@code i}. */
  private void unlink(TimerHandle t, int i) {
    TimerHandle prev = t.prevTimer;
    TimerHandle next = t.nextTimer;
    if (prev == null) {
      heads[i] = next;
    } else {
      prev.nextTimer = next;
    }
    if (next == null) {
      tails[i] = prev;
    } else {
      next.prevTimer = prev;
    }
    t.prevTimer = null;
    t.nextTimer = null;
    t.index = -1;
  }

  @Override
  public long nextDeadline() {
    if (size == 0) {
      return NONE;
    }
    if (!near.isEmpty()) {
      return near.firstDeadline(); // before every later tick's timers
    }
    if (!cacheValid) {
      cachedNext = scanNext();
      cacheValid = true;
    }
    return cachedNext;
  }

  /**
   * The first deadline of the next fine bucket with timers, or the start of the next slot with
   * coarse timers if that is sooner; {@link #NONE} if neither.
   */
  private long scanNext() {
    long bestTick = Long.MAX_VALUE;
    long best = NONE;
    if (fineCount > 0) {
      for (long tick = passedTick + 1; tick <= passedTick + BUCKETS; tick++) {
        int b = (int) tick & MASK;
        if (heads[b] != null) {
          bestTick = tick;
          best = fineFirst[b];
          break;
        }
      }
    }
    if (coarseCount > 0) {
      for (long slot = cascadedSlot + 1; slot <= cascadedSlot + SLOTS; slot++) {
        if ((slot << SHIFT) >= bestTick) {
          break;
        }
        if (heads[COARSE + ((int) slot & (SLOTS - 1))] != null) {
          best = (slot << SHIFT) * TICK_NANOS;
          break;
        }
      }
    }
    return best;
  }

  @Override
  public int runExpired(long now, EventLoop loop) {
    long nowTick = Math.floorDiv(now, TICK_NANOS);
    if (!started || size == 0) {
      started = true;
      if (nowTick > passedTick || size == 0) {
        passedTick = nowTick; // nothing pending: jump, whatever the gap
        cascadedSlot = nowTick >> SHIFT;
        cacheValid = false;
      }
      return 0;
    }
    if (nowTick > passedTick) {
      advance(nowTick);
      cacheValid = false;
    }
    int n = 0;
    for (TimerHandle t; (t = near.pollDue(now)) != null; ) {
      if (n == batch.length) {
        batch = Arrays.copyOf(batch, n * 2);
      }
      batch[n++] = t;
    }
    if (n == 0) {
      return 0;
    }
    size -= n;
    int ran = fire(n, loop);
    if (batch.length > 4096) {
      batch = new TimerHandle[64]; // do not hold on to the array of a burst
    }
    return ran;
  }

  /**
   * Walks the ticks up to {@code nowTick}, moving slots down and the buckets of the ticks entered
   * to the near timers.
   */
  private void advance(long nowTick) {
    long tick = passedTick + 1;
    while (tick <= nowTick) {
      if ((tick & MASK) == 0) {
        cascade(tick >> SHIFT);
      }
      int b = (int) tick & MASK;
      if (heads[b] != null) {
        fineCount -= near.appendBucket(heads[b]);
        heads[b] = null;
        tails[b] = null;
      }
      tick = fineCount == 0 ? ((tick >> SHIFT) + 1) << SHIFT : tick + 1;
    }
    passedTick = nowTick;
  }

  /** Moves the timers of {@code slot} from the coarse wheel down to the fine wheel. */
  private void cascade(long slot) {
    cascadedSlot = slot;
    int c = COARSE + ((int) slot & (SLOTS - 1));
    for (TimerHandle t = heads[c], next; t != null; t = next) {
      next = t.nextTimer;
      long tick = tickOf(t.deadline);
      if ((tick >> SHIFT) == slot) {
        unlink(t, c);
        coarseCount--;
        linkFine(t, (int) tick & MASK);
      }
    }
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

  /** Appends {@code t} to fine bucket {@code b}, keeping {@link #fineFirst} a lower bound. */
  private void linkFine(TimerHandle t, int b) {
    if (heads[b] == null || t.deadline - fineFirst[b] < 0) {
      fineFirst[b] = t.deadline;
    }
    link(t, b);
    fineCount++;
  }

  private void link(TimerHandle t, int i) {
    TimerHandle tail = tails[i];
    t.prevTimer = tail;
    t.nextTimer = null;
    if (tail == null) {
      heads[i] = t;
    } else {
      tail.nextTimer = t;
    }
    tails[i] = t;
    t.index = i;
  }

  @Override
  public void clear() {
    unlinkAll(null);
  }

  @Override
  public List<TimerHandle> removeAll() {
    List<TimerHandle> all = new ArrayList<>(size);
    unlinkAll(all);
    return all;
  }

  /** Empties the wheel, adding every timer to {@code into} unless it is null. */
  private void unlinkAll(List<TimerHandle> into) {
    near.drainTo(into);
    for (int i = 0; i < heads.length; i++) {
      for (TimerHandle t = heads[i], next; t != null; t = next) {
        next = t.nextTimer;
        if (into != null) {
          into.add(t);
        }
        t.prevTimer = null;
        t.nextTimer = null;
        t.index = -1;
      }
      heads[i] = null;
      tails[i] = null;
    }
    size = 0;
    fineCount = 0;
    coarseCount = 0;
    cacheValid = false;
  }

  /** The tick {@code deadline} falls in. */
  static long tickOf(long deadline) {
    return Math.floorDiv(deadline, TICK_NANOS);
  }
}
