package dev.weft;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The pool behind {@link Task#blocking}: at most {@link #MAX_THREADS} daemon threads named {@code
 * weft-blocking-N} ({@link BlockingThreads}), a new one started only when none is idle, each
 * retired after {@link #KEEP_ALIVE_SECONDS} idle seconds; work beyond that waits in an unbounded
 * FIFO queue. Started lazily on first use. A cancelled job that is running is interrupted; one
 * still queued is skipped when its turn comes. While a recording enables the flight-recorder event
 * {@code dev.weft.BlockingQueued}, each job records how long it waited for a thread.
 */
final class BlockingPool {
  private BlockingPool() {}

  static final int MAX_THREADS = Math.max(64, 4 * Runtime.getRuntime().availableProcessors());
  static final long KEEP_ALIVE_SECONDS = 60;
  private static final class Holder {
    static final BlockingThreads POOL =
        new BlockingThreads(MAX_THREADS, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS, "weft-blocking-");
  }

  /**
   * Runs {@code work} on the pool; the task completes from the pool thread. Cancelling the task
   * interrupts the job if it is running and keeps it from running if it has not started (see
   * {@link BlockingJob}). Any thread.
   *
   * @throws NullPointerException if {@code work} is null
   */
  static <T> Task<T> submit(Callable<T> work) {
    return submit(work, Holder.POOL);
  }

  /** {@link #submit(Callable)} on another executor; for tests. */
  static <T> Task<T> submit(Callable<T> work, Executor executor) {
    Objects.requireNonNull(work, "work");
    BlockingJob<T> job = new BlockingJob<>(work);
    try {
      executor.execute(job);
    } catch (RejectedExecutionException e) {
      job.completeRaw(new Failure(e));
      job.released();
    }
    return job;
  }

  /** Live pool threads; for tests. */
  static int poolSize() {
    return Holder.POOL.threadCount();
  }
}
