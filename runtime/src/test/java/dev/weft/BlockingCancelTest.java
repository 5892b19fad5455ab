package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cancelling {@link Task#blocking} jobs (README, semantics 5). */
class BlockingCancelTest {
  /**
   * One worker thread that runs jobs in order and, unlike a ThreadPoolExecutor, never clears its
   * interrupt flag itself: it records the flag after each job.
   */
  static final class OneThread implements Executor, AutoCloseable {
    final LinkedBlockingQueue<Runnable> jobs = new LinkedBlockingQueue<>();
    final List<Boolean> interruptedAfterJob = new ArrayList<>();
    final Thread thread = new Thread(this::work, "one-thread");
    private static final Runnable STOP = () -> {};

    OneThread() {
      thread.start();
    }

    private void work() {
      while (true) {
        Runnable r;
        try {
          r = jobs.take();
        } catch (InterruptedException e) {
          synchronized (interruptedAfterJob) {
            interruptedAfterJob.add(null); // interrupted while idle: a stray interrupt
          }
          continue;
        }
        if (r == STOP) {
          return;
        }
        r.run();
        synchronized (interruptedAfterJob) {
          interruptedAfterJob.add(Thread.currentThread().isInterrupted());
        }
      }
    }

    @Override
    public void execute(Runnable r) {
      jobs.add(r);
    }

    /** The flags recorded once {@code n} jobs have ended (a job's task completes just before). */
    List<Boolean> flags(int n) throws InterruptedException {
      for (int waited = 0; waited < 10_000; waited++) {
        synchronized (interruptedAfterJob) {
          if (interruptedAfterJob.size() >= n) {
            return new ArrayList<>(interruptedAfterJob);
          }
        }
        Thread.sleep(1);
      }
      throw new AssertionError("jobs did not end: " + interruptedAfterJob);
    }

    @Override
    public void close() throws InterruptedException {
      jobs.add(STOP);
      thread.join(10_000);
    }
  }

  private final OneThread worker = new OneThread();

  @AfterEach
  void stop() throws InterruptedException {
    worker.close();
  }

  @Test
  void cancellingAStartedJobInterruptsItsThreadAndTheTaskIsCancelled() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<String> sawInterrupt = new CompletableFuture<>();
    Task<String> job = Task.blocking(() -> {
      started.countDown();
      try {
        Thread.sleep(60_000);
        return "slept";
      } catch (InterruptedException e) {
        sawInterrupt.complete(Thread.currentThread().getName());
        throw e;
      }
    });
    assertTrue(started.await(10, TimeUnit.SECONDS));
    assertTrue(job.cancel(true));
    assertTrue(job.isCancelled(), "cancelled at once, without waiting for the job");
    assertThrows(CancellationException.class, job::join);
    assertTrue(sawInterrupt.get(10, TimeUnit.SECONDS).startsWith("weft-blocking-"));
  }

  @Test
  void theThreadsInterruptFlagIsClearedBeforeItsNextJob() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    Task<String> first = BlockingPool.submit(() -> {
      started.countDown();
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // leaves the flag set, as careless code does
      }
      return "woke";
    }, worker);
    assertTrue(started.await(10, TimeUnit.SECONDS));
    assertTrue(first.cancel(true));
    Task<Boolean> second = BlockingPool.submit(() -> Thread.currentThread().isInterrupted(), worker);
    assertFalse(second.get(10, TimeUnit.SECONDS), "the next job starts uninterrupted");
    assertTrue(first.isCancelled());
    assertEquals(List.of(false, false), worker.flags(2));
  }

  @Test
  void aJobCancelledBeforeItStartsNeverRuns() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Task<String> blocker = BlockingPool.submit(() -> {
      release.await();
      return "released";
    }, worker);
    AtomicBoolean ran = new AtomicBoolean();
    Task<String> queued = BlockingPool.submit(() -> {
      ran.set(true);
      return "ran";
    }, worker);
    assertTrue(queued.cancel(true));
    release.countDown();
    assertEquals("released", blocker.get(10, TimeUnit.SECONDS));
    assertEquals("after", BlockingPool.submit(() -> "after", worker).get(10, TimeUnit.SECONDS));
    assertFalse(ran.get());
    assertTrue(queued.isCancelled());
    assertEquals(List.of(false, false, false), worker.flags(3), "the skipped job interrupts no one");
  }

  @Test
  void cancellingAFinishedJobChangesNothing() throws Exception {
    Task<String> done = BlockingPool.submit(() -> "ok", worker);
    assertEquals("ok", done.get(10, TimeUnit.SECONDS));
    assertFalse(done.cancel(true));
    assertEquals("ok", done.join());
    assertEquals(List.of(false), worker.flags(1));
    assertThrows(NullPointerException.class, () -> Task.blocking(null));
  }
}
