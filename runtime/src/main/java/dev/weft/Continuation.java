package dev.weft;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The runtime's view of a suspendable invocation, the one type the event loops need to know of
 * the woven-code ABI ({@code dev.weft.internal.Coroutine} extends it): a task that is a waiter of
 * what it awaits, one of its loop's live coroutines while its body has not ended, and something a
 * dump can describe. Not for use outside the runtime: it is hidden from the documentation, and its
 * protected members carry the runtime's raw results.
 *
 * <p>Its protected static methods are the bridge from the woven-code ABI to the core's
 * package-private machinery, so that the ABI lives in a package of its own without making that
 * machinery public.
 *
 * @param <T> the type of the task's value
 * @hidden
 */
public abstract class Continuation<T> extends Task<T> {
  /** Neighbours in a list of its loop's {@link LiveFrames}; guarded as that list is. */
  Continuation<?> livePrev;
  Continuation<?> liveNext;

  /** For the woven-code ABI only. */
  protected Continuation() {}

  /** Called (on any thread) when {@code stage}, which this awaits, completes with {@code raw}. */
  protected abstract void awaitedCompleted(Object stage, Object raw);

  /** The stage this awaits (or, having returned, the stage it returned); null if none. */
  protected abstract Object awaited();

  /** The number of the await this is suspended at (its label); 0 before the first. */
  protected abstract int awaitNumber();

  /** Whether the body has returned and this waits only for the stage it returned. */
  protected abstract boolean returning();

  /**
   * Where this is suspended, as a frame of its {@code @Async} method: the declaring class and the
   * method's source name, with the source file and the line of the await it is suspended at when
   * the weaver recorded them (file null and line negative otherwise). Null when the method is not
   * known. Built on demand, for dumps, traces and events; nothing is kept per suspension.
   */
  protected StackTraceElement suspendedAt() {
    return null;
  }

  /**
   * When this suspended at its current await (or returned the stage it now waits for): the stamp
   * {@link #suspensionStamp} gave then, while this is suspended; anything else (null, or an
   * outcome being delivered) means not known.
   */
  protected Object suspendedSince() {
    return null;
  }

  /**
   * What a suspension on {@code loop} records as its time, for {@link Coroutines#dump}, costing
   * no clock read: on the loop's own thread, the stamp of the loop's current turn (made once per
   * turn, shared); elsewhere ({@code onLoop} false, a coroutine's first suspension off its loop),
   * a stamp of the clock now.
   */
  protected static Object suspensionStamp(EventLoop loop, boolean onLoop) {
    return onLoop ? loop.turnStamp() : loop.stampNow();
  }

  // ---- live coroutines of a loop ----

  /** Joins {@code loop}'s live coroutines; whether it went to the list kept for other threads. */
  protected final boolean enterLive(EventLoop loop) {
    return loop.liveFrames().add(this);
  }

  /** Leaves {@code loop}'s live coroutines; {@code foreign} is what {@link #enterLive} returned. */
  protected final void leaveLive(EventLoop loop, boolean foreign) {
    loop.liveFrames().remove(this, foreign);
  }

  /** The next in a loop-confined queue of continuations (the run-queue link, free then). */
  protected final Continuation<?> queueNext() {
    return (Continuation<?>) next;
  }

  /** Sets {@link #queueNext}. */
  protected final void setQueueNext(Continuation<?> c) {
    next = c;
  }

  // ---- bridges to tasks, stages and raw results ----

  /** The raw result of a task; null while incomplete. */
  protected static Object rawResultOf(Task<?> task) {
    return task.result;
  }

  /**
   * Whether {@code task} is complete, though its result may not be visible yet: see {@link
   * #settledRawOf}.
   */
  protected static boolean isClosedTask(Task<?> task) {
    return task.isClosed();
  }

  /** The raw result of {@code task}, which {@link #isClosedTask} said is complete. */
  protected static Object settledRawOf(Task<?> task) {
    return task.settledResult();
  }

  /** The raw result of a complete stage. */
  protected static Object rawOf(CompletionStage<?> stage) {
    return Stages.rawOf(stage);
  }

  /** The {@link CompletableFuture} behind a stage. */
  protected static CompletableFuture<?> futureOf(CompletionStage<?> stage) {
    return Stages.future(stage);
  }

  /** Cancels a task, a future or a foreign stage, ignoring a stage that cannot be cancelled. */
  protected static void cancelStage(Object stage) {
    Stages.cancel(stage);
  }

  /** Adds {@code waiter} (a continuation) to what runs when {@code task} completes. */
  protected static void addWaiterTo(Task<?> task, Continuation<?> waiter) {
    task.addWaiter(waiter);
  }

  /**
   * Takes {@code waiter} back out of {@code task}'s waiters; whether it was still there (else the
   * task's completion fires it, or has).
   */
  protected static boolean removeWaiterFrom(Task<?> task, Continuation<?> waiter) {
    return task.removeWaiter(waiter);
  }

  /** Marks the failure of a complete {@code task} as observed. */
  protected static void observeFailureOf(Task<?> task) {
    task.observeFailure();
  }

  /** The loop {@code task}'s own work runs on, or null. */
  protected static EventLoop homeLoopOf(Task<?> task) {
    return task.homeLoop();
  }

  /** Whether {@code task} hands over something to give back when abandoned. */
  protected static boolean handsOver(Task<?> task) {
    return task.handsOver();
  }

  /** {@link Task#abandon} of {@code task}. */
  protected static boolean abandon(Task<?> task) {
    return task.abandon();
  }

  /** The raw result of a callback's outcome: {@code failure} if not null, else {@code value}. */
  protected static Object rawOutcome(Object value, Throwable failure) {
    return Failure.of(value, failure);
  }

  /** The cause a failure stands for, unwrapped as an await unwraps it. */
  protected static Throwable unwrapFailure(Throwable failure) {
    return Failure.unwrap(failure);
  }

  /**
   * The value of {@code raw}, the outcome of the stage this coroutine awaited, as its body resumes
   * with it: a failure's cause is thrown as it is, carrying this coroutine and those awaiting it
   * as its {@link AsyncStackTrace}.
   */
  protected final Object resumeWith(Object raw) {
    if (raw instanceof Failure) {
      AsyncTraces.record(((Failure) raw).cause, this);
    }
    return Failure.valueOrThrow(raw);
  }

  /**
   * The value of {@code raw}, the outcome of a stage an await found already complete, so that no
   * coroutine suspended: a failure's cause is thrown as it is, carrying, when it has no {@link
   * AsyncStackTrace} yet, the awaiting methods as the calling thread's own stack has them.
   */
  protected static Object valueNow(Object raw) {
    if (raw instanceof Failure) {
      AsyncTraces.recordHere(((Failure) raw).cause);
    }
    return Failure.valueOrThrow(raw);
  }

  /** Whether {@code raw} is a cancellation. */
  protected static boolean isRawCancellation(Object raw) {
    return Failure.isCancellation(raw);
  }

  /** The default group's next loop. */
  protected static EventLoop nextDefaultLoop() {
    return EventLoopGroup.defaultGroup().next();
  }

  // ---- task-local bindings ----

  /** The task-local bindings of the calling thread's current work, or null. */
  protected static Object capturedContext() {
    return TaskLocal.captured();
  }

  /** Makes {@code context} current; returns what was, for {@link #exitContext}. */
  protected static Object enterContext(Object context) {
    return TaskLocal.enter((TaskLocal.Binding) context);
  }

  /** Restores what {@link #enterContext} returned. */
  protected static void exitContext(Object previous) {
    TaskLocal.exit((TaskLocal.Binding) previous);
  }

  /** Whether {@code aux} holds task-local bindings. */
  protected static boolean isContext(Object aux) {
    return aux instanceof TaskLocal.Binding;
  }
}
