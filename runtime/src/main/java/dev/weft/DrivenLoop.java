package dev.weft;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * An {@link EventLoop} whose turns the thread that made it runs, on a clock it is given: the
 * runtime's hook for test kits with virtual time ({@code weft-test}'s {@code VirtualTime}, as
 * kotlinx's {@code TestCoroutineScheduler} or Netty's {@code ManualIoEventLoop}). Most code never
 * uses it; a test uses {@code weft-test}.
 *
 * <p>The driver thread is the loop's thread while this is open: {@link EventLoop#current()} on it
 * is {@link #loop()}, so {@code @Async} methods called there bind their coroutines to this loop,
 * and {@code Task.sleep}, timeouts and deadlines use its clock. Nothing runs unless the driver
 * calls {@link #runDue}: no thread races with it. Other threads may post to the loop as to any
 * (a blocking job's completion); {@link #awaitPost} waits for that. The loop has no selector, so
 * {@code dev.weft.net} sockets cannot be bound to it.
 *
 * <p>The driver also sees two things a test must not leave behind: {@link #suspended()}, the
 * coroutines of the loop still suspended, and {@link #takeUnobservedFailures()}, tasks that failed
 * on the driver thread while nobody observed the failure, without waiting for the garbage
 * collector that reports them otherwise.
 *
 * <p>Every method is for the driver thread only, and throws {@link IllegalStateException}
 * elsewhere.
 */
public final class DrivenLoop implements AutoCloseable {
  /** {@link TimerQueue#NONE}: {@link #nextTimerDeadline()} when no timer is pending. */
  public static final long NO_TIMER = TimerQueue.NONE;
  private static final ThreadLocal<DrivenLoop> DRIVEN = new ThreadLocal<>();
  /** How many driven loops are open: {@link EventLoop#current} skips the thread-local at 0. */
  private static final AtomicInteger OPEN = new AtomicInteger();

  private final EventLoop loop;
  private final Thread driver;
  private final List<Unobserved> failures = new ArrayList<>();
  private boolean closed;

  /**
   * A failure nobody observed: the task, named as {@link Task#toString} names it without its
   * state, and its cause.
   *
   * @param task the failed task, as {@code Name@hash}
   * @param cause what it failed with
   */
  public record UnobservedFailure(String task, Throwable cause) {}

  /**
   * Makes a loop named {@code name} on {@code nanoClock} (a clock in nanoseconds, like {@link
   * System#nanoTime}, that only the driver moves forward) whose driver is the calling thread.
   *
   * @throws IllegalStateException if the calling thread is a loop's thread or drives a loop already
   */
  public DrivenLoop(String name, LongSupplier nanoClock) {
    driver = Thread.currentThread();
    if (EventLoop.current() != null) {
      throw new IllegalStateException("DrivenLoop: thread " + driver.getName()
          + " already runs " + EventLoop.current() + "; a thread drives one loop at a time");
    }
    loop = new EventLoop(name, IoHandler.PARKING, nanoClock, driver);
    DRIVEN.set(this);
    OPEN.incrementAndGet();
    loop.runDue(); // reads the clock once: timers may be added from now on
  }

  /** The loop this drives. */
  public EventLoop loop() {
    checkDriver();
    return loop;
  }

  /**
   * Runs the timers expired by the clock, then up to a batch of queued tasks and continuations;
   * never waits. What they queue or make due runs at the next call.
   *
   * @return how many timers and tasks ran; 0 when nothing was due
   */
  public int runDue() {
    checkDriver();
    return loop.runDue();
  }

  /** Whether tasks or continuations are queued to run now. */
  public boolean hasQueued() {
    checkDriver();
    return !loop.isQueueEmpty();
  }

  /**
   * When the next timer is due, by the clock, or {@link #NO_TIMER}. Timers fire at their exact
   * deadlines; this is the first deadline, or earlier (the start of a 4 s slot for timers further
   * ahead, or a deadline since cancelled), never later; a value not after the clock means one is
   * due now.
   */
  public long nextTimerDeadline() {
    checkDriver();
    return loop.timers().nextDeadline();
  }

  /**
   * How many blocking jobs ({@code Task.blocking}) submitted from this loop have not yet posted
   * their completion back to it: while there are any, work will arrive from another thread.
   */
  public int pendingBlockingJobs() {
    checkDriver();
    return loop.expectedCompletions();
  }

  /**
   * Parks the driver until another thread posts work to the loop, the last of the {@link
   * #pendingBlockingJobs} running at the call has finished (a job's completion posts nothing when
   * no coroutine of the loop awaits it), or {@code timeoutNanos} pass (negative: no limit). Returns
   * at once if work is queued, and may return early.
   */
  public void awaitPost(long timeoutNanos) {
    checkDriver();
    loop.awaitPost(timeoutNanos);
  }

  /**
   * The coroutines of this loop suspended now, one line each: the coroutine as {@link
   * Task#toString} shows it (its method, the await it is suspended at and what that awaits), then
   * where it is suspended as a stack frame of its {@code @Async} method (with the source line when
   * the weaver recorded it).
   */
  public List<String> suspended() {
    checkDriver();
    List<String> lines = new ArrayList<>();
    for (Continuation<?> c : loop.liveFrames().snapshot()) {
      if (c.awaited() != null && !c.isDone()) {
        StackTraceElement at = c.suspendedAt();
        lines.add(c + (at == null ? "" : ", in " + at));
      }
    }
    return lines;
  }

  /**
   * The tasks that failed on the driver thread since the last call and whose failure nobody has
   * observed (no await, join or callback); each is then counted as observed, so it is reported
   * here once and never again by the collector.
   */
  public List<UnobservedFailure> takeUnobservedFailures() {
    checkDriver();
    List<UnobservedFailure> taken = new ArrayList<>();
    for (Unobserved token : failures) {
      if (!token.isObserved()) {
        token.observed();
        taken.add(new UnobservedFailure(token.task(), token.cause()));
      }
    }
    failures.clear();
    return taken;
  }

  /**
   * Shuts the loop down as {@link EventLoop#shutdownGracefully()} does, on the driver: pending
   * timers are cancelled, every coroutine still suspended is cancelled and runs its {@code
   * finally} blocks, then the loop terminates and the thread drives no loop any more. Idempotent.
   */
  @Override
  public void close() {
    checkDriver();
    if (closed) {
      return;
    }
    closed = true;
    try {
      loop.shutdownGracefully();
      loop.loop();
    } finally {
      DRIVEN.remove();
      OPEN.decrementAndGet();
    }
  }

  @Override
  public String toString() {
    return "DrivenLoop[" + loop + ", driver " + driver.getName() + "]";
  }

  /** The loop the calling thread drives, or null. Any thread; for {@link EventLoop#current}. */
  static EventLoop ofCurrentThread() {
    if (OPEN.get() == 0) {
      return null;
    }
    DrivenLoop d = DRIVEN.get();
    return d == null ? null : d.loop;
  }

  /** Notes an unobserved-failure token made on the calling thread if it drives a loop. */
  static void failedUnobserved(Unobserved token) {
    if (OPEN.get() != 0) {
      DrivenLoop d = DRIVEN.get();
      if (d != null) {
        d.failures.add(token);
      }
    }
  }

  private void checkDriver() {
    if (Thread.currentThread() != driver) {
      throw new IllegalStateException("DrivenLoop: " + this + " called from thread "
          + Thread.currentThread().getName() + "; only its driver may call it");
    }
  }
}
