package dev.weft;

import java.util.ArrayList;
import java.util.List;

/**
 * The coroutines of one {@link EventLoop} whose bodies have not ended, so that a shutdown can
 * cancel every one of them, whatever it awaits (a timer, a channel, a semaphore, a scope, a promise
 * nobody will complete): each then resumes on the loop with {@code CancellationException} and runs
 * its {@code finally} blocks before the thread ends.
 *
 * <p>Two intrusive lists through two fields of the frame, so membership allocates nothing: frames
 * made on the loop thread (loop thread only, no lock), and frames bound to the loop from another
 * thread at their first suspension (under this object's lock; the rarer, off-loop path). A frame
 * leaves when its body has run its last step, which is always on the loop thread.
 */
final class LiveFrames {
  private final EventLoop loop;
  /** Head of the frames made on the loop thread; loop thread only. */
  private Continuation<?> local;
  /** Head of the frames bound from other threads; guarded by this. */
  private Continuation<?> foreign;

  LiveFrames(EventLoop loop) {
    this.loop = loop;
  }

  /** Adds a frame at its first suspension; whether it went to the foreign list. Any thread. */
  boolean add(Continuation<?> frame) {
    if (loop.inEventLoop()) {
      local = push(local, frame);
      return false;
    }
    synchronized (this) {
      foreign = push(foreign, frame);
    }
    return true;
  }

  /** Removes a frame added by {@link #add}; {@code foreignAdded} is what add returned. */
  void remove(Continuation<?> frame, boolean foreignAdded) {
    if (!foreignAdded) {
      local = unlink(local, frame);
      return;
    }
    synchronized (this) {
      foreign = unlink(foreign, frame);
    }
  }

  /** Whether no frame of this loop is live. Loop thread only. */
  boolean isEmpty() {
    if (local != null) {
      return false;
    }
    synchronized (this) {
      return foreign == null;
    }
  }

  /**
   * Cancels every live frame; each resumes later on the loop, through its run queue. Loop thread
   * only.
   *
   * @return how many were cancelled
   */
  int cancelAll() {
    List<Continuation<?>> all = new ArrayList<>();
    synchronized (this) {
      collect(foreign, all);
    }
    collect(local, all);
    int cancelled = 0;
    for (Continuation<?> f : all) {
      try {
        if (f.cancel(false)) {
          cancelled++;
        }
      } catch (Throwable t) { // a callback of the task threw; the loop goes on
        loop.report(t, f);
      }
    }
    return cancelled;
  }

  /** Every live frame, foreign ones first. Loop thread only. */
  List<Continuation<?>> snapshot() {
    List<Continuation<?>> all = new ArrayList<>();
    synchronized (this) {
      collect(foreign, all);
    }
    collect(local, all);
    return all;
  }

  /** Puts {@code frame} in front of the list at {@code head}; returns the new head. */
  private static Continuation<?> push(Continuation<?> head, Continuation<?> frame) {
    frame.liveNext = head;
    if (head != null) {
      head.livePrev = frame;
    }
    return frame;
  }

  /** Takes {@code frame} out of the list at {@code head} if it is in it; returns the new head. */
  private static Continuation<?> unlink(Continuation<?> head, Continuation<?> frame) {
    Continuation<?> prev = frame.livePrev;
    Continuation<?> next = frame.liveNext;
    if (prev != null) {
      prev.liveNext = next;
    } else if (head == frame) {
      head = next;
    } else {
      return head; // not in the list (removed before)
    }
    if (next != null) {
      next.livePrev = prev;
    }
    frame.livePrev = null;
    frame.liveNext = null;
    return head;
  }

  private static void collect(Continuation<?> head, List<Continuation<?>> into) {
    for (Continuation<?> f = head; f != null; f = f.liveNext) {
      into.add(f);
    }
  }
}
