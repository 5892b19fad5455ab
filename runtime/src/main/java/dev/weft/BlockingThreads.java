package dev.weft;

import dev.weft.internal.util.Logs;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads of {@link BlockingPool}. A job goes to the most recently idle thread (whose caches
 * are warm); a new thread starts only when none is idle and fewer than {@code maxThreads} exist;
 * beyond that jobs wait in a FIFO queue. (A {@code ThreadPoolExecutor} with a core size starts a
 * new thread for each of its first core-size jobs even when the others are idle.)
 *
 * <p>A thread that finds no work after a job stays awake for {@link #SPIN_NANOS}, checking for a
 * job handed to it, before it parks: a loop awaiting blocking jobs one after another then costs
 * no wake-up of a parked thread. At most one thread spins at a time. A thread parked for {@code
 * keepAliveNanos} without work ends.
 *
 * <p>Every job handed over runs exactly once: a thread that times out while a submitter is
 * handing it a job waits for that job instead of ending.
 */
final class BlockingThreads implements Executor {
  /** How long a thread that ran out of work spins before it parks. */
  static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

  private final int maxThreads;
  private final long keepAliveNanos;
  private final String namePrefix;
  private final AtomicInteger names = new AtomicInteger();
  private final AtomicInteger spinning = new AtomicInteger();
  private final Object lock = new Object();
  /** Idle threads, most recently idle last. Guarded by {@link #lock}. */
  private final ArrayDeque<Worker> idle = new ArrayDeque<>();
  /** Jobs waiting for a thread, when {@link #maxThreads} are busy. Guarded by {@link #lock}. */
  private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
  /** Threads started and not ended. Guarded by {@link #lock}. */
  private int threads;

  BlockingThreads(int maxThreads, long keepAlive, TimeUnit unit, String namePrefix) {
    if (maxThreads < 1) {
      throw new IllegalArgumentException("maxThreads must be at least 1, got " + maxThreads);
    }
    this.maxThreads = maxThreads;
    this.keepAliveNanos = unit.toNanos(keepAlive);
    this.namePrefix = namePrefix;
  }

  /**
   * Runs {@code job} on an idle thread, a new one, or, with every thread busy, after the jobs
   * queued before it. Any thread.
   *
   * @throws RejectedExecutionException if a new thread cannot be started (the job is not run)
   */
  @Override
  public void execute(Runnable job) {
    Worker handTo;
    synchronized (lock) {
      handTo = idle.pollLast();
      if (handTo == null) {
        if (threads >= maxThreads) {
          queue.addLast(job);
          return;
        }
        threads++;
      }
    }
    if (handTo != null) {
      handTo.hand(job);
      return;
    }
    Worker w = new Worker(job);
    Thread t = new Thread(w, namePrefix + names.incrementAndGet());
    t.setDaemon(true);
    try {
      t.start();
    } catch (Throwable e) {
      synchronized (lock) {
        threads--;
      }
      throw new RejectedExecutionException("Cannot start a blocking-pool thread", e);
    }
  }

  /** Threads started and not ended. */
  int threadCount() {
    synchronized (lock) {
      return threads;
    }
  }

  /** Threads waiting for work. */
  int idleCount() {
    synchronized (lock) {
      return idle.size();
    }
  }

  private final class Worker implements Runnable {
    private Thread thread;
    /** A job handed to this idle worker; written once per idle period by a submitter. */
    private volatile Runnable handed;
    private Runnable first;

    Worker(Runnable first) {
      this.first = first;
    }

    void hand(Runnable job) {
      handed = job;
      LockSupport.unpark(thread);
    }

    @Override
    public void run() {
      thread = Thread.currentThread();
      Runnable job = first;
      first = null;
      while (job != null) {
        Thread.interrupted(); // no job starts interrupted
        try {
          job.run();
        } catch (Throwable t) {
          Logs.LOOP.log(System.Logger.Level.WARNING, "Blocking job " + job + " threw", t);
        }
        job = next();
      }
    }

    /** The next job: a queued one, or one handed over while idle; null when this thread ends. */
    private Runnable next() {
      synchronized (lock) {
        Runnable queued = queue.pollFirst();
        if (queued != null) {
          return queued;
        }
        idle.addLast(this);
      }
      Runnable job = spinForJob();
      if (job != null) {
        return job;
      }
      long deadline = System.nanoTime() + keepAliveNanos;
      while ((job = take()) == null) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          synchronized (lock) {
            if (idle.remove(this)) {
              threads--;
              return null; // nobody is handing us anything: end
            }
          }
          // A submitter took us off the idle list and is handing us a job: wait for it.
          while ((job = take()) == null) {
            LockSupport.park(this);
          }
          return job;
        }
        LockSupport.parkNanos(this, left);
      }
      return job;
    }

    private Runnable spinForJob() {
      if (spinning.get() > 0 || !spinning.compareAndSet(0, 1)) {
        return null; // another thread already spins
      }
      try {
        long end = System.nanoTime() + SPIN_NANOS;
        do {
          Runnable job = take();
          if (job != null) {
            return job;
          }
          Thread.onSpinWait();
        } while (System.nanoTime() - end < 0);
        return null;
      } finally {
        spinning.set(0);
      }
    }

    private Runnable take() {
      Runnable job = handed;
      if (job != null) {
        handed = null;
      }
      return job;
    }
  }
}
