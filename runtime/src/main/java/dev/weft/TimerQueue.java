package dev.weft;

import java.util.List;

/**
 * The pending timers of one {@link EventLoop}. Loop thread only: other threads reach it by posting
 * the {@link TimerHandle} through the run queue.
 *
 * <p>Contract of every implementation ({@link TimerWheel}; the tests keep a binary heap as a
 * reference): a timer never runs before its deadline; timers run in deadline order, equal
 * deadlines in the order they were added; a removed timer leaves the structure at once.
 */
interface TimerQueue {
  /** {@link #nextDeadline}'s value when there is no timer. */
  long NONE = Long.MAX_VALUE;

  /** Number of timers in the structure. */
  int size();

  /** Adds a pending timer that is not in the structure. */
  void add(TimerHandle t);

  /** Unlinks {@code t} if it is in the structure; otherwise does nothing. */
  void remove(TimerHandle t);

  /**
   * When the loop must next run {@link #runExpired}, on its clock, or {@link #NONE}: no timer may
   * be due before it. The time may be earlier than the earliest timer's deadline (the loop then
   * wakes for nothing), never later than a timer's due time.
   */
  long nextDeadline();

  /** Runs the timers due at {@code now}, in order; returns how many ran. */
  int runExpired(long now, EventLoop loop);

  /** Drops every timer. */
  void clear();

  /** Drops every timer and returns them, in no particular order. */
  List<TimerHandle> removeAll();
}
