package dev.weft.sync;

import dev.weft.*;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SemaphoreTest {
  @Test
  void freePermitIsASharedCompletedTaskAndWaitersAreServedInOrder() {
    Semaphore s = new Semaphore(1);
    Task<Void> first = s.acquire();
    assertTrue(first.isDone());
    assertSame(first, new Semaphore(1).acquire(), "no allocation when a permit is free");
    Task<Void> second = s.acquire();
    Task<Void> third = s.acquire();
    assertFalse(second.isDone());
    assertFalse(s.tryAcquire());
    s.release();
    assertTrue(second.isDone());
    assertFalse(third.isDone());
    s.release();
    assertTrue(third.isDone());
    assertEquals(0, s.available());
    s.release();
    assertEquals(1, s.available());
    assertTrue(s.tryAcquire());
    assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
  }

  @Test
  void tryAcquireNeverTakesAPermitPastAWaiter() {
    Semaphore s = new Semaphore(0);
    Task<Void> waiting = s.acquire();
    s.release();
    assertTrue(waiting.isDone(), "the permit went to the waiter");
    assertFalse(s.tryAcquire());
  }

  @Test
  void cancelledWaiterGivesUpItsPlace() {
    Semaphore s = new Semaphore(0);
    Task<Void> a = s.acquire();
    Task<Void> b = s.acquire();
    assertTrue(a.cancel(false));
    s.release();
    assertTrue(b.isDone());
    assertFalse(b.isCompletedExceptionally());
    assertEquals(0, s.available());
    s.release();
    assertEquals(1, s.available(), "the cancelled waiter took nothing");
  }

  @Test
  void cancelRacingWithReleaseNeverLeaksOrDuplicatesAPermit() throws Exception {
    ExecutorRace race = new ExecutorRace();
    try {
      for (int i = 0; i < 2_000; i++) {
        Semaphore s = new Semaphore(0);
        Task<Void> a = s.acquire();
        race.run(() -> a.cancel(false), s::release);
        assertTrue(a.isDone());
        assertEquals(a.isCancelled() ? 1 : 0, s.available(), "iteration " + i + ": " + a);
      }
    } finally {
      race.close();
    }
  }

  @Test
  void neverMoreHoldersThanPermitsUnderContention() throws Exception {
    int permits = 3;
    Semaphore s = new Semaphore(permits);
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger max = new AtomicInteger();
    AtomicInteger entered = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    CyclicBarrier start = new CyclicBarrier(6);
    for (int t = 0; t < 6; t++) {
      threads.add(new Thread(() -> {
        try {
          start.await();
          for (int i = 0; i < 2_000; i++) {
            Task<Void> a = s.acquire();
            if (ThreadLocalRandom.current().nextInt(4) == 0 && a.cancel(false)) {
              continue;
            }
            a.join();
            int now = inside.incrementAndGet();
            max.accumulateAndGet(now, Math::max);
            entered.incrementAndGet();
            Thread.yield();
            inside.decrementAndGet();
            s.release();
          }
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    assertTrue(max.get() <= permits, "at most " + permits + " holders, saw " + max.get());
    assertTrue(entered.get() > 0);
    assertEquals(permits, s.available(), "every permit came back");
  }

  @Test
  void withPermitRunsTheBodyWhenAPermitFreesAndReleasesWhateverTheOutcome() {
    Semaphore s = new Semaphore(1);
    Promise<String> first = Task.promise();
    Task<String> a = s.withPermit(() -> first);
    AtomicBoolean started = new AtomicBoolean();
    Promise<String> second = Task.promise();
    Task<String> b = s.withPermit(() -> {
      started.set(true);
      return second;
    });
    assertFalse(started.get(), "waits for the permit");
    IOException e = new IOException();
    first.fail(e);
    assertSame(e, assertThrows(CompletionException.class, a::join).getCause());
    assertTrue(started.get(), "the failure released the permit");
    second.complete("b");
    assertEquals("b", b.join());
    assertEquals(1, s.available());
    IllegalStateException thrown = new IllegalStateException();
    Task<String> c = s.withPermit(() -> {
      throw thrown;
    });
    assertSame(thrown, assertThrows(CompletionException.class, c::join).getCause());
    assertEquals(1, s.available(), "a throwing body releases too");
    CompletableFuture<String> foreign = new CompletableFuture<>();
    Task<String> d = s.withPermit(() -> foreign);
    assertEquals(0, s.available());
    foreign.complete("d");
    assertEquals("d", d.join());
    assertEquals(1, s.available());
  }

  @Test
  void cancellingAWaitingWithPermitCancelsTheAcquire() {
    Semaphore s = new Semaphore(0);
    AtomicBoolean started = new AtomicBoolean();
    Task<String> t = s.withPermit(() -> {
      started.set(true);
      return Task.completed("x");
    });
    assertTrue(t.cancel(false));
    s.release();
    assertFalse(started.get());
    assertEquals(1, s.available());
    Promise<String> body = Task.promise();
    Task<String> running = s.withPermit(() -> body);
    running.cancel(false);
    assertTrue(body.isCancelled(), "cancelling it cancels the running body");
    assertEquals(1, s.available());
  }

  @Test
  void aCancelledBodyHoldsThePermitUntilItsFinallyBlocksHaveRun() throws Exception {
    EventLoop loop = new EventLoop();
    try {
      Semaphore s = new Semaphore(1);
      List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
      CompletableFuture<Integer> atCancel = new CompletableFuture<>();
      CompletableFuture<String> afterFinally = new CompletableFuture<>();
      loop.execute(() -> {
        Task<String> t = s.withPermit(() -> HandWoven.cancellable(Task.promise(), log));
        t.cancel(false); // the body resumes behind this task to run its catch and finally
        atCancel.complete(s.available());
        loop.execute(() -> afterFinally.complete(log + " available=" + s.available()));
      });
      assertEquals(0, atCancel.get(30, TimeUnit.SECONDS), "still held by the running body");
      String after = afterFinally.get(30, TimeUnit.SECONDS);
      assertTrue(after.endsWith("finally] available=1"), after);
    } finally {
      loop.close();
    }
  }

  @Test
  void coroutineCancelledAfterItsAcquireSucceededGivesThePermitBack() throws Exception {
    EventLoop loop = new EventLoop();
    try {
      Semaphore s = new Semaphore(0);
      CompletableFuture<Task<Void>> frame = new CompletableFuture<>();
      CompletableFuture<Integer> available = new CompletableFuture<>();
      loop.execute(() -> {
        Task<Void> t = ConcurrencyWoven.take(s.acquire()); // suspends, bound to this loop
        s.release(); // hands the permit over; the resume is queued behind this task
        t.cancel(false); // cancelled before the body could take the permit
        loop.execute(() -> available.complete(s.available())); // queued behind the resume
        frame.complete(t);
      });
      Task<Void> t = frame.get(30, TimeUnit.SECONDS);
      assertThrows(CancellationException.class, t::join);
      assertEquals(1, available.get(30, TimeUnit.SECONDS));
    } finally {
      loop.close();
    }
  }

  @Test
  void withPermitReleasesWhenASuspendingBodyReturnsOrThrowsOffALoop() throws Exception {
    permitsConservedOverSuspendingBodies();
  }

  @Test
  void withPermitReleasesWhenASuspendingBodyReturnsOrThrowsOnALoop() throws Exception {
    EventLoop loop = new EventLoop();
    try {
      CompletableFuture<Void> done = new CompletableFuture<>();
      loop.execute(() -> {
        Semaphore s = new Semaphore(2);
        List<CompletionStage<Object>> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          all.add(s.withPermit(() -> ConcurrencyWoven.take(later("v", null))).handle((v, e) -> e));
          all.add(s.withPermit(() -> ConcurrencyWoven.take(later(null, new IOException())))
              .handle((v, e) -> e));
        }
        Task.all(all).whenComplete((v, e) -> loop.execute(() -> {
          if (s.available() == 2) {
            done.complete(null);
          } else {
            done.completeExceptionally(new AssertionError("available=" + s.available()));
          }
        }));
      });
      done.get(30, TimeUnit.SECONDS);
    } finally {
      loop.close();
    }
  }

  /** Many withPermit calls whose @Async bodies suspend; any leaked permit makes one wait forever. */
  private static void permitsConservedOverSuspendingBodies() throws Exception {
    Semaphore s = new Semaphore(1);
    for (int i = 0; i < 20; i++) {
      Task<String> ok = s.withPermit(() -> ConcurrencyWoven.take(later("v", null)));
      assertEquals("v", ok.get(30, TimeUnit.SECONDS));
      IOException boom = new IOException("boom");
      Task<String> bad = s.withPermit(() -> ConcurrencyWoven.take(later(null, boom)));
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> bad.get(30, TimeUnit.SECONDS));
      assertSame(boom, e.getCause());
    }
    assertEquals("last", s.withPermit(() -> Task.completed("last")).get(30, TimeUnit.SECONDS));
    assertEquals(1, s.available());
  }

  /** A stage completing after a 5 ms sleep with {@code value}, or failing with {@code failure}. */
  private static <T> CompletionStage<T> later(T value, Throwable failure) {
    return Task.sleep(java.time.Duration.ofMillis(5)).thenCompose(
        x -> failure == null ? Task.completed(value) : Task.<T>failed(failure));
  }

  // A body under a timeout gave its permit back when the timer fired, while the cancelled body
  // still had its finally block to run.
  @Test
  void withPermitUnderATimeoutHoldsThePermitUntilTheBodysFinallyRan() throws Exception {
    Semaphore s = new Semaphore(1);
    AtomicInteger seenInFinally = new AtomicInteger(-1);
    List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>() {
      @Override
      public boolean add(String entry) {
        if (entry.equals("finally")) {
          seenInFinally.set(s.available());
        }
        return super.add(entry);
      }
    };
    Promise<String> never = Task.promise();
    Task<String> t = s.withPermit(
        () -> Task.timeout(HandWoven.cancellable(never, log), java.time.Duration.ofMillis(5)));
    ExecutionException e = assertThrows(
        ExecutionException.class, () -> t.get(10, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof java.util.concurrent.TimeoutException, e.toString());
    for (int i = 0; i < 1000 && s.available() == 0; i++) {
      Thread.sleep(1);
    }
    assertEquals(1, s.available(), "the permit came back");
    assertEquals(0, seenInFinally.get(), "the permit was still held while the body's finally ran");
  }
}
