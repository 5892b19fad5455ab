package dev.weft;

import java.util.concurrent.locks.LockSupport;

/**
 * A callback held in a {@link Task}'s waiter slot. It runs on the completing thread (or inline on
 * the registering thread when the task is already complete), so it must be cheap and must not run
 * user code that could recurse deeply: hand work to a loop instead.
 */
abstract class Waiter {
  /** Called once with the task's raw result (see {@link Failure}). */
  abstract void fire(Object raw);

  /** Blocks a thread in {@link Task#join} and friends until the task completes. */
  static final class Signaller extends Waiter {
    private final Thread thread = Thread.currentThread();
    volatile boolean done;

    @Override
    void fire(Object raw) {
      done = true;
      LockSupport.unpark(thread);
    }

    /** {@link #await} without a timeout, deferring interrupts until it returns. */
    static Object awaitUninterruptibly(Task<?> task) {
      boolean interrupted = false;
      while (true) {
        try {
          Object r = await(task, 0L, false);
          if (interrupted) {
            Thread.currentThread().interrupt();
          }
          return r;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }

    /**
     * Parks until {@code task} is complete and returns its raw result, or null once {@code nanos}
     * elapse when {@code timed}. Any thread but an event loop's: there it throws rather than stall
     * (or deadlock) the loop.
     */
    static Object await(Task<?> task, long nanos, boolean timed) throws InterruptedException {
      if (EventLoop.current() != null) {
        throw new IllegalStateException("Blocking wait for " + task + " on event-loop thread "
            + Thread.currentThread().getName() + " would stall that loop (and deadlock if the loop "
            + "must complete the task); await it in an @Async method instead");
      }
      Signaller s = new Signaller();
      task.addWaiter(s);
      long deadline = System.nanoTime() + nanos;
      while (!s.done) {
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
        if (!timed) {
          LockSupport.park(task);
        } else if ((nanos = deadline - System.nanoTime()) <= 0) {
          return null;
        } else {
          LockSupport.parkNanos(task, nanos);
        }
      }
      return task.result;
    }
  }

  /** Runs a {@link Runnable}, whatever the outcome. */
  static Waiter of(Runnable action) {
    return new Waiter() {
      @Override
      void fire(Object raw) {
        action.run();
      }
    };
  }
}
