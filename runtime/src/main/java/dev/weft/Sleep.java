package dev.weft;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * The task of {@link Task#sleep}: completes with null when its timer fires. The task is its own
 * timer action, so a sleep costs two objects, this task and its {@link TimerHandle}. Cancelling it
 * cancels the timer, which then leaves the loop's timers.
 */
final class Sleep extends Task<Void> implements Runnable {
  /** Set right after scheduling, before the task is returned to anyone who could cancel it. */
  private TimerHandle timer;

  private Sleep() {}

  @Override
  protected String displayName() {
    return "Task.sleep";
  }

  /** Starts a sleep on the current loop, or off-loop on the default group's next loop. */
  static Task<Void> start(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    Sleep s = new Sleep();
    s.timer = EventLoop.currentOrNext()
        .schedule(s, Deadline.saturatedNanos(delay), TimeUnit.NANOSECONDS);
    return s;
  }

  /** The timer's action, on the loop thread: completes with null. */
  @Override
  public void run() {
    completeRaw(Failure.NIL);
  }

  /** Cancels this task and its timer. Any thread. */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    if (completeRaw(new Failure(new CancellationException("Task was cancelled")))) {
      TimerHandle t = timer;
      if (t != null) {
        t.cancel();
      }
      return true;
    }
    return isCancelled();
  }
}
