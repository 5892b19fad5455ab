package dev.weft.benchmarks.load;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets the main thread of {@link ConnectionLoad} wait until every worker has finished a phase.
 * Workers call {@link #arrive} from their own thread; the main thread calls {@link #await}.
 */
final class PhaseBarrier {

  private final Map<LoadWorker.Phase, CountDownLatch> latches = new EnumMap<>(LoadWorker.Phase.class);

  PhaseBarrier(int workers) {
    for (LoadWorker.Phase phase : LoadWorker.Phase.values()) {
      latches.put(phase, new CountDownLatch(workers));
    }
  }

  /** Records that one worker finished {@code phase}; any thread. */
  void arrive(LoadWorker.Phase phase) {
    latches.get(phase).countDown();
  }

  /**
   * Waits until every worker finished {@code phase} or {@link System#nanoTime()} passes {@code
   * deadline}; returns false on the deadline.
   */
  boolean await(LoadWorker.Phase phase, long deadline) throws InterruptedException {
    return latches.get(phase).await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
  }
}
