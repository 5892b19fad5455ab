package dev.weft;

import dev.weft.internal.util.Logs;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The result of an asynchronous computation: what an {@code @Async} method returns, and what it
 * {@linkplain #await awaits}. A task completes exactly once.
 *
 * <table class="striped">
 *   <caption>States</caption>
 *   <tr><th>state</th><th>{@link #isDone}</th><th>{@link #isCancelled}</th>
 *       <th>{@link #isCompletedExceptionally}</th><th>{@link #join}</th></tr>
 *   <tr><td>incomplete (initial)</td><td>false</td><td>false</td><td>false</td>
 *       <td>blocks</td></tr>
 *   <tr><td>completed with a value</td><td>true</td><td>false</td><td>false</td>
 *       <td>returns the value</td></tr>
 *   <tr><td>failed</td><td>true</td><td>false</td><td>true</td>
 *       <td>throws {@link CompletionException} wrapping the cause</td></tr>
 *   <tr><td>cancelled</td><td>true</td><td>true</td><td>true</td>
 *       <td>throws {@link CancellationException}</td></tr>
 * </table>
 *
 * <pre>
 *                      complete(v) ──▶ [completed with value]
 *                    ╱
 *   [incomplete] ───── fail(e) ──────▶ [failed]
 *                    ╲
 *                      cancel() ─────▶ [cancelled]
 * </pre>
 *
 * <p>The first transition wins; later attempts return false. Callbacks registered on a task (an
 * awaiting coroutine, {@code thenApply}, {@link #toCompletableFuture}) run on the thread that
 * completes it; an awaiting coroutine only posts itself to its own event loop from there.
 *
 * <p>Every {@link CompletionStage} method is available and delegates to {@link
 * #toCompletableFuture()}; inside {@code @Async} methods, prefer {@link #await}.
 *
 * @param <T> the type of the value
 */
public abstract class Task<T> extends LoopNode
    implements CompletionStage<T>, Future<T>, StageMethods<T> {
  private static final VarHandle RESULT;
  private static final VarHandle WAITERS;
  /** The waiter slot's value once the task is complete. */
  private static final Object DONE = new Object();
  /**
   * What {@link #claimRaw} returns when the task was complete already.
   *
   * @hidden
   */
  protected static final Object NOT_CLAIMED = new Object();
  /** How many cells of a waiter list {@link #awaitingCoroutine} reads at most. */
  private static final int WAITERS_SCANNED = 64;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      RESULT = l.findVarHandle(Task.class, "result", Object.class);
      WAITERS = l.findVarHandle(Task.class, "waiters", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Null while incomplete, else the raw result (see {@link Failure}). */
  volatile Object result;

  /**
   * Null, one {@link Waiter} or {@link Coroutine}, a {@link WaiterNode} list, DONE, or (a failure
   * nobody has observed yet) an {@link Unobserved} token.
   */
  private volatile Object waiters;

  /**
   * For the runtime's own task types.
   *
   * @hidden
   */
  protected Task() {}

  /** A task already complete with the raw result {@code raw}. */
  Task(Object raw) {
    // Ordered stores, not volatile ones: a volatile store costs a full fence, and this runs for
    // every Task.completed. The release store of the result orders both before the reference is
    // published, as CompletableFuture's constructor of a completed future does.
    WAITERS.set(this, Unobserved.isReportable(raw) ? Unobserved.watch(this, raw) : DONE);
    RESULT.setRelease(this, raw);
  }

  // ---- await (replaced by the weaver) ----

  /**
   * Waits, without blocking a thread, for {@code stage} and returns its value; a failed stage
   * throws its cause as it is. Only meaningful inside an {@code @Async} method: weaving replaces
   * this call. Reached in code that was not woven, it throws and never blocks.
   *
   * @throws IllegalStateException always, naming the method and how to enable weaving
   */
  public static <T> T await(CompletionStage<T> stage) {
    throw Unwoven.error();
  }

  /**
   * {@link #await(CompletionStage)} declaring that it may throw {@code exceptionType}, so that a
   * {@code catch} of that checked exception compiles.
   *
   * @throws X the awaited stage's failure, once woven
   * @throws IllegalStateException always, when not woven
   */
  public static <T, X extends Exception> T await(CompletionStage<T> stage, Class<X> exceptionType)
      throws X {
    throw Unwoven.error();
  }

  /**
   * {@link #await(CompletionStage)} declaring two checked exception types, so that a {@code catch}
   * of each compiles: {@code await(stage, IOException.class, TimeoutException.class)}. The failure
   * is rethrown as it is, whichever type it has.
   *
   * @throws X the awaited stage's failure, once woven
   * @throws Y the awaited stage's failure, once woven
   * @throws IllegalStateException always, when not woven
   */
  public static <T, X extends Exception, Y extends Exception> T await(
      CompletionStage<T> stage, Class<X> firstType, Class<Y> secondType) throws X, Y {
    throw Unwoven.error();
  }

  // ---- factories ----

  /** A task already completed with {@code value} (which may be null). */
  public static <T> Task<T> completed(T value) {
    return new Promise<>(Failure.ofValue(value));
  }

  /** A task already failed with {@code failure}. */
  public static <T> Task<T> failed(Throwable failure) {
    if (failure == null) {
      throw new NullPointerException("failure");
    }
    return new Promise<>(new Failure(Failure.unwrap(failure)));
  }

  /** A new incomplete task that the caller completes with {@link Promise#complete}. */
  public static <T> Promise<T> promise() {
    return new Promise<>();
  }

  /**
   * A task that completes with null after {@code delay}, by the timer of the current event loop
   * (or, off-loop, of the default group's next loop). Cancelling it cancels the timer. It completes
   * no earlier than {@code delay}, and as soon after as the loop wakes (loop timers are exact to
   * the nanosecond, not rounded to milliseconds), plus whatever the loop is busy with.
   *
   * @throws NullPointerException if {@code delay} is null
   */
  public static Task<Void> sleep(Duration delay) {
    return Sleep.start(delay);
  }

  // ---- timeouts and deadlines ----

  /**
   * A task that completes like {@code stage}, unless {@code timeout} passes first: then it fails
   * with {@link TimeoutException} (whose message gives the duration) and cancels {@code stage} (a
   * {@code Task}, or the {@link CompletableFuture} behind another stage). Cancelling the returned
   * task cancels {@code stage} and the timer. If {@code stage} completes as the timer fires, its
   * outcome wins; {@code stage} is cancelled only when the timeout wins.
   *
   * <p>The timer runs on the current event loop, or off-loop on the default group's next loop. A
   * zero or negative timeout times out at once unless {@code stage} is already complete. Inside an
   * {@code @Async} method: {@code User u = await(Task.timeout(fetch(id), Duration.ofSeconds(2)));}.
   * Any thread.
   *
   * @throws NullPointerException if {@code stage} or {@code timeout} is null
   * @throws java.util.concurrent.RejectedExecutionException if the loop to time on is shut down
   */
  public static <T> Task<T> timeout(CompletionStage<T> stage, Duration timeout) {
    return Timeout.after(stage, timeout);
  }

  /**
   * {@link #timeout(CompletionStage, Duration)} with the time left until {@code deadline}: the way
   * to apply one deadline across several awaits. A deadline that has passed times out at once
   * unless {@code stage} is already complete. Any thread.
   *
   * @throws NullPointerException if {@code stage} or {@code deadline} is null
   * @throws java.util.concurrent.RejectedExecutionException if the loop to time on is shut down
   */
  public static <T> Task<T> deadline(CompletionStage<T> stage, Deadline deadline) {
    return Timeout.by(stage, deadline);
  }

  /**
   * {@code Task.timeout(this, timeout)}: a task that completes like this one, or fails with
   * {@link TimeoutException} after {@code timeout} and cancels this task. Any thread.
   *
   * @throws NullPointerException if {@code timeout} is null
   */
  public Task<T> withTimeout(Duration timeout) {
    return Timeout.after(this, timeout);
  }

  /**
   * {@code Task.deadline(this, deadline)}: a task that completes like this one, or fails with
   * {@link TimeoutException} at {@code deadline} and cancels this task. Any thread.
   *
   * @throws NullPointerException if {@code deadline} is null
   */
  public Task<T> withDeadline(Deadline deadline) {
    return Timeout.by(this, deadline);
  }

  /**
   * Runs {@code work} on the bounded blocking pool (daemon threads named {@code weft-blocking-N})
   * and returns a task completed from that thread with its result or failure. A coroutine awaiting
   * it resumes on its own loop.
   */
  public static <T> Task<T> blocking(Callable<T> work) {
    return BlockingPool.submit(work);
  }

  /**
   * A task that completes with the values of {@code stages} in argument order, or fails with the
   * first failure among them and cancels the others.
   */
  @SafeVarargs
  public static <T> Task<List<T>> all(CompletionStage<? extends T>... stages) {
    return Combinators.all(List.of(stages));
  }

  /** {@link #all(CompletionStage[])} over a collection, in iteration order. */
  public static <T> Task<List<T>> all(Collection<? extends CompletionStage<? extends T>> stages) {
    return Combinators.all(List.copyOf(stages));
  }

  /**
   * A task that completes with the first value among {@code stages} and cancels the others; if all
   * fail, it fails with the last failure, the others added as suppressed.
   */
  @SafeVarargs
  public static <T> Task<T> any(CompletionStage<? extends T>... stages) {
    return Combinators.any(List.of(stages));
  }

  /** {@link #any(CompletionStage[])} over a collection. */
  public static <T> Task<T> any(Collection<? extends CompletionStage<? extends T>> stages) {
    return Combinators.any(List.copyOf(stages));
  }

  /**
   * A task that completes on the next turn of the current event loop (off-loop: of the default
   * group's next loop), so that {@code await(Task.yieldNow())} lets other queued work run first.
   * If that loop terminates before its turn comes, the task fails with {@link
   * java.util.concurrent.RejectedExecutionException}. Any thread.
   *
   * @throws java.util.concurrent.RejectedExecutionException if that loop is shutting down
   */
  public static Task<Void> yieldNow() {
    return Yield.on(EventLoop.currentOrNext());
  }

  // ---- for the runtime's own task types in its other packages (dev.weft.sync) ----
  //
  // Task cannot be subclassed outside the runtime in any useful way: these members are hidden from
  // its documentation and carry the raw results of the runtime's own encoding (see Failure).

  /**
   * Completes this task with {@code raw} if it is incomplete, without firing its waiters: the first
   * step of a completion decided under a lock (a channel or semaphore hands over an element or
   * permit), whose waiters {@link #releaseWaiters} fires after the lock is released so that no
   * callback runs under it. Returns the waiters this call took, to hand to {@link
   * #releaseWaiters}, or {@link #NOT_CLAIMED} when the task was complete already. Waiters added
   * after this call run at once, on the thread that adds them.
   *
   * @hidden
   */
  protected final Object claimRaw(Object raw) {
    return close(raw);
  }

  /**
   * The second step after {@link #claimRaw}: fires the waiters it took (nothing when it returned
   * {@link #NOT_CLAIMED}).
   *
   * @hidden
   */
  protected final void releaseWaiters(Object claimed) {
    if (claimed != NOT_CLAIMED) {
      fireTaken(claimed, result);
    }
  }

  /**
   * The raw result: null while incomplete.
   *
   * @hidden
   */
  protected final Object rawResult() {
    return result;
  }

  /**
   * The raw result of a success with {@code value}.
   *
   * @hidden
   */
  protected static Object rawValue(Object value) {
    return Failure.ofValue(value);
  }

  /**
   * The raw result of a failure with {@code cause}.
   *
   * @hidden
   */
  protected static Object rawFailure(Throwable cause) {
    return new Failure(cause);
  }

  /**
   * The value of a raw success.
   *
   * @hidden
   */
  protected static Object valueOf(Object raw) {
    return Failure.valueOrThrow(raw);
  }

  /**
   * Whether {@code raw} is a failure (a cancellation included).
   *
   * @hidden
   */
  protected static boolean isRawFailure(Object raw) {
    return raw instanceof Failure;
  }

  /**
   * Whether this task hands something over (an element, a permit) that must go back when whoever
   * awaited it is cancelled before taking it: the awaiting coroutine then resumes through {@link
   * #abandon}. False for every task but a channel's receive and send and a semaphore's acquire.
   *
   * @hidden
   */
  protected boolean handsOver() {
    return false;
  }

  /**
   * Called when whoever awaited this was cancelled and would rather not take its value; only for
   * tasks that {@link #handsOver}.
   *
   * @return whether the awaiter must still take the value, because handing it over cannot be
   *     undone (a send that delivered its element)
   * @hidden
   */
  protected boolean abandon() {
    return false;
  }

  /**
   * A task with the outcome of {@code body}'s stage, run once {@code gate} succeeds: at once when
   * it has, else on the thread that completes it. A failed gate fails the task; cancelling the
   * task before the gate opens cancels the gate, and {@code ifCancelledAfterGate} runs when the
   * gate opened for a task already cancelled. Cancelling it later cancels the body's stage.
   *
   * @hidden
   */
  protected static <T> Task<T> afterGate(Task<?> gate, java.util.function.Supplier<Task<T>> body,
      Runnable ifCancelledAfterGate) {
    LinkedTask<T> result = new LinkedTask<>();
    result.link(gate);
    gate.addWaiter(Waiter.of(() -> {
      if (gate.isCompletedExceptionally()) {
        result.completeRaw(gate.result);
      } else if (result.isDone()) {
        ifCancelledAfterGate.run();
      } else {
        result.follow(body.get());
      }
    }));
    return result;
  }

  /**
   * {@code stage} as a task (itself if it is one) that runs {@code action} once it has settled:
   * completed, and, for a cancelled {@code @Async} invocation, its {@code finally} blocks run.
   *
   * @hidden
   */
  protected static <T> Task<T> whenSettled(CompletionStage<T> stage, Runnable action) {
    Task<T> task = LinkedTask.of(stage);
    task.addWaiter(Waiter.of(() -> task.whenSettled(action)));
    return task;
  }

  /**
   * Marks a failure of this complete task as observed (someone read it), so that it is not
   * reported as unobserved. Cheap when there is nothing to mark.
   */
  final void observeFailure() {
    Object w = waiters; // closed: the task is complete
    if (w instanceof Unobserved) {
      ((Unobserved) w).observed();
    }
  }

  /**
   * Runs {@code action} once this complete task's work has really stopped. A task is complete the
   * moment it is cancelled, but the code behind it may still be running its {@code finally} blocks
   * ({@link Continuation coroutines}) or its children ({@link TaskScope#run}); those override this. Here: at once.
   *
   * @hidden
   */
  protected void whenSettled(Runnable action) {
    action.run();
  }

  // ---- state ----

  /** Whether this task is complete in any way. */
  @Override
  public final boolean isDone() {
    return result != null;
  }

  /** Whether this task was cancelled. */
  @Override
  public final boolean isCancelled() {
    return Failure.isCancellation(result);
  }

  /** Whether this task failed or was cancelled. */
  public final boolean isCompletedExceptionally() {
    return result instanceof Failure;
  }

  /**
   * Cancels this task if it is incomplete. {@code mayInterruptIfRunning} has no effect.
   *
   * @return whether this task is now cancelled
   */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    return completeRaw(new Failure(new CancellationException("Task was cancelled")))
        || isCancelled();
  }

  /**
   * Waits for this task and returns its value. Never call it on an event-loop thread: it throws
   * there instead of deadlocking the loop.
   *
   * @throws CompletionException wrapping the cause if the task failed
   * @throws CancellationException if it was cancelled
   * @throws IllegalStateException if called on an event-loop thread while incomplete
   */
  public final T join() {
    Object r = result;
    if (r == null) {
      r = Waiter.Signaller.awaitUninterruptibly(this);
    }
    if (r instanceof Failure) {
      observeFailure();
      Throwable c = ((Failure) r).cause;
      throw c instanceof CancellationException
          ? (CancellationException) c
          : new CompletionException(c);
    }
    return value(r);
  }

  /** {@link Future#get()}: like {@link #join} but interruptible and wrapping failures in {@link
   * ExecutionException}. */
  @Override
  public final T get() throws InterruptedException, ExecutionException {
    Object r = result;
    return reportGet(r != null ? r : Waiter.Signaller.await(this, 0L, false));
  }

  /** {@link Future#get(long, TimeUnit)}. */
  @Override
  public final T get(long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    Object r = result;
    if (r == null
        && (r = Waiter.Signaller.await(this, Math.max(1L, unit.toNanos(timeout)), true)) == null) {
      throw new TimeoutException("Task not complete after " + timeout + " " + unit);
    }
    return reportGet(r);
  }

  /** The value if complete, else {@code valueIfAbsent}; failures throw as in {@link #join}. */
  public final T getNow(T valueIfAbsent) {
    return result == null ? valueIfAbsent : join();
  }

  /**
   * A new {@link CompletableFuture} completed when this task completes. Cancelling it cancels this
   * task.
   */
  @Override
  public CompletableFuture<T> toCompletableFuture() {
    CompletableFuture<T> cf = new CompletableFuture<>() {
      @Override
      public boolean cancel(boolean mayInterruptIfRunning) {
        Task.this.cancel(mayInterruptIfRunning);
        return super.cancel(mayInterruptIfRunning);
      }
    };
    addWaiter(new Waiter() {
      @Override
      void fire(Object raw) {
        if (raw instanceof Failure) {
          cf.completeExceptionally(((Failure) raw).cause);
        } else {
          cf.complete(value(raw));
        }
      }
    });
    return cf;
  }

  @Override
  public String toString() {
    return displayName() + "@" + Integer.toHexString(hashCode()) + "[" + state() + "]";
  }

  /**
   * What {@link #toString} and the report of an unobserved failure call this task: its class, or
   * for a coroutine its {@code @Async} method, for a socket operation what it does on which
   * connection.
   *
   * @hidden
   */
  protected String displayName() {
    return getClass().getSimpleName();
  }

  /** The state as shown by {@link #toString}. *
   * @hidden
   */
  protected String state() {
    Object r = result;
    if (r == null) {
      return "Incomplete";
    }
    if (Failure.isCancellation(r)) {
      return "Cancelled";
    }
    return r instanceof Failure ? "Failed: " + ((Failure) r).cause : "Completed: " + value(r);
  }

  // ---- completion machinery ----

  @SuppressWarnings("unchecked")
  private static <T> T value(Object raw) {
    return raw == Failure.NIL ? null : (T) raw;
  }

  private T reportGet(Object r) throws ExecutionException {
    if (r instanceof Failure) {
      observeFailure();
      Throwable c = ((Failure) r).cause;
      if (c instanceof CancellationException) {
        throw (CancellationException) c;
      }
      throw new ExecutionException(c);
    }
    return value(r);
  }

  /**
   * Sets the raw result if incomplete and fires the waiters; whether this call completed it.
   *
   * <p>One atomic operation, with or without waiters: the waiter slot is the one word that decides
   * completion. Its open states are null (no waiter), one waiter and a {@code WaiterNode} list; a
   * completion moves it by compare-and-set to a closed state, {@code DONE} or, for a failure nobody
   * waits for, an {@link Unobserved} token, taking the waiters it held, and only then stores the
   * result (an ordered store, no second fence). So a completer, a waiter being added ({@link
   * #addWaiter}) and a waiter being taken back ({@link #removeWaiter}) each win or lose on that one
   * word, and every waiter is fired exactly once. Between the two steps the task is complete but
   * its result not yet visible: whoever finds the slot closed reads the result through {@link
   * #settledResult}, which waits out those few instructions.
   *
   * @hidden
   */
  protected final boolean completeRaw(Object raw) {
    Object taken = close(raw);
    if (taken == NOT_CLAIMED) {
      return false;
    }
    fireTaken(taken, raw);
    return true;
  }

  /**
   * Closes the waiter slot with {@code raw} as the result: returns the waiters taken (null when
   * none), or {@link #NOT_CLAIMED} when the slot was closed already, once that completion's result
   * is visible (so that a caller who lost sees the task complete).
   */
  private Object close(Object raw) {
    Unobserved token = null;
    for (Object cur = waiters; ; cur = waiters) {
      if (isClosed(cur)) {
        if (token != null) {
          token.observed(); // made for nothing: never report it
        }
        settledResult();
        return NOT_CLAIMED;
      }
      Object closed = DONE;
      if (cur == null && Unobserved.isReportable(raw)) {
        if (token == null) {
          token = Unobserved.watch(this, raw);
        }
        closed = token;
      }
      if (WAITERS.compareAndSet(this, cur, closed)) {
        RESULT.setRelease(this, raw);
        if (token != null && closed != token) {
          token.observed(); // a waiter came before the close: the failure is observed
        }
        return cur;
      }
    }
  }

  /** Whether a waiter-slot value is closed: the task is complete (its result may be in flight). */
  private static boolean isClosed(Object slot) {
    return slot == DONE || slot instanceof Unobserved;
  }

  /**
   * The result of a task whose waiter slot is closed: waits the few instructions between a
   * completion's close and its store of the result when it comes between them.
   */
  final Object settledResult() {
    Object r = result;
    for (int spins = 0; r == null; r = result) {
      if (++spins < 128) {
        Thread.onSpinWait();
      } else {
        Thread.yield(); // the completer was descheduled between its two steps
      }
    }
    return r;
  }

  /** Whether this task is complete: its waiter slot is closed, whether or not its result is visible. */
  final boolean isClosed() {
    return isClosed(waiters);
  }

  /** Fires what a close took from the waiter slot: null, one waiter or a list. */
  private void fireTaken(Object taken, Object raw) {
    if (taken instanceof WaiterNode) {
      fireAll((WaiterNode) taken, raw);
    } else if (taken != null) {
      fire(taken, raw);
    }
  }

  /**
   * Registers {@code waiter} (a {@link Waiter} or a {@link Coroutine}) to run once this task is
   * complete; runs it at once if it already is. The first waiter takes the inline slot.
   */
  final void addWaiter(Object waiter) {
    for (Object cur = waiters; ; cur = waiters) {
      if (cur == DONE) {
        fire(waiter, settledResult());
        return;
      }
      if (cur instanceof Unobserved) { // failed with nobody waiting: now somebody is
        ((Unobserved) cur).observed();
        fire(waiter, settledResult());
        return;
      }
      Object next;
      if (cur == null) {
        next = waiter;
      } else if (cur instanceof WaiterNode) {
        next = new WaiterNode(waiter, (WaiterNode) cur);
      } else {
        next = new WaiterNode(waiter, new WaiterNode(cur, null));
      }
      if (WAITERS.compareAndSet(this, cur, next)) {
        return; // the completion's close will take it
      }
    }
  }

  /**
   * Takes {@code waiter} back out of this task's waiters if it is still there, so that it will not
   * be fired; whether it was. False once this task's completion has claimed its waiters (it fires
   * {@code waiter} then, or has), or when {@code waiter} was never added. Any thread; with the
   * claim by a completion, exactly one of the two gets {@code waiter}, so a coroutine cancelled
   * while it awaits this task is resumed once, by whichever wins, with no atomic operation on the
   * coroutine itself. Allocates only when other waiters share the list.
   */
  final boolean removeWaiter(Object waiter) {
    for (Object cur = waiters; ; cur = waiters) {
      Object next;
      if (cur == waiter) {
        next = null;
      } else if (cur instanceof WaiterNode) {
        next = without((WaiterNode) cur, waiter);
        if (next == cur) {
          return false;
        }
      } else {
        return false; // empty, complete, or another single waiter
      }
      if (WAITERS.compareAndSet(this, cur, next)) {
        return true;
      }
    }
  }

  /**
   * The waiters of {@code list} but {@code waiter}, as a new list in the same order (a single
   * waiter stays unwrapped), or {@code list} itself when {@code waiter} is not in it. The nodes of
   * {@code list} are only read: a completion that claimed the list meanwhile reverses them in
   * place, and then the caller's compare-and-set fails.
   */
  private static Object without(WaiterNode list, Object waiter) {
    int n = 0;
    boolean found = false;
    for (WaiterNode c = list; c != null; c = c.next, n++) {
      found |= c.waiter == waiter;
    }
    if (!found) {
      return list; // not there, or the list was claimed and is being reversed: fired by its claimer
    }
    Object[] kept = new Object[n - 1];
    int k = 0;
    for (WaiterNode c = list; c != null && k < kept.length; c = c.next) {
      if (c.waiter != waiter) {
        kept[k++] = c.waiter;
      }
    }
    if (k != kept.length) {
      return list; // the list changed under the read: the caller's CAS fails and retries
    }
    if (k == 1) {
      return kept[0];
    }
    WaiterNode rebuilt = null;
    for (int i = k - 1; i >= 0; i--) {
      rebuilt = new WaiterNode(kept[i], rebuilt);
    }
    return rebuilt;
  }

  /**
   * A coroutine among this task's waiters, for an {@link AsyncStackTrace}: the earliest registered
   * of those in the first {@value #WAITERS_SCANNED} cells of the list, or null. Any thread, racy:
   * the list may be growing or firing meanwhile, so the caller checks the link it finds.
   */
  final Continuation<?> awaitingCoroutine() {
    Object w = waiters;
    if (w instanceof Continuation) {
      return (Continuation<?>) w;
    }
    Continuation<?> found = null;
    WaiterNode n = w instanceof WaiterNode ? (WaiterNode) w : null;
    for (int i = 0; n != null && i < WAITERS_SCANNED; n = n.next, i++) {
      if (n.waiter instanceof Continuation) {
        found = (Continuation<?>) n.waiter; // the list is newest first
      }
    }
    return found;
  }

  private void fireAll(WaiterNode stack, Object raw) {
    WaiterNode fifo = null; // reverse the stack so waiters run in registration order
    for (WaiterNode n = stack, next; n != null; n = next) {
      next = n.next;
      n.next = fifo;
      fifo = n;
    }
    for (WaiterNode n = fifo; n != null; n = n.next) {
      fire(n.waiter, raw);
    }
  }

  private void fire(Object waiter, Object raw) {
    try {
      if (waiter instanceof Continuation) {
        ((Continuation<?>) waiter).awaitedCompleted(this, raw);
      } else {
        ((Waiter) waiter).fire(raw);
      }
    } catch (Throwable t) {
      Logs.log(Logs.LOOP, System.Logger.Level.WARNING, () -> "A waiter of " + this + " threw", t);
    }
  }

  /** A cell of the waiter list; pushed like a stack, fired in registration order. */
  private static final class WaiterNode {
    final Object waiter;
    WaiterNode next;

    WaiterNode(Object waiter, WaiterNode next) {
      this.waiter = waiter;
      this.next = next;
    }
  }

  /**
   * The loop this task's own work runs on, if it has one (a coroutine's loop, a socket
   * operation's loop), else null. A coroutine made off-loop binds at its first suspension to the
   * home loop of what it awaits, so that a call chain or a connection's handler stays on one loop.
   *
   * @hidden
   */
  protected EventLoop homeLoop() {
    return null;
  }

  /**
   * Queues this task itself on {@code loop}'s run queue (nothing is allocated): {@link
   * #runOnLoop} runs there, or {@link #rejected} when the loop has terminated. Any thread.
   *
   * @hidden
   */
  protected final void postTo(EventLoop loop) {
    loop.post(this);
  }

  /** @hidden */
  @Override
  protected void runOnLoop() {}
}
