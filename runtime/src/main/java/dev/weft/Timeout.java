package dev.weft;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The task of {@link Task#timeout} and {@link Task#deadline}: completes like the stage it guards,
 * unless its timer fires first; then it fails with {@link TimeoutException} and cancels the stage.
 *
 * <p>Three parties race to complete it, on any threads: the stage's completion, the timer (on the
 * loop thread) and {@link #cancel}. The first {@code completeRaw} wins and only the winner acts on
 * the others: a completing stage cancels the timer; a firing timer cancels the stage; a cancel
 * cancels both. A timer that fires when the stage is already complete (both at the same instant)
 * takes the stage's outcome instead of timing out, so a stage that finished is never reported as
 * timed out and never cancelled.
 */
final class Timeout<T> extends Task<T> implements Runnable {
  private final CompletionStage<T> stage;
  /** The time allowed when the wait began; for the message. */
  private final long nanos;
  private final boolean deadline;
  /** Set before the stage is watched, so whoever completes this task first can cancel it. */
  private TimerHandle timer;

  private Timeout(CompletionStage<T> stage, long nanos, boolean deadline) {
    this.stage = stage;
    this.nanos = nanos;
    this.deadline = deadline;
  }

  /** {@link Task#timeout}. */
  static <T> Task<T> after(CompletionStage<T> stage, Duration timeout) {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(timeout, "timeout");
    return start(stage, Deadline.saturatedNanos(timeout), false);
  }

  /** {@link Task#deadline}. */
  static <T> Task<T> by(CompletionStage<T> stage, Deadline deadline) {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(deadline, "deadline");
    return start(stage, deadline.remainingNanos(), true);
  }

  private static <T> Task<T> start(CompletionStage<T> stage, long nanos, boolean deadline) {
    Object done = rawIfDone(stage);
    if (done != null) {
      handedOn(stage);
      return new Promise<>(done);
    }
    Timeout<T> t = new Timeout<>(stage, nanos, deadline);
    if (nanos <= 0) {
      t.run(); // no time at all: times out now
      return t;
    }
    t.timer = EventLoop.currentOrNext().schedule(t, nanos, TimeUnit.NANOSECONDS);
    if (stage instanceof Task) {
      ((Task<?>) stage).addWaiter(t.new StageWaiter());
    } else {
      stage.whenComplete((v, e) -> t.stageCompleted(Failure.of(v, e)));
    }
    return t;
  }

  /** The raw outcome of {@code stage} if it is complete and can tell, else null. */
  /**
   * Marks a failure of the complete {@code stage} as observed, since the task this returns carries
   * it on: whoever observes that one has observed it, and nobody else will look at the source.
   */
  private static void handedOn(CompletionStage<?> stage) {
    if (stage instanceof Task) {
      ((Task<?>) stage).observeFailure();
    }
  }

  private static Object rawIfDone(CompletionStage<?> stage) {
    if (stage instanceof Task) {
      return ((Task<?>) stage).result;
    }
    try {
      CompletableFuture<?> cf = Stages.future(stage);
      return cf.isDone() ? Stages.rawOf(cf) : null;
    } catch (UnsupportedOperationException e) {
      return null; // a stage that cannot be inspected: wait for its callback
    }
  }

  /** The timer's action, on the loop thread (or at once when no time was allowed). */
  @Override
  public void run() {
    Object done = rawIfDone(stage);
    if (done != null) {
      handedOn(stage);
      completeRaw(done); // completed at the same instant: the outcome wins over the timeout
    } else if (completeRaw(new Failure(new TimeoutException(message())))) {
      Stages.cancel(stage);
    }
  }

  private String message() {
    Duration d = Duration.ofNanos(nanos);
    if (!deadline) {
      return "Timed out after " + d;
    }
    return nanos > 0
        ? "Deadline exceeded (" + d + " remained when the wait began)"
        : "Deadline exceeded (it had passed when the wait began)";
  }

  private void stageCompleted(Object raw) {
    if (completeRaw(raw)) {
      cancelTimer();
    }
  }

  private void cancelTimer() {
    TimerHandle h = timer;
    if (h != null) {
      h.cancel();
    }
  }

  /** Cancels this task, the guarded stage and the timer. Any thread. */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    if (completeRaw(new Failure(new CancellationException("Task was cancelled")))) {
      cancelTimer();
      Stages.cancel(stage);
      return true;
    }
    return isCancelled();
  }

  /**
   * Settles when the guarded stage has: a firing timer or a cancel completes this task at once,
   * while a guarded {@code @Async} body may still be running its {@code finally} blocks (so
   * {@link dev.weft.sync.Semaphore#withPermit} keeps the permit until they ran).
   */
  @Override
  protected void whenSettled(Runnable action) {
    if (stage instanceof Task) {
      ((Task<?>) stage).whenSettled(action);
    } else {
      action.run();
    }
  }

  /** Watches a {@link Task} stage without a lambda. */
  private final class StageWaiter extends Waiter {
    @Override
    void fire(Object raw) {
      stageCompleted(raw);
    }
  }
}
