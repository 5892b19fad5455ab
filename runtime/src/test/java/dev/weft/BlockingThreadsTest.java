package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class BlockingThreadsTest {

  private static void await(CountDownLatch latch) throws InterruptedException {
    assertTrue(latch.await(10, TimeUnit.SECONDS), "timed out");
  }

  /** Polls until {@code threads} has {@code count} threads; fails after 10 s. */
  private static void awaitThreads(BlockingThreads threads, int count) throws InterruptedException {
    for (int i = 0; i < 1000 && threads.threadCount() != count; i++) {
      Thread.sleep(10);
    }
    assertEquals(count, threads.threadCount());
  }

  @Test
  void jobsOneAfterAnotherReuseOneThread() throws Exception {
    BlockingThreads pool = new BlockingThreads(64, 60, TimeUnit.SECONDS, "t-reuse-");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      CompletableFuture<String> name = new CompletableFuture<>();
      pool.execute(() -> name.complete(Thread.currentThread().getName()));
      names.add(name.get(10, TimeUnit.SECONDS));
      for (int j = 0; j < 1000 && pool.idleCount() == 0; j++) {
        Thread.sleep(1); // the thread goes idle after completing the future
      }
    }
    assertEquals(1, pool.threadCount(), "a thread was started although one was idle");
    assertEquals(Collections.nCopies(100, "t-reuse-1"), names);
  }

  @Test
  void beyondMaxThreadsJobsWaitInOrder() throws Exception {
    BlockingThreads pool = new BlockingThreads(1, 60, TimeUnit.SECONDS, "t-queue-");
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    pool.execute(() -> {
      started.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    });
    await(started);
    List<Integer> order = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(5);
    for (int i = 0; i < 5; i++) {
      int n = i;
      pool.execute(() -> {
        order.add(n);
        done.countDown();
      });
    }
    assertEquals(1, pool.threadCount());
    assertTrue(order.isEmpty(), "a queued job ran while the only thread was busy");
    release.countDown();
    await(done);
    assertEquals(List.of(0, 1, 2, 3, 4), order);
    assertEquals(1, pool.threadCount());
  }

  @Test
  void idleThreadsEndAfterTheKeepAlive() throws Exception {
    BlockingThreads pool = new BlockingThreads(4, 50, TimeUnit.MILLISECONDS, "t-keep-");
    CountDownLatch hold = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(3);
    for (int i = 0; i < 3; i++) {
      pool.execute(() -> {
        running.countDown();
        try {
          hold.await();
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      });
    }
    await(running);
    assertEquals(3, pool.threadCount());
    hold.countDown();
    awaitThreads(pool, 0);
    CountDownLatch again = new CountDownLatch(1);
    pool.execute(again::countDown);
    await(again);
  }

  @Test
  void aThrowingJobLeavesItsThreadWorkingAndNoJobStartsInterrupted() throws Exception {
    BlockingThreads pool = new BlockingThreads(1, 60, TimeUnit.SECONDS, "t-throw-");
    CountDownLatch thrown = new CountDownLatch(1);
    pool.execute(() -> {
      Thread.currentThread().interrupt();
      thrown.countDown();
      throw new IllegalStateException("expected by the test");
    });
    await(thrown);
    CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
    pool.execute(() -> interrupted.complete(Thread.currentThread().isInterrupted()));
    assertFalse(interrupted.get(10, TimeUnit.SECONDS), "the job started with a stale interrupt");
    assertEquals(1, pool.threadCount());
  }

  @Test
  void everyJobRunsExactlyOnceWhileThreadsRetireAndSubmittersRace() throws Exception {
    // A keep-alive of 1 µs makes threads time out while submitters hand them jobs.
    BlockingThreads pool = new BlockingThreads(3, 1, TimeUnit.MICROSECONDS, "t-race-");
    int submitters = 4;
    int perSubmitter = 5_000;
    AtomicIntegerArray runs = new AtomicIntegerArray(submitters * perSubmitter);
    CountDownLatch done = new CountDownLatch(submitters * perSubmitter);
    List<Thread> threads = new ArrayList<>();
    for (int s = 0; s < submitters; s++) {
      int base = s * perSubmitter;
      Thread t = new Thread(() -> {
        for (int i = 0; i < perSubmitter; i++) {
          int id = base + i;
          pool.execute(() -> {
            runs.incrementAndGet(id);
            done.countDown();
          });
          if (i % 64 == 0) {
            Thread.yield();
          }
        }
      });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertTrue(done.await(30, TimeUnit.SECONDS), done.getCount() + " jobs never ran");
    for (int i = 0; i < runs.length(); i++) {
      assertEquals(1, runs.get(i), "job " + i);
    }
    assertTrue(pool.threadCount() <= 3, "more threads than the maximum: " + pool.threadCount());
    awaitThreads(pool, 0);
  }

  @Test
  void aLoopCountsItsBlockingJobsUntilEachHasEnded() throws Exception {
    EventLoop loop = new EventLoop();
    try {
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Task<String>> running = new CompletableFuture<>();
      CompletableFuture<Task<String>> skipped = new CompletableFuture<>();
      EventLoopTest.onLoop(loop, () -> {
        running.complete(Task.blocking(() -> {
          release.await();
          return "ran";
        }));
        skipped.complete(Task.blocking(() -> {
          release.await(); // interrupted by the cancel below, or cancelled before it starts
          return "cancelled";
        }));
      });
      int[] counted = new int[1];
      EventLoopTest.onLoop(loop, () -> counted[0] = loop.expectedCompletions());
      assertEquals(2, counted[0], "two jobs submitted on the loop");
      skipped.get().cancel(true); // running (interrupted) or not started (skipped): it ends
      release.countDown();
      assertEquals("ran", running.get().get(10, TimeUnit.SECONDS));
      for (int i = 0; i < 1000 && loop.expectedCompletions() != 0; i++) {
        Thread.sleep(10);
      }
      assertEquals(0, loop.expectedCompletions(), "a finished or skipped job is still counted");
      Task<String> offLoop = Task.blocking(() -> "off");
      assertEquals("off", offLoop.get(10, TimeUnit.SECONDS));
      assertEquals(0, loop.expectedCompletions(), "a job submitted off the loop was counted");
    } finally {
      loop.shutdownGracefully(java.time.Duration.ofSeconds(1)).get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void theIdleSpinPropertyIsReadAsALoopStartsAndABadValueIsRefusedWithItsName() throws Exception {
    String key = EventLoop.IDLE_SPIN_PROPERTY;
    try {
      System.setProperty(key, "250");
      EventLoop spinning = new EventLoop();
      System.clearProperty(key);
      EventLoop plain = new EventLoop();
      try {
        assertEquals(250_000, spinning.idleSpin());
        assertEquals(0, plain.idleSpin());
        CompletableFuture<String> ran = new CompletableFuture<>();
        Thread.sleep(1); // let it spin, then park
        spinning.execute(() -> ran.complete("ran"));
        assertEquals("ran", ran.get(10, TimeUnit.SECONDS));
      } finally {
        spinning.close();
        plain.close();
      }
      System.setProperty(key, "soon");
      IllegalArgumentException e =
          org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, EventLoop::new);
      assertTrue(e.getMessage().contains(key) && e.getMessage().contains("soon"), e.getMessage());
    } finally {
      System.clearProperty(key);
    }
  }
}
