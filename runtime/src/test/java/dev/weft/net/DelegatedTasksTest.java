package dev.weft.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Task;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DelegatedTasksTest {
  private final CountDownLatch gate = new CountDownLatch(1);
  private final CountDownLatch firstStarted = new CountDownLatch(1);
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();
  private final List<Integer> order = new CopyOnWriteArrayList<>();

  private Runnable job(int id) {
    return () -> {
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      order.add(id);
      firstStarted.countDown();
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      running.decrementAndGet();
    };
  }

  @Test
  void beyondTheLimitJobsWaitAndRunInTheOrderGiven() throws Exception {
    DelegatedTasks lane = new DelegatedTasks(1);
    Task<Void> first = lane.run(List.of(job(1)));
    assertTrue(firstStarted.await(20, TimeUnit.SECONDS));
    Task<Void> second = lane.run(List.of(job(2)));
    Task<Void> third = lane.run(List.of(job(3), job(4)));
    assertEquals(2, lane.waiting(), "the first holds the one place");
    gate.countDown();
    third.get(20, TimeUnit.SECONDS);
    assertTrue(first.isDone() && second.isDone());
    assertEquals(List.of(1, 2, 3, 4), order);
    assertEquals(1, mostAtOnce.get());
    assertEquals(0, lane.waiting());
  }

  @Test
  void aTaskThatThrowsFailsItsJobAndTheNextStillRuns() throws Exception {
    DelegatedTasks lane = new DelegatedTasks(1);
    Task<Void> failing = lane.run(List.of(() -> {
      throw new IllegalStateException("engine failed");
    }));
    gate.countDown();
    Task<Void> next = lane.run(List.of(job(1)));
    ExecutionException e = assertThrows(ExecutionException.class, () -> failing.get(20, TimeUnit.SECONDS));
    assertEquals("engine failed", e.getCause().getMessage());
    next.get(20, TimeUnit.SECONDS);
    assertEquals(List.of(1), order);
  }

  @Test
  void rejectsALimitBelowOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DelegatedTasks(0));
    assertEquals("DelegatedTasks: the limit must be at least 1, got 0", e.getMessage());
  }
}
