package dev.weft;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs two actions on two threads released at the same instant, to make races happen. */
public final class ExecutorRace implements AutoCloseable {
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  public void run(Runnable a, Runnable b) throws Exception {
    CyclicBarrier barrier = new CyclicBarrier(2);
    Future<?> fa = pool.submit(() -> {
      barrier.await();
      a.run();
      return null;
    });
    Future<?> fb = pool.submit(() -> {
      barrier.await();
      b.run();
      return null;
    });
    fa.get(30, TimeUnit.SECONDS);
    fb.get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
