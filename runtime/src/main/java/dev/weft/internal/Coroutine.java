package dev.weft.internal;

import dev.weft.Continuation;
import dev.weft.EventLoop;
import dev.weft.Task;
import dev.weft.internal.jfr.WeftEvents;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Runtime support for woven code; not for direct use. The frame of one suspended invocation of an
 * {@code @Async} method, and at the same time the {@link Task} that invocation returned. Every
 * public member is ABI that woven class files link against (see {@code weaver/STATE_MACHINE.md}):
 * names and descriptors never change.
 *
 * <p>Life of a frame: the entry invocation runs on the caller's thread; at its first suspension
 * it allocates the frame ({@link #newFrame}), which binds it to an event loop, and {@link
 * #suspend}s. When the awaited stage completes, exactly one resume is posted to that loop, which
 * calls the {@link Resumer}; the body then continues from {@link #label()}. {@link #complete} and
 * {@link #fail} settle the task. From its first suspension until its body has ended, the frame
 * is one of its loop's live coroutines (dev.weft.LiveFrames), which the loop's shutdown cancels.
 *
 * <p>Resume guard: {@code armed} holds the stage of the current suspension, and exactly one party
 * claims its resume, delivers the outcome and posts the one resume: a suspension is never resumed
 * twice and never dropped. Awaiting a {@link Task}, the frame is one of the task's waiters, and
 * the claim is the task's own: its completion claims its whole waiter list at once, and {@link
 * #cancel} claims by taking the frame back out of that list ({@code Task.removeWaiter}); one of
 * the two wins, so the frame itself needs no atomic operation. Awaiting any other stage, the
 * claim is moving {@code armed} from that stage to null by compare-and-set (the stage's callback,
 * {@link #cancel}, or a failed registration), and a late callback from an earlier suspension finds
 * a different stage and does nothing.
 *
 * @param <T> the type of the task's value
 */
public class Coroutine<T> extends Continuation<T> {
  private static final VarHandle ARMED;
  private static final VarHandle AUX;
  /** The bits of {@link #state} that hold the label. */
  private static final int LABEL_MASK = (1 << 27) - 1;
  /** The label once the body has reached its return or its catch-all. */
  private static final int BODY_RETURNED = LABEL_MASK;
  /**
   * {@link #state} bit: this suspension's {@code dev.weft.Suspension} event is in {@link
   * TimedSuspensions}; set when it suspends while a recording enables the event, cleared as it
   * resumes.
   */
  private static final int TIMED = 1 << 27;
  /** {@link #state} bit: the frame has suspended before. */
  private static final int SUSPENDED_BEFORE = 1 << 28;
  /** {@link #state} bit: the body has returned and this frame waits on the returned stage. */
  private static final int RETURNING = 1 << 29;
  /**
   * {@link #state} bit: {@link #outcome} is the awaited task itself, one that {@link Task#handsOver} (a channel
   * receive, a semaphore acquire), complete, rather than its raw result: a frame cancelled before
   * its body took the value then gives it back.
   */
  private static final int OUTCOME_IS_STAGE = 1 << 30;
  /** {@link #state} bit: the frame is in its loop's {@link LiveFrames} list of foreign frames. */
  private static final int LIVE_FOREIGN = 1 << 31;
  /** The end of the body in {@link #aux} once the body has run its last step. */
  private static final Object ENDED = new Object();

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      ARMED = l.findVarHandle(Coroutine.class, "armed", Object.class);
      AUX = l.findVarHandle(Coroutine.class, "aux", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Calls the woven state machine with a frame; made by the {@link #resumer} bootstrap. */
  @FunctionalInterface
  public interface Resumer {
    /** Continues the invocation that {@code frame} belongs to. */
    void resume(Coroutine<?> frame);
  }

  private final Resumer resumer;
  /**
   * The loop every resume runs on: the loop that made the frame, or, for a frame made on another
   * thread, chosen at the first suspension (the loop of the awaited coroutine when it has one, so
   * a call chain started off-loop stays together; else the default group's next loop).
   */
  private EventLoop loop;
  /**
   * The label of the last suspension (the low 27 bits, {@link #BODY_RETURNED} once the body has
   * ended) and the flags {@link #TIMED}, {@link #SUSPENDED_BEFORE}, {@link #RETURNING} and {@link
   * #OUTCOME_IS_STAGE}, in one word to keep the frame small. Written by the frame's own step
   * before it arms a stage, and (the one flag {@link #OUTCOME_IS_STAGE}) by the claimer of the
   * resume before it posts: never by two threads at a time.
   */
  private int state;
  /** The stage being awaited or returned, until someone claims the resume (see class doc). */
  private volatile Object armed;
  /**
   * The outcome to resume with; written by the resume's claimer before posting. While the frame
   * is suspended, before any claim, it holds when it suspended ({@link #suspensionStamp}, written
   * by the frame's own step before it arms the stage, so a claimer's write always comes after).
   */
  private Object outcome;
  /**
   * Two rarely set things in one field: the {@link TaskLocal} bindings captured when the frame was
   * made, and the end of the body. The end is null while the body may still run, {@link #ENDED}
   * once it has run its last step (returned or thrown, its {@code finally} blocks done), or a
   * {@link Runnable} waiting for that; it is only tracked where a cancelled task's body may still
   * be running (see {@link #whenSettled}). The field holds the end alone when there are no
   * bindings, the {@link TaskLocal.Binding} alone while the end is null, else a {@link Side}.
   */
  private volatile Object aux;

  Coroutine(Resumer resumer, EventLoop loop) {
    this.resumer = resumer;
    this.loop = loop;
    Object context = capturedContext();
    if (context != null) {
      AUX.set(this, context); // plain write: the frame is published safely later
    }
  }

  // ---- ABI: await sites ----

  /** Whether {@code stage} is complete in any way (true for null, so getNow reports it). */
  public static boolean isDone(CompletionStage<?> stage) {
    if (stage instanceof Task) {
      return rawResultOf((Task<?>) stage) != null;
    }
    if (stage == null) {
      return true;
    }
    try {
      return futureOf(stage).isDone();
    } catch (UnsupportedOperationException e) {
      return false;
    }
  }

  /**
   * The value of a complete stage, or throws its failure's cause as it is (checked or not), or
   * {@link CancellationException}.
   */
  public static Object getNow(CompletionStage<?> stage) {
    return valueNow(observedRawOf(stage));
  }

  /**
   * Allocates the frame at an invocation's first suspension: a {@link Frames.Arrays} whose {@code
   * refs} and {@code prims} arrays have the given sizes (an array of size 0 is null), or, when
   * both are 0, a plain frame that saves nothing. On a loop thread the frame is bound to that
   * loop; elsewhere it is bound by {@link #suspend}.
   */
  public static Coroutine<?> newFrame(Resumer resumer, int refSlots, int primSlots) {
    EventLoop loop = EventLoop.current();
    if ((refSlots | primSlots) == 0) {
      return new Coroutine<>(resumer, loop);
    }
    return new Frames.Arrays(resumer, loop, refSlots, primSlots);
  }

  /**
   * Allocates the frame at an invocation's first suspension as the {@link Frames} class {@code
   * R<refSlots>P<primSlots>}, whose fields hold the saved values (no arrays); bound to a loop as
   * by {@link #newFrame}.
   *
   * @throws IllegalArgumentException when no such class exists ({@link Frames#MAX_REFS}, {@link
   *     Frames#MAX_PRIMS})
   */
  public static Coroutine<?> newFieldFrame(Resumer resumer, int refSlots, int primSlots) {
    return Frames.of(resumer, EventLoop.current(), refSlots, primSlots);
  }

  /** The suspension point to resume at: the label of the last {@link #suspend}. */
  public int label() {
    return state & LABEL_MASK;
  }

  /**
   * Suspends at {@code label} until {@code stage} completes; a resume is then posted to this
   * frame's loop. Everything written into the frame before this call happens-before the resume.
   *
   * @return true the first time this frame suspends (the entry invocation then returns {@link
   *     #entryResult}); false for later suspensions (the resumed invocation returns null)
   */
  public boolean suspend(CompletionStage<?> stage, int label) {
    if (label <= 0 || label >= BODY_RETURNED) {
      throw new IllegalArgumentException("suspension label out of range: " + label);
    }
    int s = state;
    boolean first = (s & SUSPENDED_BEFORE) == 0;
    state = (s & ~(LABEL_MASK | TIMED)) | SUSPENDED_BEFORE | label;
    boolean onLoop = true;
    if (first) {
      if (loop == null) {
        loop = bindingFor(stage);
        onLoop = false;
      }
      if (enterLive(loop)) { // before arming: the resume may run at once
        state |= LIVE_FOREIGN;
      }
    }
    outcome = suspensionStamp(loop, onLoop); // before arming: the claimer's outcome replaces it
    if (WeftEvents.suspensionEnabled()) { // a recording times this suspension
      state |= TIMED;
      TimedSuspensions.suspended(this);
    }
    arm(stage);
    if (stage != null && isCancelled()) {
      claim(stage, rawFailure(new CancellationException("Task was cancelled")), true);
    }
    return first;
  }

  /**
   * The awaited stage's value; throws its cause unwrapped, with the {@link dev.weft.AsyncStackTrace}
   * of this frame and those awaiting it, or {@link CancellationException} if this task was
   * cancelled.
   */
  public Object resumeValue() {
    Object raw = outcome;
    outcome = null;
    boolean cancelled = isCancelled(); // read once: a cancel landing later meets the next await
    int s = state;
    if ((s & OUTCOME_IS_STAGE) != 0) {
      state = s & ~OUTCOME_IS_STAGE;
      Task<?> stage = (Task<?>) raw;
      raw = rawResultOf(stage);
      if (cancelled && !abandon(stage)) { // the permit or element it carried goes back
        throw new CancellationException("Task was cancelled");
      }
      return resumeWith(raw); // not cancelled, or a send that did deliver
    }
    if (cancelled) {
      throw new CancellationException("Task was cancelled");
    }
    return resumeWith(raw);
  }

  /** What the entry invocation returns at its first suspension: the frame itself. */
  public static Object entryResult(Coroutine<?> frame) {
    return frame;
  }

  /**
   * Called at every {@code return} of the body with the returned stage. Without a frame, returns
   * that stage (a failed task if it is null); with one, completes the frame when the stage does and
   * returns null.
   */
  public static Object complete(Object stage, Coroutine<?> frame) {
    if (frame == null) {
      return stage != null ? stage : Task.failed(returnedNull());
    }
    frame.state |= BODY_RETURNED;
    if (stage == null) {
      frame.completeRaw(rawFailure(returnedNull()));
    } else if (isDone((CompletionStage<?>) stage)) {
      frame.completeRaw(observedRawOf((CompletionStage<?>) stage));
    } else {
      frame.state |= RETURNING;
      frame.outcome = suspensionStamp(frame.loop, true);
      frame.arm((CompletionStage<?>) stage);
    }
    return null;
  }

  /** Called by the body's catch-all handler: fails the task (a new one without a frame). */
  public static Object fail(Throwable failure, Coroutine<?> frame) {
    if (frame == null) {
      return Task.failed(failure);
    }
    frame.state |= BODY_RETURNED;
    frame.completeRaw(rawFailure(unwrapFailure(failure)));
    return null;
  }

  /** What a stub of a method returning {@code CompletableFuture} returns. */
  public static CompletableFuture<?> toCompletableFuture(Object result) {
    return futureOf((CompletionStage<?>) result);
  }

  /**
   * Bootstrap of the {@code ConstantDynamic} that makes a class's {@link Resumer} in woven format
   * 3: a lambda calling the static bridge {@code impl}, of type {@code (Coroutine)void}. Kept so
   * that classes woven in format 3 still run; their coroutines know their method but no file or
   * line.
   */
  public static Resumer resumer(
      MethodHandles.Lookup lookup, String name, Class<?> type, MethodHandle impl) {
    Resumer resumer = lambda(lookup, impl);
    AsyncNames.register(resumer, lookup, impl, null, new int[0]);
    return resumer;
  }

  /**
   * Bootstrap of the {@code ConstantDynamic} that makes a class's {@link Resumer} in woven format
   * 4 and later: as {@link #resumer(MethodHandles.Lookup, String, Class, MethodHandle)}, given the
   * format the class was woven in and the method's debug metadata. In format 4 {@code metadata}
   * is the source file ({@code ""} when the class has none) and the source line of each
   * suspension label as one string of decimal lines in label order, separated by commas, -1 for
   * an await without a line ({@code "14,20,-1"}). Variable arity so that a class of any later
   * format reaches the check of its format.
   *
   * @throws BootstrapMethodError when this runtime does not run {@code format}, naming the class,
   *     the method, both formats and the fix; or when the metadata is malformed
   */
  public static Resumer resumer(MethodHandles.Lookup lookup, String name, Class<?> type,
      MethodHandle impl, int format, Object... metadata) {
    Class<?> owner = lookup.lookupClass();
    String method;
    try {
      method = AsyncNames.methodOf(lookup.revealDirect(impl).getName());
    } catch (RuntimeException e) { // not a direct handle: its description names it
      method = String.valueOf(impl);
    }
    WovenFormats.check(format, owner, method);
    String file;
    int[] lines;
    try {
      file = (String) metadata[0];
      lines = AsyncSite.decodeLines((String) metadata[1]);
    } catch (RuntimeException e) {
      throw new BootstrapMethodError("Malformed debug metadata of " + owner.getName() + "."
          + method + " (woven format " + format + "): " + Arrays.toString(metadata), e);
    }
    Resumer resumer = lambda(lookup, impl);
    AsyncNames.register(resumer, lookup, impl, file.isEmpty() ? null : file, lines);
    return resumer;
  }

  private static Resumer lambda(MethodHandles.Lookup lookup, MethodHandle impl) {
    MethodType sam = MethodType.methodType(void.class, Coroutine.class);
    try {
      return (Resumer) LambdaMetafactory.metafactory(
              lookup, "resume", MethodType.methodType(Resumer.class), sam, impl, sam)
          .getTarget()
          .invoke();
    } catch (Throwable t) {
      throw new BootstrapMethodError("Cannot make a Coroutine.Resumer for " + impl, t);
    }
  }

  // ---- cancellation ----

  /**
   * Cancels this task at once. If the body is suspended, the stage it awaits is cancelled and the
   * body resumes on its loop with {@link CancellationException} at that await, so its {@code
   * catch} and {@code finally} blocks run; whatever it returns or throws afterwards is ignored.
   */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    if (!super.cancel(mayInterruptIfRunning)) {
      return false;
    }
    // The result was stored after the close, with an ordered store: fence it from the read of
    // armed, so that this sees the stage of a suspension that missed the cancel (see suspend).
    VarHandle.fullFence();
    Object stage = armed;
    if (stage != null && (state & RETURNING) == 0) {
      claim(stage, rawFailure(new CancellationException("Task was cancelled")), true);
    }
    return true;
  }

  // ---- resume machinery ----

  private void arm(CompletionStage<?> stage) {
    if (stage == null) {
      outcome = rawFailure(new NullPointerException("await(null)"));
      postTo(loop);
      return;
    }
    ARMED.setRelease(this, stage); // published by the registration's CAS below
    try {
      if (stage instanceof Task) {
        addWaiterTo((Task<?>) stage, this); // no allocation
      } else {
        stage.whenComplete((v, e) -> awaitedCompleted(stage, rawOutcome(v, e)));
      }
    } catch (Throwable t) {
      if (stage instanceof Task) { // addWaiter throws only before it has added the frame
        ARMED.setRelease(this, null);
        outcome = rawFailure(t);
        postTo(loop);
      } else {
        claim(stage, rawFailure(t), false);
      }
    }
  }

  /**
   * Called (on any thread) when {@code stage} completes with {@code raw}. A {@link Task} calls it
   * once per registration, having claimed its waiters (see the class doc): the resume is this
   * call's. Any other stage's callback claims it first.
   */
  @Override
  protected void awaitedCompleted(Object stage, Object raw) {
    if (stage instanceof Task) {
      ARMED.setRelease(this, null); // before the post: a later suspension's arm comes after
      delivered(stage, raw);
    } else if (ARMED.compareAndSet(this, stage, null)) {
      delivered(stage, raw);
    }
  }

  /** Delivers {@code raw}, the outcome of {@code stage}, once this call has claimed the resume. */
  private void delivered(Object stage, Object raw) {
    if ((state & RETURNING) != 0) {
      ReturnTrampoline.complete(this, raw);
      return;
    }
    if (stage instanceof Task && handsOver((Task<?>) stage)) { // keep it to give its value back
      state |= OUTCOME_IS_STAGE;
      outcome = stage;
    } else {
      outcome = raw;
    }
    postTo(loop);
  }

  /** Claims the resume of the suspension awaiting {@code stage}, resuming with {@code raw}. */
  private void claim(Object stage, Object raw, boolean cancelStage) {
    if (stage == null) {
      return;
    }
    boolean claimed;
    if (stage instanceof Task) {
      claimed = removeWaiterFrom((Task<?>) stage, this);
      if (claimed) {
        ARMED.setRelease(this, null);
      }
    } else {
      claimed = ARMED.compareAndSet(this, stage, null);
    }
    if (claimed) {
      if (cancelStage) {
        cancelStage(stage);
        // Completed just before the cancel: a permit or element goes back at once; a send that
        // delivered cannot be undone, so the body resumes with its outcome (see resumeValue).
        if (stage instanceof Task && handsOver((Task<?>) stage) && abandon((Task<?>) stage)) {
          state |= OUTCOME_IS_STAGE;
          raw = stage;
        }
      }
      outcome = raw;
      postTo(loop);
    }
  }

  @Override
  protected void rejected(java.util.concurrent.RejectedExecutionException rejection) {
    if ((state & TIMED) != 0) {
      TimedSuspensions.dropped(this);
    }
    completeRaw(rawFailure(rejection)); // its loop is gone: fail rather than never complete
    endBody(); // and the body will never run again
  }

  /**
   * Runs {@code action} once the body has run its last step: at once if it has, else when it does.
   * A cancelled frame is complete at once, but its body still runs its {@code catch} and {@code
   * finally} blocks on its loop; a {@link dev.weft.TaskScope} waits for that before it completes. A frame
   * completed any other way was completed by the body's own last step ({@link #complete}, {@link
   * #fail}, or the returned stage after it), so it has settled once it is complete.
   *
   * <p>Registering may race with the body completing the frame: the registration is a volatile
   * write of {@link #aux} followed by a read of the result here, and the completion a volatile
   * write of the result followed by a read of {@link #aux} in {@link #runOnLoop}, so one side
   * sees the other and calls {@link #endBody}, whose CAS runs the action once.
   */
  @Override
  protected void whenSettled(Runnable action) {
    if (settledOnCompletion()) {
      endBody();
    }
    for (Object cur = aux; ; cur = aux) {
      Object end = Side.endOf(cur);
      if (end == ENDED) {
        action.run();
        return;
      }
      Runnable next = action;
      if (end != null) {
        Runnable first = (Runnable) end;
        next = () -> {
          first.run();
          action.run();
        };
      }
      if (AUX.compareAndSet(this, cur, Side.withEnd(cur, next))) {
        if (settledOnCompletion()) {
          endBody(); // completed meanwhile, and the body may not have seen this registration
        }
        return;
      }
    }
  }

  /** Whether this frame is complete other than by a cancel: its body has then run its last step. */
  private boolean settledOnCompletion() {
    // Closed, not the result: the completion closes the task (a fence) before it reads aux, and
    // the result is stored after that close, so only the close pairs with the CAS of aux.
    if (!isClosedTask(this)) {
      return false;
    }
    return !isRawCancellation(settledRawOf(this));
  }

  /** Marks the body as ended and runs what {@link #whenSettled} registered. Any thread. */
  private void endBody() {
    for (Object cur = aux; ; cur = aux) {
      Object end = Side.endOf(cur);
      if (end == ENDED) {
        return;
      }
      if (AUX.compareAndSet(this, cur, Side.withEnd(cur, ENDED))) {
        if (end != null) {
          ((Runnable) end).run();
        }
        return;
      }
    }
  }

  @Override
  protected void runOnLoop() {
    if ((state & TIMED) != 0) {
      state &= ~TIMED;
      TimedSuspensions.resumed(this);
    }
    Object ctx = Side.contextOf(aux);
    if (ctx == null) {
      resumeStep();
    } else {
      Object previous = enterContext(ctx);
      try {
        resumeStep();
      } finally {
        exitContext(previous);
      }
    }
    // The step has returned, so the body's finally blocks have run. The end is signalled when a
    // cancelled task's body may still have been running, or when someone waits for it (see
    // whenSettled); otherwise completion alone tells that the body has settled.
    int s = state;
    if ((s & LABEL_MASK) == BODY_RETURNED) {
      leaveLive(loop, (s & LIVE_FOREIGN) != 0);
      if ((s & RETURNING) != 0 || isCancelled() || Side.endOf(aux) != null) {
        endBody();
      }
    }
  }

  private void resumeStep() {
    try {
      resumer.resume(this);
    } catch (Throwable t) { // woven code has a catch-all; this is a last resort
      state |= BODY_RETURNED;
      completeRaw(rawFailure(t));
    }
  }

  /** {@link Stages#rawOf} of a complete stage, marking a Task's failure as observed. */
  private static Object observedRawOf(CompletionStage<?> stage) {
    Object raw = rawOf(stage);
    if (isRawFailure(raw) && stage instanceof Task) {
      observeFailureOf((Task<?>) stage);
    }
    return raw;
  }

  /** The next frame in a {@link ReturnTrampoline}'s queue (the free run-queue link). */
  Coroutine<?> trampolineNext() {
    return (Coroutine<?>) queueNext();
  }

  void setTrampolineNext(Coroutine<?> next) {
    setQueueNext(next);
  }

  /** The task-local bindings captured when the frame was made ({@code TaskLocal}'s); null when none. */
  Object context() {
    return Side.contextOf(aux);
  }

  /** Completes this frame with the outcome stored for the {@link ReturnTrampoline}. */
  void completeWithOutcome() {
    completeRaw(takeOutcome());
  }

  /** The outcome stored for the {@link ReturnTrampoline}. */
  Object takeOutcome() {
    Object raw = outcome;
    outcome = null;
    return raw;
  }

  void setOutcome(Object raw) {
    outcome = raw;
  }

  private static EventLoop bindingFor(CompletionStage<?> stage) {
    EventLoop home = stage instanceof Task ? homeLoopOf((Task<?>) stage) : null;
    return home != null ? home : nextDefaultLoop();
  }


  @Override
  protected EventLoop homeLoop() {
    return loop;
  }

  private static NullPointerException returnedNull() {
    return new NullPointerException("@Async method returned null instead of a stage");
  }

  /**
   * The {@code @Async} method this frame runs ({@code Owner.method}), learned from its resumer;
   * the frame class's name for a resumer not made by {@link #resumer}. The state {@link #toString}
   * shows says where it is suspended: {@code Owner.method (File.java:14), await 2}, or only the
   * await's number (its label) for a class woven without lines (format 3).
   */
  @Override
  protected String displayName() {
    String name = AsyncNames.of(resumer);
    return name != null ? name : super.displayName();
  }

  /**
   * Where the frame is suspended: its method, from its resumer, with the file and the line of the
   * current await ({@link #awaitNumber}) for a class woven in format 4 or later. Looked up only
   * here: the suspend and resume path records nothing for it.
   */
  @Override
  protected StackTraceElement suspendedAt() {
    return AsyncNames.frameOf(resumer, awaitNumber());
  }

  /** The stage this frame awaits (or, having returned, the stage it returned); null if none. */
  @Override
  protected Object awaited() {
    return armed;
  }

  /** The number of the await the frame is suspended at (its label); 0 before the first. */
  @Override
  protected int awaitNumber() {
    return state & LABEL_MASK;
  }

  /** The stamp of the current suspension, or the outcome being delivered (see {@link #outcome}). */
  @Override
  protected Object suspendedSince() {
    return outcome;
  }

  /** Whether the body has returned and the frame waits only for the stage it returned. */
  @Override
  protected boolean returning() {
    return (state & RETURNING) != 0;
  }

  @Override
  protected String state() {
    Object a = armed;
    int s = state;
    String where = (s & RETURNING) != 0 ? ", returned, awaiting " + a
        : a != null ? ", suspended at " + AsyncNames.where(suspendedAt(), s & LABEL_MASK)
            + " awaiting " + a
        : ", at await " + (s & LABEL_MASK);
    return super.state() + where + ", on " + loop;
  }

  /**
   * The {@link #aux} of a frame with {@link TaskLocal} bindings whose body end is tracked: both
   * at once. Immutable; replaced as a whole by a CAS of {@link #aux}.
   */
  private static final class Side {
    final Object context;
    /** {@link #ENDED} or a {@link Runnable} waiting for the end; never null. */
    final Object end;

    private Side(Object context, Object end) {
      this.context = context;
      this.end = end;
    }

    /** The bindings held in an {@link #aux} value; null when none. */
    static Object contextOf(Object aux) {
      if (isContext(aux)) {
        return aux;
      }
      return aux instanceof Side ? ((Side) aux).context : null;
    }

    /** The body end held in an {@link #aux} value: null, {@link #ENDED} or a Runnable. */
    static Object endOf(Object aux) {
      if (aux instanceof Side) {
        return ((Side) aux).end;
      }
      return isContext(aux) ? null : aux;
    }

    /** The {@link #aux} value with the bindings of {@code aux} and the body end {@code end}. */
    static Object withEnd(Object aux, Object end) {
      Object context = contextOf(aux);
      return context == null ? end : new Side(context, end);
    }
  }
}
