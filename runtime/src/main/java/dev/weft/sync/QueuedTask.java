package dev.weft.sync;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import dev.weft.Task;
import java.util.concurrent.CancellationException;

/**
 * A pending operation waiting in a {@link WaitQueue} of a {@link Channel} or {@link Semaphore}: a
 * send, a receive or an acquire that could not complete at once. Its owner completes it in two
 * steps ({@link #claimRaw} under the owner's lock, {@link #releaseWaiters} after it), so a
 * cancellation and a hand-over race on one atomic: if the cancel wins, the owner passes the element
 * or permit on to the next waiter; if the hand-over wins, the cancel does nothing.
 *
 * <p>A coroutine cancelled after the hand-over won but before its body took the value calls
 * {@link #abandon}, which gives the element or permit back ({@link #undelivered}); a send cannot
 * be undone, so its coroutine resumes normally instead, learning that the element was delivered,
 * and meets the cancellation at its next suspension.
 *
 * @param <T> the type of the value
 */
abstract class QueuedTask<T> extends Task<T> {
  private static final VarHandle ABANDONED;

  static {
    try {
      ABANDONED = MethodHandles.lookup().findVarHandle(QueuedTask.class, "abandoned", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Links of the wait queue; guarded by the owner's lock. */
  QueuedTask<?> prev;
  QueuedTask<?> next;
  /** Whether this is in a wait queue; guarded by the owner's lock. */
  boolean queued;
  private volatile boolean abandoned;
  /**
   * The waiters a successful {@link #claim} took, until {@link #wake} fires them; written and read
   * by the one thread that completes this, under and then after the owner's lock.
   */
  private Object claimed;

  /** Takes this out of its owner's wait queue after it was cancelled. Takes the owner's lock. */
  abstract void dequeue();

  /**
   * Gives back what a successful completion with {@code raw} handed over (an element goes back to
   * the channel, a permit to the semaphore); see {@link #givesBack}.
   */
  void undelivered(Object raw) {}

  /**
   * Whether a successful completion can be undone by {@link #undelivered}: true for a receive or
   * an acquire; false for a send, whose element is already in the buffer or with a receiver.
   */
  boolean givesBack() {
    return true;
  }

  /**
   * Cancels this operation if it is still pending and takes it out of the wait queue.
   *
   * @return whether it is now cancelled
   */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    if (completeRaw(rawFailure(new CancellationException("Task was cancelled")))) {
      dequeue();
      return true;
    }
    return isCancelled();
  }

  /**
   * Called when whoever awaited this was cancelled and would rather not take its value: if it
   * completed successfully and {@link #givesBack}, the value is given back, once.
   *
   * @return whether the awaiter must still take the value: this completed successfully and what it
   *     did cannot be undone (a send that delivered its element); false when it failed, was
   *     cancelled, is incomplete, or its value was given back
   */
  @Override
  protected final boolean abandon() {
    Object raw = rawResult();
    if (raw == null || isRawFailure(raw)) {
      return false;
    }
    if (!givesBack()) {
      return true;
    }
    if (ABANDONED.compareAndSet(this, false, true)) {
      undelivered(raw);
    }
    return false;
  }

  @Override
  protected final boolean handsOver() {
    return true;
  }

  /** The raw result of a success with nothing ({@code null}): a send or an acquire. */
  static final Object NIL = rawValue(null);

  /**
   * {@link #claimRaw} for the owner: the first step of completing this under its lock; whether it
   * completed this. The waiters it took wait in {@link #claimed} for {@link #wake}.
   */
  final boolean claim(Object raw) {
    Object taken = claimRaw(raw);
    if (taken == NOT_CLAIMED) {
      return false;
    }
    claimed = taken;
    return true;
  }

  /** {@link #releaseWaiters} for the owner: the second step, after its lock is released. */
  final void wake() {
    Object taken = claimed;
    claimed = null;
    releaseWaiters(taken);
  }

  /** The raw result of a failure, for the owner. */
  static Object failure(Throwable cause) {
    return rawFailure(cause);
  }

  /** {@link Task#afterGate} for the owner. */
  static <T> Task<T> gate(Task<?> gate, java.util.function.Supplier<Task<T>> body, Runnable ifCancelledAfterGate) {
    return afterGate(gate, body, ifCancelledAfterGate);
  }

  /** {@link Task#whenSettled(java.util.concurrent.CompletionStage, Runnable)} for the owner. */
  static <T> Task<T> settled(java.util.concurrent.CompletionStage<T> stage, Runnable action) {
    return whenSettled(stage, action);
  }
}
