package dev.weft.test;

import dev.weft.DrivenLoop;
import dev.weft.EventLoop;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Virtual time for a test of {@code @Async} code: an event loop that the test thread drives, on a
 * clock that moves only when the test says so or when nothing else can run. {@code
 * Task.sleep(Duration.ofHours(1))}, {@code withTimeout} and {@link dev.weft.Deadline}s complete
 * at once, in the order of their virtual times. The model is kotlinx-coroutines-test's {@code
 * runTest} and {@code TestCoroutineScheduler}, and Reactor's {@code StepVerifier.withVirtualTime}.
 *
 * <pre>{@code
 * String reply = VirtualTime.runTest(time -> client.fetchWithRetry("x")); // sleeps of minutes: no wait
 * }</pre>
 *
 * <p>While it is open, the thread that made it is the loop's thread: {@code @Async} methods called
 * there bind their coroutines to this loop, and nothing runs on it unless that thread calls {@link
 * #runCurrent}, {@link #advanceBy}, {@link #runUntilIdle} or {@link #join}. No thread races with
 * the test. ({@code Task.join()} refuses to block a loop thread: use {@link #join} instead.)
 * Timers fire at their exact deadlines on the virtual clock, as they do on a real loop.
 *
 * <p>Work on other threads takes real time: {@code Task.blocking} jobs started from this loop are
 * waited for (in real time, up to {@link #realTimeLimit}) before the virtual clock moves, so that
 * a job never loses a race against a virtual timeout.
 *
 * <p>{@link #verify} fails the test on what it must not leave behind: a coroutine of this loop
 * still suspended, and a task that failed on the test thread while nobody observed its failure.
 * {@link #runTest} and the JUnit extension ({@link WeftTest}) call it at the end of each test.
 *
 * <p>Not thread-safe: every method is for the thread that made it (others get {@link
 * IllegalStateException}), and a thread has one open at a time.
 */
public final class VirtualTime implements AutoCloseable {
  /** Where the clock starts: a millisecond boundary, far from 0 so that nothing looks unset. */
  private static final long ORIGIN = TimeUnit.SECONDS.toNanos(1000);
  private static final Duration DEFAULT_REAL_TIME_LIMIT = Duration.ofSeconds(10);

  private long clock = ORIGIN;
  private long realTimeLimitNanos = DEFAULT_REAL_TIME_LIMIT.toNanos();
  private final DrivenLoop driven;

  private VirtualTime() {
    driven = new DrivenLoop("virtual-time", () -> clock);
  }

  /**
   * Virtual time on the calling thread, until {@link #close}. Prefer {@link #runTest} or {@link
   * WeftTest}, which also verify and close.
   *
   * @throws IllegalStateException if the calling thread is an event loop's or has virtual time open
   */
  public static VirtualTime open() {
    return new VirtualTime();
  }

  /**
   * Runs {@code body} on virtual time and returns the value of the stage it returns: opens a
   * {@code VirtualTime}, calls {@code body} with it, {@linkplain #join joins} the stage (moving the
   * clock whenever nothing else can run), runs what is due at that instant, {@linkplain #verify
   * verifies} and closes. When the stage fails, its cause is thrown as it is, checked or not, with
   * what {@code verify} found as suppressed.
   *
   * @throws AssertionError if the stage completes but {@link #verify} finds something left behind,
   *     or if the stage can never complete
   */
  public static <T> T runTest(Function<? super VirtualTime, ? extends CompletionStage<T>> body) {
    Objects.requireNonNull(body, "body");
    try (VirtualTime time = open()) {
      T value;
      try {
        value = time.join(body.apply(time));
        time.runCurrent();
      } catch (Throwable failure) {
        try {
          time.verify();
        } catch (AssertionError leftBehind) {
          failure.addSuppressed(leftBehind);
        }
        throw LeftBehind.sneaky(failure);
      }
      time.verify();
      return value;
    }
  }

  /** The loop the test thread drives: where coroutines started by the test run. */
  public EventLoop loop() {
    return driven.loop();
  }

  /** Virtual time elapsed since this was opened. */
  public Duration now() {
    driven.loop(); // the driver's check
    return Duration.ofNanos(clock - ORIGIN);
  }

  /**
   * How long, in real time, to wait for other threads (blocking jobs, a stage completed elsewhere)
   * when nothing on this loop can run; then {@link #join} and {@link #advanceBy} fail with what is
   * suspended. Default 10 seconds.
   *
   * @return this
   */
  public VirtualTime realTimeLimit(Duration limit) {
    if (limit.isNegative() || limit.isZero()) {
      throw new IllegalArgumentException("VirtualTime.realTimeLimit: must be positive, got " + limit);
    }
    realTimeLimitNanos = limit.toNanos();
    return this;
  }

  /**
   * Runs everything due at the current virtual time, including what that queues in turn, without
   * moving the clock or waiting for other threads.
   */
  public void runCurrent() {
    while (driven.runDue() > 0 || driven.hasQueued()) {
      // what ran may have queued or made due more at this instant
    }
  }

  /**
   * Moves the clock forward by {@code duration}, stopping at each timer due on the way to run what
   * is due then, in order, and runs what is due at the new time. Before each move, waits for the
   * blocking jobs of this loop to finish.
   *
   * @throws IllegalArgumentException if {@code duration} is negative
   */
  public void advanceBy(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("VirtualTime.advanceBy: time does not go back, got " + duration);
    }
    long target = clock + duration.toNanos();
    settle();
    for (long next = driven.nextTimerDeadline(); next - target <= 0; next = driven.nextTimerDeadline()) {
      moveTo(next);
      settle();
    }
    moveTo(target);
    settle();
  }

  /**
   * Runs until nothing is left to run: what is due now, then each timer in turn with the clock
   * moved to it, waiting for blocking jobs of this loop before each move. A coroutine that sleeps
   * in an endless loop keeps this from returning, as it does kotlinx's {@code advanceUntilIdle}.
   */
  public void runUntilIdle() {
    settle();
    for (long next = driven.nextTimerDeadline(); next != DrivenLoop.NO_TIMER; next = driven.nextTimerDeadline()) {
      moveTo(next);
      settle();
    }
  }

  /**
   * Runs the loop until {@code stage} completes, moving the clock to the next timer whenever
   * nothing else can run, and returns its value; a failure's cause is thrown as it is, checked or
   * not, as {@code await} does. Observes the failure, so it is not reported as unobserved.
   *
   * @throws AssertionError if nothing can complete {@code stage}: nothing is due, no timer and no
   *     blocking job is pending, and no other thread posted to the loop within the {@link
   *     #realTimeLimit}; the message lists the coroutines suspended on this loop
   */
  public <T> T join(CompletionStage<T> stage) {
    Objects.requireNonNull(stage, "stage");
    EventLoop loop = driven.loop();
    CompletableFuture<T> done = new CompletableFuture<>();
    stage.whenComplete((value, failure) -> {
      if (failure == null) {
        done.complete(value);
      } else {
        done.completeExceptionally(failure);
      }
      if (!loop.inEventLoop()) {
        loop.executeOrElse(() -> {}, closed -> {}); // wakes the driver
      }
    });
    while (!done.isDone()) {
      runCurrent();
      if (done.isDone()) {
        break;
      }
      if (driven.pendingBlockingJobs() > 0) {
        settle();
      } else if (driven.nextTimerDeadline() != DrivenLoop.NO_TIMER) {
        moveTo(driven.nextTimerDeadline());
      } else {
        awaitOtherThreads(done, stage);
      }
    }
    return result(done);
  }

  /**
   * Fails with an {@link AssertionError} if a coroutine of this loop is still suspended or a task
   * failed on this thread with nobody observing its failure (no await, join or callback) since the
   * last call. Each message line names the task as {@code toString} does; the unobserved failures
   * are the error's suppressed exceptions. Runs nothing: call {@link #runCurrent} first to let what
   * is due finish.
   */
  public void verify() {
    List<DrivenLoop.UnobservedFailure> failures = driven.takeUnobservedFailures();
    List<String> suspended = driven.suspended();
    if (failures.isEmpty() && suspended.isEmpty()) {
      return;
    }
    AssertionError error = new AssertionError(LeftBehind.describe(suspended, failures, now()));
    for (DrivenLoop.UnobservedFailure f : failures) {
      error.addSuppressed(f.cause());
    }
    throw error;
  }

  /**
   * Closes the loop: cancels its timers and every coroutine still suspended (their {@code finally}
   * blocks run now, on this thread), and the thread is no longer a loop thread. Verifies nothing.
   * Idempotent.
   */
  @Override
  public void close() {
    driven.close();
  }

  @Override
  public String toString() {
    return "VirtualTime[" + Duration.ofNanos(clock - ORIGIN) + "]";
  }

  /** Moves the clock to {@code nanos} if that is later, and runs what is due then. */
  private void moveTo(long nanos) {
    if (nanos - clock > 0) {
      clock = nanos;
    }
    runCurrent();
  }

  /** Runs what is due now, then waits for this loop's blocking jobs and runs what they post. */
  private void settle() {
    runCurrent();
    long limit = System.nanoTime() + realTimeLimitNanos;
    while (driven.pendingBlockingJobs() > 0 || driven.hasQueued()) {
      long left = limit - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("VirtualTime: " + driven.pendingBlockingJobs() + " blocking job(s) of "
            + driven.loop() + " still running after " + Duration.ofNanos(realTimeLimitNanos)
            + " of real time, at virtual " + now() + LeftBehind.suspendedLines(driven.suspended()));
      }
      driven.awaitPost(left);
      runCurrent();
    }
  }

  /** Nothing on the loop can run: waits for another thread to post, up to the real-time limit. */
  private void awaitOtherThreads(CompletableFuture<?> done, CompletionStage<?> stage) {
    long limit = System.nanoTime() + realTimeLimitNanos;
    while (!done.isDone() && !driven.hasQueued()) {
      long left = limit - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("VirtualTime.join: " + stage + " can never complete: at virtual "
            + now() + " nothing is due on " + driven.loop() + ", no timer or blocking job is pending,"
            + " and no other thread posted to it within " + Duration.ofNanos(realTimeLimitNanos)
            + " of real time" + LeftBehind.suspendedLines(driven.suspended()));
      }
      driven.awaitPost(left);
    }
  }

  private static <T> T result(CompletableFuture<T> done) {
    try {
      return done.get();
    } catch (ExecutionException e) {
      throw LeftBehind.sneaky(unwrap(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("VirtualTime.join: interrupted", e);
    }
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
