package dev.weft;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The coroutines of one {@link EventLoop} whose bodies have not ended, so that a shutdown can
 * cancel every one of them, whatever it awaits (a timer, a channel, a semaphore, a scope, a promise
 * nobody will complete): each then resumes on the loop with {@code CancellationException} and runs
 * its {@code finally} blocks before the thread ends.
 *
 * <p>A frame made on the loop thread joins an intrusive list (two fields of the frame, no
 * allocation, loop thread only); a frame bound to the loop from another thread at its first
 * suspension joins a concurrent set. A frame leaves when its body has run its last step, which is
 * always on the loop thread.
 */
final class LiveFrames {
  private final EventLoop loop;
  /** Head of the list of frames made on the loop thread; loop thread only. */
  private Coroutine<?> head;
  /** Frames bound to the loop from other threads. */
  private final Set<Coroutine<?>> foreign = ConcurrentHashMap.newKeySet();

  LiveFrames(EventLoop loop) {
    this.loop = loop;
  }

  /** Adds a frame at its first suspension; whether it went to the foreign set. Any thread. */
  boolean add(Coroutine<?> frame) {
    if (!loop.inEventLoop()) {
      foreign.add(frame);
      return true;
    }
    Coroutine<?> h = head;
    frame.liveNext = h;
    if (h != null) {
      h.livePrev = frame;
    }
    head = frame;
    return false;
  }

  /** Removes a frame added by {@link #add}; {@code foreignAdded} is what add returned. */
  void remove(Coroutine<?> frame, boolean foreignAdded) {
    if (foreignAdded) {
      foreign.remove(frame);
      return;
    }
    Coroutine<?> prev = frame.livePrev;
    Coroutine<?> next = frame.liveNext;
    if (prev != null) {
      prev.liveNext = next;
    } else if (head == frame) {
      head = next;
    } else {
      return; // not in the list
    }
    if (next != null) {
      next.livePrev = prev;
    }
    frame.livePrev = null;
    frame.liveNext = null;
  }

  /** Whether no frame of this loop is live. Loop thread only. */
  boolean isEmpty() {
    return head == null && foreign.isEmpty();
  }

  /**
   * Cancels every live frame; each resumes later on the loop, through its run queue. Loop thread
   * only.
   *
   * @return how many were cancelled
   */
  int cancelAll() {
    List<Coroutine<?>> all = new ArrayList<>(foreign);
    for (Coroutine<?> f = head; f != null; f = f.liveNext) {
      all.add(f);
    }
    int cancelled = 0;
    for (Coroutine<?> f : all) {
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
}
