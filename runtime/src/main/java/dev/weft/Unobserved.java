package dev.weft;

import dev.weft.internal.jfr.WeftEvents;
import dev.weft.internal.util.Logs;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reports a failed task that nobody observed: no waiter, callback, {@code join} or {@code await}
 * ever saw its failure before the task was garbage collected. Such a failure would otherwise
 * vanish, so it is logged once through {@link System.Logger} {@code dev.weft.Task} at level
 * WARNING with the cause.
 *
 * <p>A task that fails while nobody waits on it puts one of these tokens in its (empty) waiter
 * slot and registers it with a {@link Cleaner}; the token holds the cause, never the task, so the
 * task can be collected. Observing the failure later marks the token and deregisters it, so it is
 * never reported; the cleaner runs the token once, so it is never reported twice. Successful
 * tasks, cancelled tasks and failures that already have a waiter cost nothing here.
 *
 * <p>A {@link DrivenLoop} (a test's loop) is also told of each token made on its driver thread, so
 * that a test fails on an unobserved failure at its end rather than when a collection happens.
 *
 * <p>A failure must not vanish because no garbage collection ran before the JVM exited: the
 * tokens not run yet are kept in a set, and a shutdown hook reports those still unobserved then.
 *
 * <p>Each report is also the flight-recorder event {@code dev.weft.UnobservedFailure} when a
 * recording enables it.
 */
final class Unobserved implements Runnable {
  private static final Cleaner CLEANER = Cleaner.create(r -> {
    Thread t = new Thread(r, "weft-unobserved-failures");
    t.setDaemon(true);
    return t;
  });
  private static final VarHandle OBSERVED;
  /** Tokens registered and not run yet: what the JVM's exit reports if still unobserved. */
  private static final Set<Unobserved> PENDING = ConcurrentHashMap.newKeySet();

  static {
    try {
      Runtime.getRuntime().addShutdownHook(new Thread(Unobserved::reportPendingAtExit,
          "weft-unobserved-failures-at-exit"));
    } catch (IllegalStateException | SecurityException e) {
      // the JVM is already exiting, or hooks are not allowed: collection still reports
    }
  }

  static {
    try {
      OBSERVED = MethodHandles.lookup().findVarHandle(Unobserved.class, "observed", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Throwable cause;
  /** The task's {@code @Async} method ({@code Owner.method}), or its class. */
  private final String method;
  private final String task;
  private volatile boolean observed;
  private Cleaner.Cleanable cleanable;

  private Unobserved(Throwable cause, String method, String task) {
    this.cause = cause;
    this.method = method;
    this.task = task;
  }

  /** Whether {@code raw} is a failure worth reporting if unobserved: not a cancellation. */
  static boolean isReportable(Object raw) {
    return raw instanceof Failure && !Failure.isCancellation(raw);
  }

  /** A token watching {@code task}, failed with {@code raw}, until it is observed or collected. */
  static Unobserved watch(Task<?> task, Object raw) {
    String method = task.displayName();
    Unobserved token = new Unobserved(((Failure) raw).cause, method,
        method + "@" + Integer.toHexString(System.identityHashCode(task)));
    PENDING.add(token);
    token.cleanable = CLEANER.register(task, token);
    DrivenLoop.failedUnobserved(token);
    return token;
  }

  /** Whether the failure was observed. Any thread. */
  boolean isObserved() {
    return observed;
  }

  /** The failed task, as {@code Name@hash}. */
  String task() {
    return task;
  }

  /** What the task failed with. */
  Throwable cause() {
    return cause;
  }

  /** Marks the failure observed and stops watching. Any thread; idempotent. */
  void observed() {
    if (OBSERVED.compareAndSet(this, false, true)) {
      cleanable.clean(); // runs this token now, which reports nothing
    }
  }

  /** Run once by the cleaner when the task was collected, or by {@link #observed}. */
  @Override
  public void run() {
    if (PENDING.remove(this) && !observed) {
      report("");
    }
  }

  private void report(String when) {
    WeftEvents.unobservedFailure(method, task, cause, !when.isEmpty());
    Logs.log(Logs.TASK, System.Logger.Level.WARNING, () -> "Task " + task + " failed and its failure was "
        + "never observed (no await, join or callback)" + when + "; the failure", cause);
  }

  /** At the JVM's exit: reports every failure still pending and unobserved, once each. */
  private static void reportPendingAtExit() {
    for (Unobserved token : PENDING.toArray(new Unobserved[0])) {
      if (PENDING.remove(token) && !token.observed) {
        token.report(" before the JVM exited");
      }
    }
  }
}
