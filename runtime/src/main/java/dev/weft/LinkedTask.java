package dev.weft;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;

/**
 * A task derived from something upstream (a stage it follows, or a {@link TaskScope}): cancelling
 * it cancels the upstream. Completed by its maker.
 *
 * @param <T> the type of the value
 */
final class LinkedTask<T> extends Task<T> {
  private volatile Object upstream;
  /** The scope whose end this task's work ends with ({@link TaskScope#run}); else null. */
  private volatile TaskScope settlesWith;
  /**
   * Whether cancelling only forwards the cancel to the followed stage, whose completion then
   * completes this task: a foreign stage that refuses cancellation keeps this task running.
   */
  private final boolean forwardCancel;

  LinkedTask() {
    this(false);
  }

  private LinkedTask(boolean forwardCancel) {
    this.forwardCancel = forwardCancel;
  }

  /** {@code stage} itself if it is a Task, else a task following it that cancels it. */
  @SuppressWarnings("unchecked")
  static <T> Task<T> of(CompletionStage<? extends T> stage) {
    if (stage instanceof Task) {
      return (Task<T>) stage;
    }
    LinkedTask<T> t = new LinkedTask<>(true);
    t.follow(stage);
    return t;
  }

  /** Makes {@code up} (a stage or a scope) what cancelling this cancels; at once if it was. */
  void link(Object up) {
    upstream = up;
    if (isCancelled()) {
      cancelUpstream(up);
    }
  }

  /** Makes this task settle (see {@link Task#whenSettled}) when {@code scope} has finished. */
  void settlesWith(TaskScope scope) {
    settlesWith = scope;
  }

  @Override
  protected void whenSettled(Runnable action) {
    TaskScope scope = settlesWith;
    Object up = upstream;
    if (scope != null) {
      scope.whenFinished(action);
    } else if (up instanceof Task) {
      ((Task<?>) up).whenSettled(action); // cancelled with it, so complete
    } else {
      action.run();
    }
  }

  /** Links {@code stage} and completes this task as it completes. */
  void follow(CompletionStage<? extends T> stage) {
    link(stage);
    Combinators.onComplete(stage, this::completeRaw);
  }

  /** Fails this task with {@code failure}; whether this call completed it. */
  boolean fail(Throwable failure) {
    return completeRaw(new Failure(failure));
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    if (forwardCancel) {
      Stages.cancel(upstream); // a cancelled future completes this task at once
      return isCancelled();
    }
    if (completeRaw(new Failure(new CancellationException("Task was cancelled")))) {
      Object up = upstream;
      if (up != null) {
        cancelUpstream(up);
      }
      return true;
    }
    return isCancelled();
  }

  private static void cancelUpstream(Object up) {
    if (up instanceof TaskScope) {
      ((TaskScope) up).cancel();
    } else {
      Stages.cancel(up);
    }
  }
}
