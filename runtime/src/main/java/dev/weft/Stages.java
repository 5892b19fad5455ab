package dev.weft;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** Helpers over any {@link CompletionStage}: Weft's own tasks, CompletableFutures, and others. */
final class Stages {
  private Stages() {}

  /** Per-thread queue of frames whose returned stage completed while another was completing. */
  private static final ThreadLocal<Trampoline> TRAMPOLINE = ThreadLocal.withInitial(Trampoline::new);

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

  /**
   * Completes a frame whose body has returned with the outcome of the stage it returned. Runs the
   * completion on this thread, without a loop hop; completions this triggers on the same thread
   * (a chain of frames each returning the next) are queued through the frames' own run-queue links
   * and run iteratively, so a long chain cannot overflow the stack.
   */
  static void completeReturning(Coroutine<?> frame, Object raw) {
    frame.setOutcome(raw);
    Trampoline t = TRAMPOLINE.get();
    if (t.running) {
      t.add(frame);
      return;
    }
    t.running = true;
    try {
      for (Coroutine<?> f = frame; f != null; f = t.poll()) {
        f.completeRaw(f.takeOutcome());
      }
    } finally {
      t.running = false;
    }
  }

  /**
   * A FIFO of frames linked through {@link LoopNode#next}: a returning frame is never in a run
   * queue again, so the link is free.
   */
  private static final class Trampoline {
    boolean running;
    private Coroutine<?> head;
    private Coroutine<?> tail;

    void add(Coroutine<?> f) {
      f.next = null;
      if (tail == null) {
        head = f;
      } else {
        tail.next = f;
      }
      tail = f;
    }

    Coroutine<?> poll() {
      Coroutine<?> f = head;
      if (f != null) {
        head = (Coroutine<?>) f.next;
        if (head == null) {
          tail = null;
        }
        f.next = null;
      }
      return f;
    }
  }
}
