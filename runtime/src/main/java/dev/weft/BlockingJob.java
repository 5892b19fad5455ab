package dev.weft;

import dev.weft.internal.jfr.WeftEvents;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

/**
 * The task of one {@link Task#blocking} job, and the job itself as the pool runs it.
 *
 * <p>Cancellation (README, semantics 5): cancelling completes the task cancelled at once. A job
 * that has not started never runs. A job that is running has its thread interrupted, exactly
 * once and only while it runs this job: the runner slot goes {@code null → thread → FINISHED}, and
 * a cancel claims it {@code thread → INTERRUPTING → INTERRUPTED} around the {@code interrupt()};
 * the job's thread waits out an interrupt in progress and then clears its interrupt flag, so the
 * next job on that thread starts uninterrupted. Without a claimed slot, no interrupt is sent.
 */
final class BlockingJob<T> extends Task<T> implements Runnable {
  private static final VarHandle RUNNER;
  /** Runner slot: cancelled before it started; the job will not run. */
  private static final Object NOT_STARTED = new Object();
  private static final Object INTERRUPTING = new Object();
  private static final Object INTERRUPTED = new Object();
  private static final Object FINISHED = new Object();

  static {
    try {
      RUNNER = MethodHandles.lookup().findVarHandle(BlockingJob.class, "runner", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Callable<T> work;
  /** The loop that submitted the job and awaits its completion, or null (see run). */
  private final EventLoop origin;
  /** Null, the running thread, or one of the markers above. */
  private volatile Object runner;
  /** The {@code dev.weft.BlockingQueued} event begun at submission, or null when not recorded. */
  private final Object queued;

  BlockingJob(Callable<T> work) {
    this.work = work;
    this.queued = WeftEvents.blockingQueuedEnabled() ? WeftEvents.beginBlockingQueued() : null;
    this.origin = EventLoop.current();
    if (origin != null) {
      origin.expectCompletion(1);
    }
  }

  /** Tells the submitting loop the completion has been posted (or will never come). */
  void released() {
    if (origin != null) {
      origin.expectCompletion(-1);
    }
  }

  /** Runs the job on the calling pool thread, unless it was cancelled first. */
  @Override
  public void run() {
    try {
      runOnce();
    } finally {
      released();
    }
  }

  private void runOnce() {
    Thread me = Thread.currentThread();
    if (!RUNNER.compareAndSet(this, null, me)) {
      return; // cancelled before it started, or already run
    }
    if (queued != null && WeftEvents.end(queued)) { // a pool thread has taken it: the wait ends
      WeftEvents.commitBlockingQueued(queued, work.getClass().getName());
    }
    Object raw;
    try {
      raw = Failure.ofValue(work.call());
    } catch (Throwable t) {
      raw = new Failure(Failure.unwrap(t));
    }
    if (!RUNNER.compareAndSet(this, me, FINISHED)) {
      while (runner == INTERRUPTING) {
        Thread.onSpinWait(); // a cancel is between claiming the slot and interrupt()
      }
    }
    Thread.interrupted(); // the next job on this thread must not see our interrupt
    completeRaw(raw); // loses to a cancel, which has already completed this task
  }

  /**
   * Cancels this task; if the job is running, interrupts its thread. Any thread.
   *
   * @return whether this task is now cancelled
   */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    if (!completeRaw(new Failure(new CancellationException("Task was cancelled")))) {
      return isCancelled();
    }
    while (true) {
      Object r = runner;
      if (r == null) {
        if (RUNNER.compareAndSet(this, null, NOT_STARTED)) {
          return true;
        }
      } else if (r instanceof Thread) {
        if (RUNNER.compareAndSet(this, r, INTERRUPTING)) {
          try {
            ((Thread) r).interrupt();
          } finally {
            runner = INTERRUPTED;
          }
          return true;
        }
      } else {
        return true; // finished meanwhile: nothing to interrupt
      }
    }
  }

  @Override
  public String toString() {
    return super.toString() + " running " + work;
  }
}
