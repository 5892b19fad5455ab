package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A loop whose turns the test thread runs on a clock it moves: nothing runs unless it says so. */
class DrivenLoopTest {
  private final AtomicLong now = new AtomicLong(1_000 * TimerWheel.TICK_NANOS);

  @Test
  void theDriverIsTheLoopThreadUntilClosed() {
    try (DrivenLoop driven = new DrivenLoop("driven", now::get)) {
      assertSame(driven.loop(), EventLoop.current());
      assertSame(driven.loop(), EventLoop.currentOrNext());
      assertTrue(driven.loop().inEventLoop());
      assertEquals("EventLoop[driven]", driven.loop().toString());
    }
    assertNull(EventLoop.current());
  }

  /** Moves the clock to each timer deadline up to {@code target} in turn, then to it, running what is due. */
  private void advanceTo(DrivenLoop driven, long target) {
    for (long next = driven.nextTimerDeadline(); next <= target; next = driven.nextTimerDeadline()) {
      now.set(Math.max(now.get(), next));
      while (driven.runDue() > 0) {
        // what ran may have queued more
      }
    }
    now.set(target);
    driven.runDue();
  }

  @Test
  void anHourLongSleepEndsWhenTheClockReachesItsTimerAndTheDriverRunsATurn() {
    try (DrivenLoop driven = new DrivenLoop("driven", now::get)) {
      long start = now.get();
      Task<Void> sleep = Task.sleep(Duration.ofHours(1));
      Task<Void> shorter = Task.sleep(Duration.ofMinutes(1));
      List<String> order = new ArrayList<>();
      sleep.thenRun(() -> order.add("hour at " + Duration.ofNanos(now.get() - start)));
      shorter.thenRun(() -> order.add("minute at " + Duration.ofNanos(now.get() - start)));

      assertEquals(0, driven.runDue());
      assertTrue(driven.nextTimerDeadline() > start, "nothing is due yet");
      advanceTo(driven, start + TimeUnit.MINUTES.toNanos(60) - 1);
      assertEquals(List.of("minute at PT1M"), order);
      assertFalse(sleep.isDone());

      advanceTo(driven, start + TimeUnit.HOURS.toNanos(1));
      assertEquals(List.of("minute at PT1M", "hour at PT1H"), order);
      assertEquals(DrivenLoop.NO_TIMER, driven.nextTimerDeadline());
    }
  }

  @Test
  void aOneMillisecondSleepIsDueAtItsDeadlineNotAtTheNextMillisecond() {
    now.addAndGet(TimerWheel.TICK_NANOS / 3);
    try (DrivenLoop driven = new DrivenLoop("driven", now::get)) {
      long start = now.get();
      Task<Void> sleep = Task.sleep(Duration.ofMillis(1));
      assertEquals(start + 1_000_000, driven.nextTimerDeadline());
      now.set(start + 999_999);
      driven.runDue();
      assertFalse(sleep.isDone(), "never before its deadline");
      now.set(start + 1_000_000);
      driven.runDue();
      assertTrue(sleep.isDone(), "at its deadline, within its tick");
    }
  }

  @Test
  void aDeadlineMadeOnTheDriverIsOnItsClock() {
    try (DrivenLoop driven = new DrivenLoop("driven", now::get)) {
      Deadline deadline = Deadline.after(Duration.ofHours(1));
      Task<String> slow = Task.promise();
      Task<String> bounded = Task.deadline(slow, deadline);
      assertEquals(Duration.ofHours(1), deadline.remaining());
      now.addAndGet(TimeUnit.MINUTES.toNanos(59));
      driven.runDue();
      assertEquals(Duration.ofMinutes(1), deadline.remaining());
      assertFalse(bounded.isDone());
      advanceTo(driven, now.get() + TimeUnit.MINUTES.toNanos(1));
      assertTrue(deadline.isExpired());
      assertTrue(bounded.isCompletedExceptionally(), bounded::toString);
    }
  }

  @Test
  void whatAnotherThreadPostsWaitsForTheDriversTurn() throws Exception {
    try (DrivenLoop driven = new DrivenLoop("driven", now::get)) {
      EventLoop loop = driven.loop();
      CompletableFuture<Boolean> ranOnDriver = new CompletableFuture<>();
      Thread poster = new Thread(() -> loop.execute(() -> ranOnDriver.complete(loop.inEventLoop())));
      poster.start();
      poster.join();
      assertFalse(ranOnDriver.isDone());
      assertTrue(driven.hasQueued());
      driven.awaitPost(-1); // returns at once: work is queued
      driven.runDue();
      assertTrue(ranOnDriver.getNow(false));
    }
  }

  @Test
  void aBlockingJobIsCountedUntilItsCompletionIsPostedAndAwaitPostWakesTheDriver() {
    try (DrivenLoop driven = new DrivenLoop("driven", now::get)) {
      Task<Integer> job = Task.blocking(() -> 42);
      while (driven.pendingBlockingJobs() > 0) {
        driven.awaitPost(-1); // woken when the job is released, though nothing is posted
      }
      assertTrue(job.isDone());
      assertEquals(42, job.getNow(0));
      assertEquals(0, driven.pendingBlockingJobs());
    }
  }

  @Test
  void aFailureNobodyObservedIsTakenOnceAndAnObservedOneNever() {
    try (DrivenLoop driven = new DrivenLoop("driven", now::get)) {
      Task<String> lost = Task.failed(new IOException("lost"));
      Task<String> seen = Task.failed(new IOException("seen"));
      seen.exceptionally(e -> "handled");

      List<DrivenLoop.UnobservedFailure> failures = driven.takeUnobservedFailures();
      assertEquals(1, failures.size(), failures::toString);
      assertEquals("lost", failures.get(0).cause().getMessage());
      assertTrue(failures.get(0).task().startsWith(lost.toString().substring(0, lost.toString().indexOf('['))),
          failures.get(0).task() + " names " + lost);
      assertEquals(List.of(), driven.takeUnobservedFailures());
    }
  }

  @Test
  void aSuspendedCoroutineIsListedByNameAndCancelledByClose() {
    Promise<String> never = Task.promise();
    Task<String> coroutine;
    try (DrivenLoop driven = new DrivenLoop("driven", now::get)) {
      coroutine = HandWoven.guarded(never);
      List<String> suspended = driven.suspended();
      assertEquals(1, suspended.size(), suspended::toString);
      assertTrue(suspended.get(0).startsWith(coroutine + ", in dev.weft.HandWoven.guarded("), suspended.get(0));
      assertTrue(suspended.get(0).contains("awaiting Promise"), suspended.get(0));
    }
    assertTrue(coroutine.isCancelled());
  }

  @Test
  void onlyTheDriverMayDriveAndOnlyOneLoopAtATime() throws Exception {
    try (DrivenLoop driven = new DrivenLoop("driven", now::get)) {
      assertThrows(IllegalStateException.class, () -> new DrivenLoop("second", now::get));
      CompletableFuture<Throwable> fromElsewhere = new CompletableFuture<>();
      Thread other = new Thread(() -> {
        try {
          driven.runDue();
          fromElsewhere.complete(null);
        } catch (Throwable t) {
          fromElsewhere.complete(t);
        }
      });
      other.start();
      other.join();
      assertTrue(fromElsewhere.get() instanceof IllegalStateException, String.valueOf(fromElsewhere.get()));
    }
  }
}
