package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimeoutTest {
  private static final long SECOND = 1_000_000_000L;
  private final VirtualLoop v = new VirtualLoop();

  @AfterEach
  void close() {
    v.close();
  }

  /** Makes {@code make.get()} on the loop thread and returns it. */
  private <T> T onLoop(java.util.function.Supplier<T> make) throws Exception {
    List<T> out = new ArrayList<>();
    v.run(() -> out.add(make.get()));
    return out.get(0);
  }

  private static TimeoutException timeoutOf(Task<?> t) {
    CompletionException e = assertThrows(CompletionException.class, t::join);
    return assertInstanceOf(TimeoutException.class, e.getCause());
  }

  @Test
  void completesLikeTheStageAndDropsItsTimer() throws Exception {
    Promise<String> p = Task.promise();
    Task<String> t = onLoop(() -> Task.timeout(p, Duration.ofSeconds(2)));
    assertEquals(1, v.pendingTimers());
    v.run(() -> p.complete("v"));
    assertEquals("v", t.join());
    assertEquals(0, v.pendingTimers(), "completion on the loop unlinks the timer at once");

    Promise<String> q = Task.promise();
    Task<String> u = onLoop(() -> q.withTimeout(Duration.ofSeconds(2)));
    q.fail(new IllegalStateException("boom")); // from this thread
    assertEquals("boom", assertThrows(CompletionException.class, u::join).getCause().getMessage());
    assertEquals(0, v.pendingTimers(), "a cancel from another thread reaches the loop");
  }

  @Test
  void timesOutSayingTheDurationAndCancelsTheTask() throws Exception {
    Promise<String> p = Task.promise();
    Task<String> t = onLoop(() -> p.withTimeout(Duration.ofMillis(1500)));
    v.advance(1499 * TimerWheel.TICK_NANOS);
    assertFalse(t.isDone());
    v.advance(TimerWheel.TICK_NANOS);
    assertEquals("Timed out after PT1.5S", timeoutOf(t).getMessage());
    assertTrue(p.isCancelled());
    assertFalse(p.complete("late"));
  }

  @Test
  void timesOutAForeignStageByCancellingItsFuture() throws Exception {
    CompletableFuture<String> cf = new CompletableFuture<>();
    Task<String> t = onLoop(() -> Task.timeout(cf, Duration.ofSeconds(1)));
    v.advance(SECOND);
    timeoutOf(t);
    assertTrue(cf.isCancelled());

    CompletableFuture<String> done = new CompletableFuture<>();
    Task<String> u = onLoop(() -> Task.timeout(done.minimalCompletionStage(), Duration.ofSeconds(1)));
    done.complete("x");
    assertEquals("x", u.join());
  }

  @Test
  void cancellingTheReturnedTaskCancelsStageAndTimer() throws Exception {
    Promise<String> p = Task.promise();
    Task<String> t = onLoop(() -> Task.timeout(p, Duration.ofSeconds(5)));
    assertEquals(1, v.pendingTimers());
    assertTrue(t.cancel(true));
    assertTrue(t.isCancelled());
    assertTrue(p.isCancelled());
    assertEquals(0, v.pendingTimers());
    v.advance(10 * SECOND);
    assertTrue(t.isCancelled(), "the timer did not fire after the cancel");
  }

  @Test
  void aCompleteStageOrNoTimeNeedsNoTimer() throws Exception {
    Task<String> t = onLoop(() -> Task.timeout(Task.completed("a"), Duration.ZERO));
    assertEquals("a", t.join());
    Promise<String> p = Task.promise();
    Task<String> u = onLoop(() -> Task.timeout(p, Duration.ofSeconds(-1)));
    assertEquals("Timed out after PT-1S", timeoutOf(u).getMessage());
    assertTrue(p.isCancelled());
    assertEquals(0, v.pendingTimers());
    assertThrows(NullPointerException.class, () -> Task.timeout(null, Duration.ZERO));
    assertThrows(NullPointerException.class, () -> Task.timeout(p, null));
    assertThrows(NullPointerException.class, () -> Task.deadline(p, null));
  }

  @Test
  void timeoutAndCompletionAtTheSameInstantTheFirstInLineWins() throws Exception {
    // the completion's timer was added first: it runs first, the value wins
    Promise<String> p = Task.promise();
    Task<String> t = onLoop(() -> {
      v.loop.schedule(() -> p.complete("first"), 1, TimeUnit.SECONDS);
      return Task.timeout(p, Duration.ofSeconds(1));
    });
    v.advance(SECOND);
    assertEquals("first", t.join());
    assertFalse(p.isCancelled());

    // the timeout's timer was added first: the timeout wins and cancels the stage
    Promise<String> q = Task.promise();
    boolean[] completed = new boolean[1];
    Task<String> u = onLoop(() -> {
      Task<String> w = Task.timeout(q, Duration.ofSeconds(1));
      v.loop.schedule(() -> completed[0] = q.complete("second"), 1, TimeUnit.SECONDS);
      return w;
    });
    v.advance(SECOND);
    timeoutOf(u);
    assertTrue(q.isCancelled());
    v.run(() -> assertFalse(completed[0]));
  }

  @Test
  void aTimerFiringAfterTheStageCompletedTakesItsValue() throws Exception {
    // the stage completes but its waiters have not run yet when the timer fires
    Promise<String> p = Task.promise();
    Timeout<String>[] t = new Timeout[1];
    v.run(() -> {
      t[0] = (Timeout<String>) Task.timeout(p, Duration.ofSeconds(1));
      p.result = "raw"; // as if complete() were half way through on another thread
      t[0].run();
    });
    assertEquals("raw", t[0].join());
    assertFalse(p.isCancelled());
  }

  @Test
  void racingCompletionAndTimeoutOnRealThreads() throws Exception {
    int rounds = 400 * EventLoopTest.STRESS;
    int[] outcomes = new int[2];
    for (int i = 0; i < rounds; i++) {
      Promise<Integer> p = Task.promise();
      AtomicInteger completions = new AtomicInteger();
      Task<Integer> t = Task.timeout(p, Duration.ofNanos(200_000)); // default group's loop
      t.whenComplete((x, e) -> completions.incrementAndGet());
      LockSupport.parkNanos(150_000 + (i % 7) * 20_000);
      boolean completedP = p.complete(i);
      try {
        assertEquals(i, t.get(10, TimeUnit.SECONDS));
        assertTrue(completedP);
        assertFalse(p.isCancelled());
        outcomes[0]++;
      } catch (java.util.concurrent.ExecutionException e) {
        assertInstanceOf(TimeoutException.class, e.getCause());
        assertEquals(!completedP, p.isCancelled(), "cancelled only when the timeout came first");
        outcomes[1]++;
      }
      for (int spins = 0; completions.get() == 0 && spins < 10_000; spins++) {
        Thread.sleep(1); // get() may return while the completing thread still runs the callbacks
      }
      assertEquals(1, completions.get(), "round " + i);
    }
    assertEquals(rounds, outcomes[0] + outcomes[1]);
  }

  @Test
  void cancelRacingCompletionCompletesOnce() throws Exception {
    int rounds = 500 * EventLoopTest.STRESS;
    for (int i = 0; i < rounds; i++) {
      Promise<Integer> p = Task.promise();
      Task<Integer> t = Task.timeout(p, Duration.ofSeconds(30));
      AtomicInteger completions = new AtomicInteger();
      t.whenComplete((x, e) -> completions.incrementAndGet());
      CyclicBarrier start = new CyclicBarrier(2);
      boolean[] cancelled = new boolean[1];
      Thread canceller = new Thread(() -> {
        TaskTest.await(start);
        cancelled[0] = t.cancel(true);
      });
      canceller.start();
      TaskTest.await(start);
      boolean completedP = p.complete(i);
      canceller.join();
      assertTrue(t.isDone());
      assertEquals(1, completions.get());
      assertEquals(cancelled[0], t.isCancelled());
      if (t.isCancelled()) {
        assertEquals(!completedP, p.isCancelled());
      } else {
        assertEquals(i, t.join());
        assertTrue(completedP);
      }
    }
  }

  @Test
  void deadlineValues() {
    Deadline d = Deadline.after(Duration.ofSeconds(30));
    assertFalse(d.isExpired());
    assertTrue(d.remaining().compareTo(Duration.ofSeconds(30)) <= 0);
    assertTrue(d.remaining().compareTo(Duration.ofSeconds(20)) > 0);
    assertTrue(d.toString().startsWith("Deadline[in PT"));
    Deadline past = Deadline.at(System.nanoTime() - 5);
    assertTrue(past.isExpired());
    assertEquals(Duration.ZERO, past.remaining());
    assertTrue(past.toString().startsWith("Deadline[passed PT"));
    assertSame(past, d.min(past));
    assertEquals(Deadline.at(42), Deadline.at(42));
    assertEquals(42, Deadline.at(42).nanoTime());
    assertFalse(Deadline.after(Duration.ofDays(365L * 1000)).isExpired(), "saturates");
    assertThrows(NullPointerException.class, () -> Deadline.after(null));
  }

  @Test
  void oneDeadlineAcrossSeveralAwaits() throws Exception {
    Deadline d = Deadline.after(Duration.ofHours(1)); // on the real clock; the loop's is virtual
    Promise<String> first = Task.promise();
    Promise<String> second = Task.promise();
    Task<String> a = onLoop(() -> Task.deadline(first, d));
    first.complete("a");
    assertEquals("a", a.join());
    Task<String> b = onLoop(() -> second.withDeadline(d));
    v.advance(3_599 * SECOND);
    assertFalse(b.isDone());
    v.advance(SECOND);
    assertTrue(timeoutOf(b).getMessage().startsWith("Deadline exceeded (PT"), "message");
    assertTrue(second.isCancelled());

    Promise<String> third = Task.promise();
    Task<String> c = Task.deadline(third, Deadline.at(System.nanoTime() - 1));
    assertEquals("Deadline exceeded (it had passed when the wait began)", timeoutOf(c).getMessage());
    assertTrue(third.isCancelled());
    assertEquals("done", Task.deadline(Task.completed("done"), Deadline.at(0)).join());
  }

  @Test
  void sleepCompletesWithNullAndACancelledSleepLeavesTheTimers() throws Exception {
    Task<Void> s = onLoop(() -> Task.sleep(Duration.ofSeconds(10)));
    assertEquals(1, v.pendingTimers());
    v.run(() -> {
      assertTrue(s.cancel(true));
      assertEquals(0, v.loop.timers().size(), "cancelled on the loop: unlinked at once");
    });
    assertTrue(s.isCancelled());

    Task<Void> off = onLoop(() -> Task.sleep(Duration.ofSeconds(10)));
    assertTrue(off.cancel(true)); // from this thread
    assertEquals(0, v.pendingTimers(), "cancelled elsewhere: unlinked when the loop gets to it");

    Task<Void> slept = onLoop(() -> Task.sleep(Duration.ofSeconds(10)));
    v.advance(9 * SECOND);
    assertFalse(slept.isDone());
    v.advance(SECOND);
    assertNull(slept.join());
    assertFalse(slept.cancel(true));
    assertThrows(NullPointerException.class, () -> Task.sleep(null));
  }

  @Test
  void offLoopSleepRunsOnTheDefaultGroup() throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    Task.sleep(Duration.ofMillis(1)).whenComplete((x, e) -> done.countDown());
    assertTrue(done.await(10, TimeUnit.SECONDS));
  }
}
