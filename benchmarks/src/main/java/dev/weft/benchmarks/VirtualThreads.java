package dev.weft.benchmarks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.locks.LockSupport;

/**
 * Virtual threads, reached through a method handle because the benchmarks compile with {@code
 * --release 17}. On a JDK without them, {@link #require} throws, which makes JMH skip the peer.
 * Any thread.
 */
final class VirtualThreads {
  private static final MethodHandle START = find();

  private VirtualThreads() {}

  private static MethodHandle find() {
    try {
      return MethodHandles.publicLookup()
          .findStatic(Thread.class, "startVirtualThread", MethodType.methodType(Thread.class, Runnable.class));
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

  /** Whether this JDK has virtual threads. */
  static boolean available() {
    return START != null && Runtime.version().feature() >= 21;
  }

  /**
   * Throws unless virtual threads are available: call from a JMH {@code @Setup} of a
   * virtual-thread peer.
   *
   * @throws IllegalStateException on a JDK without virtual threads (JMH then skips the benchmark)
   */
  static void require() {
    if (!available()) {
      throw new IllegalStateException("virtual-thread peer skipped: JDK " + Runtime.version() + " has no virtual threads");
    }
  }

  /** Starts {@code body} on a new virtual thread. */
  static Thread start(Runnable body) {
    try {
      return (Thread) START.invokeExact(body);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** Joins {@code t}, turning an interrupt into an unchecked failure. */
  static void join(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code body} on a new virtual thread and waits for it. */
  static void run(Runnable body) {
    join(start(body));
  }

  /**
   * {@code n} park/unpark round trips of a worker virtual thread, driven by a second virtual
   * thread that unparks it and yields until the worker has seen the wake-up; returns the count.
   * With {@code -Djdk.virtualThreadScheduler.parallelism=1} both share one carrier, as two
   * coroutines share one loop.
   */
  static long parkUnpark(int n) {
    ParkPair pair = new ParkPair(n);
    run(pair::drive);
    return pair.ack;
  }

  private static final class ParkPair {
    private final int n;
    private volatile int seq;
    private volatile int ack;

    ParkPair(int n) {
      this.n = n;
    }

    void drive() {
      Thread worker = start(this::work);
      for (int i = 1; i <= n; i++) {
        seq = i;
        LockSupport.unpark(worker);
        while (ack != i) {
          Thread.yield();
        }
      }
      join(worker);
    }

    private void work() {
      int seen = 0;
      while (seen < n) {
        while (seq == seen) {
          LockSupport.park(this);
        }
        seen = seq;
        ack = seen;
      }
    }
  }
}
