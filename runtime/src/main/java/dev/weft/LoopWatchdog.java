package dev.weft;

import dev.weft.internal.util.Logs;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The blocked-loop watchdog: one daemon thread ({@code weft-watchdog}) that looks at every
 * watched loop a few times per threshold and reports, once per step, a loop whose current step
 * (a task, a coroutine's resume, a timer, an I/O turn) has run for longer than its threshold,
 * with what the step runs (a coroutine's {@code Owner.method}) and the loop thread's stack at that
 * moment, as Vert.x's blocked-thread checker does. A blocked loop stalls every coroutine on it, so
 * the usual cause, a blocking call ({@code CompletableFuture.join()}, JDBC, {@code Thread.sleep})
 * inside an {@code @Async} method, is named where it happens.
 *
 * <p>A loop counts its steps with plain release stores (see {@link EventLoop#markStep}); the
 * watchdog sees a step as stuck when the count has not moved since it last looked and the loop is
 * not idle. Cost on the loop: two stores per step, only on watched loops. Loops are watched when
 * {@link EventLoop#BLOCKED_THRESHOLD_PROPERTY} is above 0, or by default when the runtime runs
 * with assertions enabled ({@code -ea}).
 */
final class LoopWatchdog {
  /** The threshold when assertions are enabled and the property is not set. */
  static final long DEFAULT_THRESHOLD_MILLIS = 1000;

  private static final List<Watched> LOOPS = new CopyOnWriteArrayList<>();
  private static Thread thread;

  private LoopWatchdog() {}

  /** Watches {@code loop} until {@link #unwatch}; starts the watchdog thread on first use. */
  static synchronized void watch(EventLoop loop, long thresholdNanos) {
    LOOPS.add(new Watched(loop, thresholdNanos));
    if (thread == null) {
      thread = new Thread(LoopWatchdog::run, "weft-watchdog");
      thread.setDaemon(true);
      thread.start();
    }
  }

  static void unwatch(EventLoop loop) {
    LOOPS.removeIf(w -> w.loop == loop);
  }

  private static void run() {
    while (true) {
      long sleepNanos = TimeUnit.MILLISECONDS.toNanos(100);
      for (Watched w : LOOPS) {
        try {
          w.check(System.nanoTime());
        } catch (Throwable t) {
          // the watchdog must not die of a loop it watches; the next look tries again
        }
        sleepNanos = Math.min(sleepNanos, Math.max(w.thresholdNanos / 4, TimeUnit.MILLISECONDS.toNanos(5)));
      }
      try {
        TimeUnit.NANOSECONDS.sleep(sleepNanos);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** One watched loop and what the watchdog last saw of it. Watchdog thread only. */
  private static final class Watched {
    final EventLoop loop;
    final long thresholdNanos;
    private long lastSteps = -1;
    private long since;
    private boolean reported;

    Watched(EventLoop loop, long thresholdNanos) {
      this.loop = loop;
      this.thresholdNanos = thresholdNanos;
    }

    void check(long now) {
      long steps = loop.steps();
      Object step = loop.step();
      if (steps != lastSteps || step == EventLoop.IDLE) {
        lastSteps = steps;
        since = now;
        reported = false;
        return;
      }
      long blocked = now - since;
      if (!reported && blocked >= thresholdNanos) {
        reported = true;
        report(step, blocked);
      }
    }

    private void report(Object step, long blockedNanos) {
      BlockedLoop trace = new BlockedLoop(loop.threadStack());
      long millis = TimeUnit.NANOSECONDS.toMillis(blockedNanos);
      Logs.log(Logs.LOOP, System.Logger.Level.WARNING,
          () -> loop + " has been blocked for " + millis + " ms (threshold "
              + TimeUnit.NANOSECONDS.toMillis(thresholdNanos) + " ms) running " + describe(step)
              + "; every coroutine on this loop waits meanwhile. The loop thread is at:", trace);
    }
  }

  /** What a loop step runs, for a report: a coroutine's {@code @Async} method, or the step itself. */
  static String describe(Object step) {
    if (step instanceof Continuation) {
      return "the @Async method " + ((Continuation<?>) step).displayName();
    }
    return String.valueOf(step);
  }

  /** Carries the blocked loop thread's stack in a report; not thrown. */
  static final class BlockedLoop extends Throwable {
    private static final long serialVersionUID = 1L;

    BlockedLoop(StackTraceElement[] stack) {
      super("loop thread stack", null, false, true);
      setStackTrace(stack);
    }
  }
}
