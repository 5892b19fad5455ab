package dev.weft;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * {@link Task#all} and {@link Task#any}, built on {@link TaskScope}: the inputs become children of
 * a scope, which cancels the ones still running when the outcome is decided (the first failure for
 * {@code all}, the first value for {@code any}) or when the combined task is cancelled.
 */
final class Combinators {
  private Combinators() {}

  static <T> Task<List<T>> all(List<? extends CompletionStage<? extends T>> stages) {
    int n = stages.size();
    if (n == 0) {
      return Task.completed(List.of());
    }
    LinkedTask<List<T>> result = new LinkedTask<>();
    TaskScope scope = new TaskScope(true, true, result::fail); // fail fast, then cancel the rest
    result.link(scope);
    Object[] values = new Object[n];
    AtomicInteger remaining = new AtomicInteger(n);
    for (int i = 0; i < n; i++) {
      int index = i;
      onComplete(scope.adopt(stages.get(i)), raw -> {
        if (!(raw instanceof Failure)) {
          values[index] = raw == Failure.NIL ? null : raw;
          if (remaining.decrementAndGet() == 0) {
            result.completeRaw(listOf(values));
          }
        }
      });
    }
    return result;
  }

  static <T> Task<T> any(List<? extends CompletionStage<? extends T>> stages) {
    int n = stages.size();
    if (n == 0) {
      return Task.failed(new IllegalArgumentException("Task.any() needs at least one stage, got 0"));
    }
    LinkedTask<T> result = new LinkedTask<>();
    TaskScope scope = new TaskScope(false, false, null); // a failure is no reason to stop
    result.link(scope);
    Throwable[] failures = new Throwable[n];
    AtomicInteger slots = new AtomicInteger();
    AtomicInteger stored = new AtomicInteger();
    for (int i = 0; i < n; i++) {
      onComplete(scope.adopt(stages.get(i)), raw -> {
        if (!(raw instanceof Failure)) {
          if (result.completeRaw(raw)) {
            scope.cancel(); // the losers
          }
          return;
        }
        failures[slots.getAndIncrement()] = ((Failure) raw).cause; // in order of failure
        if (stored.incrementAndGet() == n) { // every stage has failed and stored its failure
          result.fail(combine(failures));
        }
      });
    }
    return result;
  }

  private static Throwable combine(Throwable[] failures) {
    Throwable last = failures[failures.length - 1];
    for (int i = 0; i < failures.length - 1; i++) {
      if (failures[i] != last) {
        last.addSuppressed(failures[i]);
      }
    }
    return last;
  }

  /** Calls {@code action} with the raw result of {@code stage} once it completes. */
  static void onComplete(CompletionStage<?> stage, Consumer<Object> action) {
    if (stage instanceof Task) {
      ((Task<?>) stage).addWaiter(new Waiter() {
        @Override
        void fire(Object raw) {
          action.accept(raw);
        }
      });
    } else {
      stage.whenComplete((v, e) -> action.accept(Failure.of(v, e)));
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> listOf(Object[] values) {
    return (List<T>) Collections.unmodifiableList(Arrays.asList(values));
  }
}
