package dev.weft;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The timers of one {@link EventLoop}: a two-level hashed timing wheel driven by the loop's own
 * clock, with no thread of its own. Loop thread only; other threads reach it by posting the {@link
 * TimerHandle} through the run queue.
 *
 * <p>Time is cut into ticks of {@link #TICK_NANOS} (1 ms); a timer is due at the first tick boundary
 * at or after its deadline. Ticks are grouped in slots of {@link #BUCKETS} ticks (4.096 s).
 *
 * <ul>
 *   <li>The fine wheel, {@link #BUCKETS} doubly linked lists, holds the timers of the current slot
 *       and of ticks not yet passed: each of its buckets holds timers of a single tick.
 *   <li>The coarse wheel, {@link #SLOTS} lists, holds later timers by slot; a timer more than one
 *       turn of it away (4.6 h) shares a bucket with nearer ones and waits there for its turn,
 *       the "rounds" of Netty's {@code HashedWheelTimer}. When the clock enters a slot, that slot's
 *       timers move down to the fine wheel: a timer moves at most once.
 *   <li>A timer added for a tick already passed waits in a "due" list for the next
 *       {@link #runExpired}, like an expired timer of a heap.
 * </ul>
 *
 * <p>Costs: add and remove O(1); a timer cancelled on the loop thread is unlinked at once. {@link
 * #runExpired} visits the buckets of the ticks that passed since its last call (skipping to the
 * next slot when the fine wheel is empty) and costs one comparison within the same tick. {@link
 * #nextDeadline} is exact for the fine wheel and the start of the next non-empty slot otherwise,
 * cached until the wheel moves or a nearer timer is added. A timer never runs before its deadline
 * and is due at most one tick after it; the timers due in one call run sorted by deadline, equal
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
  /** List index of the timers whose tick has already passed. */
  private static final int DUE = BUCKETS;
  /** List index of coarse bucket 0. */
  private static final int COARSE = BUCKETS + 1;
  private static final Comparator<TimerHandle> ORDER = (a, b) -> {
    long d = a.deadline - b.deadline;
    return d != 0 ? (d < 0 ? -1 : 1) : Long.compare(a.seq, b.seq);
  };

  /** Fine buckets, then the due list, then coarse buckets. */
  private final TimerHandle[] heads = new TimerHandle[COARSE + SLOTS];
  private final TimerHandle[] tails = new TimerHandle[COARSE + SLOTS];
  /** Every timer due at or before this tick has been taken out; valid once started. */
  private long passedTick;
  /** The last slot moved down to the fine wheel. */
  private long cascadedSlot;
  private boolean started;
  private long nextSeq;
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
    t.seq = nextSeq++;
    long tick = dueTick(t.deadline);
    if (tick <= passedTick) {
      link(t, DUE);
      return;
    }
    long slot = tick >> SHIFT;
    long wake;
    if (slot <= cascadedSlot) {
      link(t, (int) tick & MASK);
      wake = tick;
    } else {
      link(t, COARSE + ((int) slot & (SLOTS - 1)));
      wake = slot << SHIFT;
    }
    if (cacheValid && wake * TICK_NANOS < cachedNext) {
      cachedNext = wake * TICK_NANOS;
    }
  }

  @Override
  public void remove(TimerHandle t) {
    int i = t.index;
    if (i < 0) {
      return;
    }
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
    count(i, -1);
  }

  @Override
  public long nextDeadline() {
    if (size == 0) {
      return NONE;
    }
    if (heads[DUE] != null) {
      return passedTick * TICK_NANOS; // due now: the loop must not park
    }
    if (!cacheValid) {
      long tick = scanNextTick();
      cachedNext = tick == Long.MAX_VALUE ? NONE : tick * TICK_NANOS;
      cacheValid = true;
    }
    return cachedNext;
  }

  /** The next tick with a fine timer, or the start of the next slot that has coarse timers. */
  private long scanNextTick() {
    long best = Long.MAX_VALUE;
    if (fineCount > 0) {
      for (long tick = passedTick + 1; tick <= passedTick + BUCKETS; tick++) {
        if (heads[(int) tick & MASK] != null) {
          best = tick;
          break;
        }
      }
    }
    if (coarseCount > 0) {
      for (long slot = cascadedSlot + 1; slot <= cascadedSlot + SLOTS; slot++) {
        if ((slot << SHIFT) >= best) {
          break;
        }
        if (heads[COARSE + ((int) slot & (SLOTS - 1))] != null) {
          best = slot << SHIFT;
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
    int n = heads[DUE] != null ? takeAll(DUE, 0) : 0;
    if (nowTick > passedTick) {
      n = advance(nowTick, n);
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

  /** Walks the ticks up to {@code nowTick}, moving slots down and taking due timers. */
  private int advance(long nowTick, int n) {
    long tick = passedTick + 1;
    while (tick <= nowTick) {
      if ((tick & MASK) == 0) {
        cascade(tick >> SHIFT);
      }
      int b = (int) tick & MASK;
      if (heads[b] != null) {
        n = takeAll(b, n);
      }
      tick = fineCount == 0 ? ((tick >> SHIFT) + 1) << SHIFT : tick + 1;
    }
    passedTick = nowTick;
    return n;
  }

  /** Moves the timers of {@code slot} from the coarse wheel down to the fine wheel. */
  private void cascade(long slot) {
    cascadedSlot = slot;
    int c = COARSE + ((int) slot & (SLOTS - 1));
    for (TimerHandle t = heads[c], next; t != null; t = next) {
      next = t.nextTimer;
      long tick = dueTick(t.deadline);
      if ((tick >> SHIFT) == slot) {
        remove(t);
        link(t, (int) tick & MASK);
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

  /** Moves every timer of list {@code i} into the batch at {@code n}; returns the new count. */
  private int takeAll(int i, int n) {
    for (TimerHandle t = heads[i], next; t != null; t = next) {
      next = t.nextTimer;
      remove(t);
      if (n == batch.length) {
        batch = Arrays.copyOf(batch, n * 2);
      }
      batch[n++] = t;
    }
    return n;
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
    count(i, 1);
  }

  private void count(int i, int delta) {
    size += delta;
    if (i < BUCKETS) {
      fineCount += delta;
    } else if (i >= COARSE) {
      coarseCount += delta;
    }
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

  /** The first tick boundary at or after {@code deadline}: a timer runs no earlier. */
  static long dueTick(long deadline) {
    return -Math.floorDiv(-deadline, TICK_NANOS);
  }
}
