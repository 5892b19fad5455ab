package dev.weft;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Structured concurrency: a scope owns the tasks started in it (its children), waits for all of
 * them before it completes, and cancels the rest as soon as one fails, so that no child outlives
 * its scope or runs on after its work became useless.
 *
 * <pre>{@code
 * // as an expression:
 * Task<Page> page = TaskScope.run(scope -> {
 *   Task<User> user = scope.spawn(() -> users.find(id));
 *   Task<List<Order>> orders = scope.spawn(() -> orders.of(id));
 *   return render(user, orders); // an @Async method awaiting both
 * });
 *
 * // inside an @Async method:
 * TaskScope scope = TaskScope.open();
 * try {
 *   scope.spawn(() -> heartbeat(conn));
 *   ...
 * } finally {
 *   await(scope.close()); // waits for every child; rethrows the first failure
 * }
 * }</pre>
 *
 * <p>Rules: a child's failure (anything but a {@link CancellationException}) is the scope's first
 * failure if it has none yet, and cancels every other child still running; later failures are
 * added to it as suppressed. The scope completes only once every child has finished (their {@code
 * finally} blocks have run), then with the first failure or normally. A child that ends cancelled
 * without the scope having cancelled it does not fail the scope. {@link #cancel} cancels every
 * child and makes the scope fail with {@link CancellationException}.
 *
 * <p>After {@link #close} the scope still accepts children started by its running children (a
 * child may add siblings); once every child has finished after {@code close}, the scope is closed
 * and {@link #spawn} throws. A scope that is failing or cancelled starts no new child.
 *
 * <p>All methods may be called from any thread. Children start on the calling thread, eagerly,
 * like a call of an {@code @Async} method.
 */
public final class TaskScope {
  /** Whether a child's failure fails the scope and cancels the others ({@link Task#any}: no). */
  private final boolean failFast;
  /** Whether a child's cancellation, not caused by the scope, fails it ({@link Task#all}: yes). */
  private final boolean childCancellationFails;
  /** Told the first failure at once, before the children are cancelled; may be null. */
  private final Consumer<Throwable> onFirstFailure;

  private final Object lock = new Object();
  private final Set<Task<?>> live = Collections.newSetFromMap(new IdentityHashMap<>());
  private int running;
  private boolean cancelling;
  private boolean finished;
  private Throwable failure;
  private LinkedTask<Void> closed;
  /** Run once the scope has finished; see {@link #whenFinished}. */
  private Runnable onFinished;

  TaskScope(boolean failFast, boolean childCancellationFails, Consumer<Throwable> onFirstFailure) {
    this.failFast = failFast;
    this.childCancellationFails = childCancellationFails;
    this.onFirstFailure = onFirstFailure;
  }

  /** A new open scope; close it with {@link #close} (and await that) when done. Any thread. */
  public static TaskScope open() {
    return new TaskScope(true, false, null);
  }

  /**
   * Runs {@code body} with a new scope and returns a task that completes with the value of the
   * body's stage once the body and every child have finished; if the body or a child fails, the
   * others are cancelled and, once all have finished, the task fails with the first failure (later
   * ones suppressed). {@code body} runs at once on this thread. Cancelling the returned task
   * cancels the body and every child (the task is cancelled at once, as every task is).
   *
   * @throws NullPointerException if {@code body} is null
   */
  public static <T> Task<T> run(Function<TaskScope, ? extends CompletionStage<T>> body) {
    Objects.requireNonNull(body, "body");
    TaskScope scope = open();
    LinkedTask<T> result = new LinkedTask<>();
    result.link(scope);
    result.settlesWith(scope);
    Task<T> main = scope.spawn(() -> body.apply(scope));
    Combinators.onComplete(main, raw -> Combinators.onComplete(scope.close(),
        end -> result.completeRaw(end instanceof Failure ? end : raw)));
    return result;
  }

  /**
   * Starts a child: calls {@code start} at once on this thread and makes the stage it returns a
   * child of this scope. If the scope is failing or cancelled, {@code start} is not called and the
   * returned task is already cancelled.
   *
   * @return the child as a task (the stage itself if it is one); cancelling it cancels the child
   * @throws IllegalStateException if the scope is closed (see the class doc)
   * @throws NullPointerException if {@code start} is null
   */
  public <T> Task<T> spawn(Supplier<? extends CompletionStage<T>> start) {
    Objects.requireNonNull(start, "start");
    synchronized (lock) {
      checkOpen("spawn");
      if (cancelling) {
        Promise<T> p = new Promise<>();
        p.cancel(false);
        return p;
      }
      running++;
    }
    CompletionStage<T> stage;
    try {
      stage = start.get();
      if (stage == null) {
        stage = Task.failed(new NullPointerException("TaskScope.spawn: start returned null"));
      }
    } catch (Throwable t) {
      stage = Task.failed(t);
    }
    return track(LinkedTask.of(stage));
  }

  /**
   * Makes an already started {@code stage} a child of this scope: the scope waits for it and
   * cancels it as it cancels the others (at once, if the scope is failing or cancelled).
   *
   * @return the child as a task (the stage itself if it is one)
   * @throws IllegalStateException if the scope is closed
   * @throws NullPointerException if {@code stage} is null
   */
  public <T> Task<T> adopt(CompletionStage<T> stage) {
    Objects.requireNonNull(stage, "stage");
    synchronized (lock) {
      checkOpen("adopt");
      running++;
    }
    return track(LinkedTask.of(stage));
  }

  /**
   * Closes the scope for its owner: the returned task completes once every child has finished,
   * with null, or with the scope's first failure ({@link CancellationException} if the scope was
   * cancelled). Calling it again returns the same task. Cancelling the returned task cancels the
   * scope; so when the {@code @Async} method that awaits it is cancelled, its children are too.
   */
  public Task<Void> close() {
    boolean done;
    synchronized (lock) {
      if (closed != null) {
        return closed;
      }
      closed = new LinkedTask<>();
      closed.link(this);
      done = running == 0;
      finished = done;
    }
    if (done) {
      complete();
    }
    return closed;
  }

  /**
   * Cancels every running child and fails the scope with {@link CancellationException} (unless it
   * already failed). No effect once the scope is closed and all children finished.
   */
  public void cancel() {
    synchronized (lock) {
      if (finished) {
        return;
      }
      cancelling = true;
      if (failure == null) {
        failure = new CancellationException("TaskScope was cancelled");
      }
    }
    cancelChildren();
  }

  /** Whether the scope is failing or cancelled (its children are being cancelled). */
  public boolean isCancelled() {
    synchronized (lock) {
      return cancelling;
    }
  }

  /** The number of children that have not finished yet. */
  public int running() {
    synchronized (lock) {
      return running;
    }
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "TaskScope[running=" + running + (cancelling ? ", cancelling" : "")
          + (finished ? ", closed" : closed != null ? ", closing" : "")
          + (failure != null ? ", failure=" + failure : "") + "]";
    }
  }

  // ---- internals ----

  private void checkOpen(String what) {
    if (finished) {
      throw new IllegalStateException("TaskScope." + what + " on a closed scope: close() was "
          + "called and all its children finished; start children before closing the scope");
    }
  }

  private <T> Task<T> track(Task<T> child) {
    boolean cancelNow;
    synchronized (lock) {
      live.add(child);
      cancelNow = cancelling;
    }
    if (cancelNow) {
      child.cancel(false);
    }
    Combinators.onComplete(child, raw -> childDone(child, raw));
    return child;
  }

  /**
   * A child completed: its failure counts at once; it stops counting as running once it has
   * settled (a cancelled coroutine has run its {@code finally} blocks, a cancelled nested scope
   * has finished).
   */
  private void childDone(Task<?> child, Object raw) {
    boolean first = false;
    Throwable f;
    synchronized (lock) {
      live.remove(child);
      if (raw instanceof Failure) {
        first = record(((Failure) raw).cause);
      }
      f = failure;
    }
    if (first) {
      if (onFirstFailure != null) {
        onFirstFailure.accept(f);
      }
      cancelChildren();
    }
    child.whenSettled(this::childSettled); // a timed-out child's body may still be running
  }

  private void childSettled() {
    boolean done;
    synchronized (lock) {
      running--;
      done = closed != null && running == 0 && !finished;
      if (done) {
        finished = true;
      }
    }
    if (done) {
      complete();
    }
  }

  /** Runs {@code action} once the scope has finished (closed, every child settled). */
  void whenFinished(Runnable action) {
    synchronized (lock) {
      if (!finished) {
        Runnable before = onFinished;
        onFinished = before == null ? action : () -> {
          before.run();
          action.run();
        };
        return;
      }
    }
    action.run();
  }

  /** Records a child's failure under the lock; whether it is the first (and cancels the rest). */
  private boolean record(Throwable cause) {
    boolean cancellation = cause instanceof CancellationException;
    if (failure == null) {
      if (!failFast || (cancellation && !childCancellationFails)) {
        return false;
      }
      failure = cause;
      cancelling = true;
      return true;
    }
    if (!cancellation && cause != failure) {
      failure.addSuppressed(cause);
    }
    return false;
  }

  private void cancelChildren() {
    Task<?>[] children;
    synchronized (lock) {
      children = live.toArray(new Task<?>[0]);
    }
    for (Task<?> child : children) {
      child.cancel(false);
    }
  }

  private void complete() {
    Throwable f;
    Runnable finishedActions;
    synchronized (lock) {
      f = failure;
      finishedActions = onFinished;
      onFinished = null;
    }
    closed.completeRaw(f == null ? Failure.NIL : new Failure(f));
    if (finishedActions != null) {
      finishedActions.run();
    }
  }
}
