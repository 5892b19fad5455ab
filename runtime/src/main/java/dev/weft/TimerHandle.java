package dev.weft;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A task scheduled with {@link EventLoop#schedule}: runs once on the loop thread when its deadline
 * passes, unless cancelled first. All methods may be called from any thread.
 */
public final class TimerHandle extends LoopNode {
  private static final VarHandle STATE;
  private static final int PENDING = 0;
  private static final int CANCELLED = 1;
  private static final int EXPIRED = 2;

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
  /** Insertion order, breaking ties between equal deadlines (FIFO); loop thread only. */
  long seq;
  /** Position in the loop's timer heap, or -1; loop thread only. */
  int heapIndex = -1;

  private volatile int state;

  TimerHandle(EventLoop loop, Runnable task, long deadline) {
    this.loop = loop;
    this.task = task;
    this.deadline = deadline;
  }

  /**
   * Cancels the timer. On the loop thread it leaves the heap at once; from another thread it is
   * dropped when its deadline comes.
   *
   * @return whether this call cancelled it (false if it already ran or was cancelled)
   */
  public boolean cancel() {
    if (!STATE.compareAndSet(this, PENDING, CANCELLED)) {
      return false;
    }
    if (loop.inEventLoop()) {
      loop.timers().remove(this);
    }
    return true;
  }

  /** Whether {@link #cancel} succeeded. */
  public boolean isCancelled() {
    return state == CANCELLED;
  }

  /** Whether the timer has run (or is running) its task. */
  public boolean isExpired() {
    return state == EXPIRED;
  }

  /** Runs the task if still pending. Loop thread only. */
  void expire() {
    if (STATE.compareAndSet(this, PENDING, EXPIRED)) {
      task.run();
    }
  }

  /** Reaches the loop after a schedule from another thread: joins the heap. */
  @Override
  void runOnLoop() {
    if (state == PENDING) {
      loop.timers().add(this);
    }
  }

  @Override
  public String toString() {
    String s = state == PENDING ? "pending" : state == CANCELLED ? "cancelled" : "expired";
    return "TimerHandle[" + s + ", " + task + "]";
  }
}
