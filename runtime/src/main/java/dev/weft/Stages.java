package dev.weft;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** Helpers over any {@link CompletionStage}: Weft's own tasks, CompletableFutures, and others. */
final class Stages {
  private Stages() {}

  /** The raw result (see {@link Failure}) of a complete stage. */
  static Object rawOf(CompletionStage<?> stage) {
    if (stage instanceof Task) {
      Object raw = ((Task<?>) stage).result;
      if (raw == null) {
        throw new IllegalStateException("Not complete: " + stage);
      }
      return raw;
    }
    if (stage == null) {
      return new Failure(new NullPointerException("await(null): the awaited stage is null"));
    }
    CompletableFuture<?> cf = future(stage);
    if (!cf.isDone()) {
      throw new IllegalStateException("Not complete: " + stage);
    }
    try {
      return Failure.ofValue(cf.getNow(null));
    } catch (CancellationException e) {
      return new Failure(e);
    } catch (CompletionException e) {
      return new Failure(Failure.unwrap(e));
    }
  }

  /**
   * The CompletableFuture to inspect {@code stage} through: itself, unless it is not one or is a
   * {@code minimalCompletionStage()} (which throws on {@code isDone}); then its {@code
   * toCompletableFuture()}, which may throw {@link UnsupportedOperationException}.
   */
  static CompletableFuture<?> future(CompletionStage<?> stage) {
    if (stage instanceof CompletableFuture && stage.getClass() != MINIMAL_STAGE) {
      return (CompletableFuture<?>) stage;
    }
    return stage.toCompletableFuture();
  }

  private static final Class<?> MINIMAL_STAGE = CompletableFuture.completedStage(null).getClass();

  /** Cancels a stage being awaited: a Task, or the CompletableFuture behind another stage. */
  static void cancel(Object stage) {
    try {
      if (stage instanceof Task) {
        ((Task<?>) stage).cancel(false);
      } else if (stage instanceof CompletionStage) {
        future((CompletionStage<?>) stage).cancel(false);
      }
    } catch (UnsupportedOperationException e) {
      // a stage without a CompletableFuture behind it cannot be cancelled
    }
  }
}
