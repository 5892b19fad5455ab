package dev.weft;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reference {@link TimerQueue}: a binary min-heap ordered by deadline, then by insertion order,
 * so timers with equal deadlines fire first-in first-out. Add and remove O(log n), peek O(1).
 *
 * <p>The loop uses {@link TimerWheel} (O(1) add and remove); the loop once used this heap, and it
 * stays here, in the tests, as the simplest correct implementation of the contract that {@code
 * TimerQueueTest} checks both against.
 */
final class TimerHeap implements TimerQueue {
  private TimerHandle[] heap = new TimerHandle[16];
  private int size;
  /** Insertion order of each timer here, breaking ties between equal deadlines. */
  private final Map<TimerHandle, Long> seqs = new IdentityHashMap<>();
  private long nextSeq;

  @Override
  public int size() {
    return size;
  }

  @Override
  public void add(TimerHandle t) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    seqs.put(t, nextSeq++);
    siftUp(size++, t);
  }

  @Override
  public void remove(TimerHandle t) {
    int i = t.index;
    if (i < 0 || i >= size || heap[i] != t) {
      return;
    }
    TimerHandle last = heap[--size];
    heap[size] = null;
    t.index = -1;
    seqs.remove(t);
    if (last != t) {
      siftDown(i, last);
      if (heap[i] == last) {
        siftUp(i, last);
      }
    }
  }

  /** Deadline of the earliest timer, or {@link #NONE}. */
  @Override
  public long nextDeadline() {
    return size == 0 ? NONE : heap[0].deadline;
  }

  /** Runs every timer whose deadline is at or before {@code now}; returns how many ran. */
  @Override
  public int runExpired(long now, EventLoop loop) {
    int ran = 0;
    while (size > 0 && heap[0].deadline - now <= 0) {
      TimerHandle t = heap[0];
      remove(t);
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

  @Override
  public void clear() {
    Arrays.fill(heap, 0, size, null);
    size = 0;
    seqs.clear();
  }

  @Override
  public List<TimerHandle> removeAll() {
    List<TimerHandle> all = new ArrayList<>(Arrays.asList(heap).subList(0, size));
    for (TimerHandle t : all) {
      t.index = -1;
    }
    clear();
    return all;
  }

  private boolean less(TimerHandle a, TimerHandle b) {
    long d = a.deadline - b.deadline;
    return d < 0 || (d == 0 && seqs.get(a) < seqs.get(b));
  }

  private void siftUp(int i, TimerHandle t) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      TimerHandle p = heap[parent];
      if (!less(t, p)) {
        break;
      }
      place(i, p);
      i = parent;
    }
    place(i, t);
  }

  private void siftDown(int i, TimerHandle t) {
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && less(heap[right], heap[child])) {
        child = right;
      }
      if (!less(heap[child], t)) {
        break;
      }
      place(i, heap[child]);
      i = child;
    }
    place(i, t);
  }

  private void place(int i, TimerHandle t) {
    heap[i] = t;
    t.index = i;
  }
}
