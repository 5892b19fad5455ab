package dev.weft.sync;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The lock of a {@link Channel} or {@link Semaphore}. It is held for a few field updates only,
 * never across a callback (completions run after it is released), so a thread that finds it taken
 * spins, then yields, rather than parking. Taking it when free is one compare-and-set and releasing
 * it one ordered store, where an uncontended {@code synchronized} block costs a compare-and-set
 * each way; a channel hand-off takes the lock twice on each side.
 *
 * <p>Reentrant: describing a waiting task (its {@code toString}, used when a failure is recorded
 * under the lock) takes it again on the same thread.
 */
final class ShortLock {
  private static final VarHandle OWNER;
  /** Spins before the waiting thread starts yielding its core to the holder. */
  private static final int SPINS = 128;

  static {
    try {
      OWNER = MethodHandles.lookup().findVarHandle(ShortLock.class, "owner", Thread.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The thread holding the lock, or null when it is free. */
  private volatile Thread owner;
  /** How many times the owner took it again; read and written by the owner only. */
  private int reentries;

  /** Takes the lock, waiting for it if another thread holds it. */
  void lock() {
    Thread me = Thread.currentThread();
    if (OWNER.compareAndSet(this, null, me)) {
      return;
    }
    if (owner == me) {
      reentries++;
      return;
    }
    for (int spins = 0; ; spins++) {
      if (owner == null && OWNER.compareAndSet(this, null, me)) {
        return;
      }
      if (spins < SPINS) {
        Thread.onSpinWait();
      } else {
        Thread.yield(); // the holder may have been descheduled: let it run
      }
    }
  }

  /** Releases the lock the calling thread holds. */
  void unlock() {
    if (reentries > 0) {
      reentries--;
      return;
    }
    OWNER.setRelease(this, null); // the writes made under the lock come before it is seen free
  }
}
