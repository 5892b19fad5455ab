package dev.weft;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.RejectedExecutionException;

/**
 * A task scheduled with {@link EventLoop#schedule}: runs once on the loop thread when its deadline
 * passes, unless cancelled first. All methods may be called from any thread.
 *
 * <pre>
 *   QUEUED ──(reaches the loop)──▶ PENDING ──(deadline)──▶ EXPIRED
 *      ╲                              │
 *       ╲──────── cancel() ───────────┴──────────────────▶ CANCELLED
 * </pre>
 *
 * <p>A timer scheduled from another thread travels to its loop through the run queue (QUEUED);
 * one scheduled on the loop thread starts PENDING. Cancelling a PENDING timer on the loop thread
 * unlinks it from the loop's timers at once; from another thread the handle is posted to the loop
 * again, which unlinks it there, so cancelled timers never pile up until their deadlines.
 */
public final class TimerHandle extends LoopNode {
  private static final VarHandle STATE;
  private static final int PENDING = 0;
  private static final int CANCELLED = 1;
  private static final int EXPIRED = 2;
  private static final int QUEUED = 3;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(TimerHandle.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final EventLoop loop;
  final Runnable task;
  /** Deadline on the loop's nano clock. */
  final long deadline;
  /**
   * Slot in the loop's timer heap, list of its wheel ({@link TimerWheel#NEAR} for the ticks
   * entered), or -1 if not in one; loop thread only.
   */
  int index = -1;
  /** Neighbours in a {@link TimerWheel} bucket; loop thread only. */
  TimerHandle prevTimer;
  TimerHandle nextTimer;

  private volatile int state;

  /**
   * A timer of {@code loop} (null only for a structure driven directly, as in benchmarks). Made on
   * any other thread than the loop's, it starts QUEUED: the caller must post it to the loop.
   */
  TimerHandle(EventLoop loop, Runnable task, long deadline) {
    this.loop = loop;
    this.task = task;
    this.deadline = deadline;
    if (loop != null && !loop.inEventLoop()) {
      STATE.setRelease(this, QUEUED); // PENDING is the default: no fence on the loop thread
    }
  }

  /**
   * Cancels the timer: its task will not run. On the loop thread it leaves the loop's timers at
   * once; from another thread it leaves them when the loop next runs its queue.
   *
   * @return whether this call cancelled it (false if it already ran or was cancelled)
   */
  public boolean cancel() {
    while (true) {
      int s = state;
      if (s == QUEUED) {
        if (STATE.compareAndSet(this, QUEUED, CANCELLED)) {
          return true; // still in the run queue: runOnLoop will not add it
        }
      } else if (s == PENDING) {
        if (STATE.compareAndSet(this, PENDING, CANCELLED)) {
          if (loop.inEventLoop()) {
            loop.timers().remove(this);
          } else {
            loop.post(this); // out of the run queue since it became PENDING: free to post again
          }
          return true;
        }
      } else {
        return false;
      }
    }
  }

  /** Whether {@link #cancel} succeeded. */
  public boolean isCancelled() {
    return state == CANCELLED;
  }

  /** Whether the timer has run (or is running) its task. */
  public boolean isExpired() {
    return state == EXPIRED;
  }

  /**
   * At its loop's shutdown deadline, after it left the loop's timers: cancels this timer, and, if
   * its task is itself a {@link java.util.concurrent.Future} (a sleep, a timeout), that task, so
   * that whoever awaits it gets {@link java.util.concurrent.CancellationException} rather than
   * waiting forever. Loop thread only.
   */
  void cancelAtShutdown() {
    if (STATE.compareAndSet(this, PENDING, CANCELLED)
        && task instanceof java.util.concurrent.Future) {
      ((java.util.concurrent.Future<?>) task).cancel(false);
    }
  }

  /** Runs the task if still pending. Loop thread only. */
  void expire() {
    if (STATE.compareAndSet(this, PENDING, EXPIRED)) {
      task.run();
    }
  }

  /**
   * On the loop thread: after a schedule from another thread, joins the loop's timers; after a
   * cancel from another thread, leaves them.
   *
   * @hidden
   */
  @Override
  protected void runOnLoop() {
    if (STATE.compareAndSet(this, QUEUED, PENDING)) {
      loop.timers().add(this);
    } else if (state == CANCELLED) {
      loop.timers().remove(this);
    }
  }

  /** @hidden */
  @Override
  protected void rejected(RejectedExecutionException rejection) {
    if (state != CANCELLED) {
      super.rejected(rejection);
    }
  }

  @Override
  public String toString() {
    int s = state;
    String name = s == CANCELLED ? "cancelled" : s == EXPIRED ? "expired" : "pending";
    return "TimerHandle[" + name + ", " + task + "]";
  }
}
