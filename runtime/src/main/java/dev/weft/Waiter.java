package dev.weft;

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
      java.util.concurrent.locks.LockSupport.unpark(thread);
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
