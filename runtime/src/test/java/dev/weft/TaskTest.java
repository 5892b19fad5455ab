package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TaskTest {
  @Test
  void promiseCompletesOnceWithValue() {
    Promise<String> p = Task.promise();
    assertFalse(p.isDone());
    assertTrue(p.complete("a"));
    assertFalse(p.complete("b"));
    assertFalse(p.fail(new IOException()));
    assertFalse(p.cancel(true));
    assertEquals("a", p.join());
    assertTrue(p.isDone());
    assertFalse(p.isCompletedExceptionally());
  }

  @Test
  void nullValueIsAValue() {
    Promise<String> p = Task.promise();
    assertTrue(p.complete(null));
    assertTrue(p.isDone());
    assertNull(p.join());
    assertNull(Task.completed(null).join());
  }

  @Test
  void failedJoinWrapsInCompletionExceptionAndGetInExecutionException() {
    IOException cause = new IOException("boom");
    Task<String> t = Task.failed(cause);
    assertTrue(t.isCompletedExceptionally());
    assertFalse(t.isCancelled());
    CompletionException ce = assertThrows(CompletionException.class, t::join);
    assertSame(cause, ce.getCause());
    ExecutionException ee = assertThrows(ExecutionException.class, t::get);
    assertSame(cause, ee.getCause());
  }

  @Test
  void failUnwrapsCompletionException() {
    Promise<String> p = Task.promise();
    IOException cause = new IOException();
    p.fail(new CompletionException(cause));
    assertSame(cause, assertThrows(CompletionException.class, p::join).getCause());
  }

  @Test
  void cancelMarksCancelledAndJoinThrowsCancellation() {
    Promise<String> p = Task.promise();
    assertTrue(p.cancel(false));
    assertTrue(p.isCancelled());
    assertTrue(p.isDone());
    assertTrue(p.isCompletedExceptionally());
    assertFalse(p.complete("late"));
    assertThrows(CancellationException.class, p::join);
    assertThrows(CancellationException.class, p::get);
    assertTrue(p.toString().contains("Cancelled"), p.toString());
  }

  @Test
  void joinBlocksUntilAnotherThreadCompletes() throws Exception {
    Promise<Integer> p = Task.promise();
    Thread t = new Thread(() -> {
      sleepMillis(50);
      p.complete(7);
    });
    t.start();
    assertEquals(7, p.join());
    t.join();
  }

  @Test
  void timedGetTimesOut() {
    Promise<Integer> p = Task.promise();
    assertThrows(TimeoutException.class, () -> p.get(20, TimeUnit.MILLISECONDS));
  }

  @Test
  void toStringShowsState() {
    Promise<String> p = Task.promise();
    assertTrue(p.toString().contains("Incomplete"), p.toString());
    p.complete("v");
    assertTrue(p.toString().contains("Completed: v"), p.toString());
    assertTrue(Task.failed(new IOException("x")).toString().contains("Failed: java.io.IOException: x"));
  }

  @Test
  void toCompletableFutureFollowsTheTask() throws Exception {
    Promise<String> p = Task.promise();
    CompletableFuture<String> cf = p.toCompletableFuture();
    assertFalse(cf.isDone());
    p.complete("x");
    assertEquals("x", cf.get(1, TimeUnit.SECONDS));
    Promise<String> q = Task.promise();
    CompletableFuture<String> failed = q.toCompletableFuture();
    IOException e = new IOException();
    q.fail(e);
    assertSame(e, assertThrows(ExecutionException.class, failed::get).getCause());
  }

  @Test
  void cancellingTheCompletableFutureCancelsTheTask() {
    Promise<String> p = Task.promise();
    p.toCompletableFuture().cancel(false);
    assertTrue(p.isCancelled());
  }

  @Test
  void completionStageMethodsDelegate() throws Exception {
    Promise<Integer> p = Task.promise();
    CompletableFuture<Integer> doubled = p.thenApply(x -> x * 2).toCompletableFuture();
    CompletableFuture<Integer> composed =
        p.thenCompose(x -> Task.completed(x + 1)).toCompletableFuture();
    CompletableFuture<String> handled = Task.<String>failed(new IOException("h"))
        .handle((v, e) -> e.getMessage()).toCompletableFuture();
    p.complete(21);
    assertEquals(42, doubled.get(1, TimeUnit.SECONDS));
    assertEquals(22, composed.get(1, TimeUnit.SECONDS));
    assertEquals("h", handled.get(1, TimeUnit.SECONDS));
    AtomicInteger seen = new AtomicInteger();
    p.whenComplete((v, e) -> seen.set(v)).toCompletableFuture().join();
    assertEquals(21, seen.get());
  }

  @Test
  void manyWaitersAllRunInRegistrationOrder() {
    Promise<Integer> p = Task.promise();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      int n = i;
      p.addWaiter(Waiter.of(() -> order.add(n)));
    }
    p.complete(1);
    assertEquals(1000, order.size());
    for (int i = 0; i < 1000; i++) {
      assertEquals(i, order.get(i));
    }
    p.addWaiter(Waiter.of(() -> order.add(-1))); // late waiter runs at once
    assertEquals(-1, order.get(1000));
  }

  @Test
  void waitersAddedConcurrentlyWithCompletionAllRun() throws Exception {
    for (int round = 0; round < 200; round++) {
      Promise<Integer> p = Task.promise();
      AtomicInteger ran = new AtomicInteger();
      int threads = 4;
      CyclicBarrier start = new CyclicBarrier(threads + 1);
      List<Thread> adders = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Thread th = new Thread(() -> {
          await(start);
          for (int i = 0; i < 100; i++) {
            p.addWaiter(Waiter.of(ran::incrementAndGet));
          }
        });
        th.start();
        adders.add(th);
      }
      await(start);
      p.complete(1);
      for (Thread th : adders) {
        th.join();
      }
      assertEquals(threads * 100, ran.get());
    }
  }

  @Test
  void aSingleWaiterRacingTheCompletionFiresExactlyOnce() throws Exception {
    // The completer skips the waiter list when it looks empty; the adder then fires it itself.
    int rounds = 20_000 * EventLoopTest.STRESS;
    AtomicInteger ran = new AtomicInteger();
    Promise<?>[] current = new Promise<?>[1];
    CyclicBarrier both = new CyclicBarrier(2);
    Thread adder = new Thread(() -> {
      for (int i = 0; i < rounds; i++) {
        await(both);
        current[0].addWaiter(Waiter.of(ran::incrementAndGet));
        await(both);
      }
    });
    adder.start();
    for (int i = 0; i < rounds; i++) {
      current[0] = Task.promise();
      await(both);
      ((Promise<Object>) current[0]).complete("x");
      await(both);
      assertEquals(i + 1, ran.get(), "round " + i);
    }
    adder.join();
  }

  @Test
  void concurrentCompletionHasExactlyOneWinner() throws Exception {
    for (int round = 0; round < 100; round++) {
      Promise<Integer> p = Task.promise();
      int threads = 8;
      AtomicInteger wins = new AtomicInteger();
      AtomicInteger callbacks = new AtomicInteger();
      AtomicInteger lostButIncomplete = new AtomicInteger();
      p.addWaiter(Waiter.of(callbacks::incrementAndGet));
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> racers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int n = t;
        Thread th = new Thread(() -> {
          awaitLatch(go);
          boolean won = n % 2 == 0 ? p.fail(new IOException()) : p.complete(n);
          if (won) {
            wins.incrementAndGet();
          } else if (!p.isDone()) { // lost to a completion whose result must now be visible
            lostButIncomplete.incrementAndGet();
          }
        });
        th.start();
        racers.add(th);
      }
      go.countDown();
      for (Thread th : racers) {
        th.join();
      }
      assertEquals(1, wins.get());
      assertEquals(1, callbacks.get());
      assertEquals(0, lostButIncomplete.get(), "a losing complete() returned before the task was done");
    }
  }

  @Test
  void unwovenAwaitNamesTheMethodAndTheThreeWays() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> callerNotWoven(Task.completed(1)));
    String m = e.getMessage();
    assertTrue(m.contains("TaskTest.callerNotWoven"), m);
    assertTrue(m.contains("weft-processor") && m.contains("annotationProcessorPaths"), m);
    assertTrue(m.contains("-javaagent:weft-agent.jar"), m);
    assertTrue(m.contains("weft-maven-plugin") && m.contains("weave"), m);
    IllegalStateException checked = assertThrows(IllegalStateException.class,
        () -> Task.await(Task.promise(), IOException.class));
    assertTrue(checked.getMessage().contains("TaskTest"), checked.getMessage());
  }

  private static int callerNotWoven(Task<Integer> t) {
    return Task.await(t);
  }

  static void sleepMillis(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  static void await(CyclicBarrier b) {
    try {
      b.await();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static void awaitLatch(CountDownLatch l) {
    try {
      assertTrue(l.await(10, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void removeWaiterTakesOutThatWaiterOnlyAndKeepsTheOthersInOrder() {
    List<String> fired = new ArrayList<>();
    Promise<String> p = Task.promise();
    Waiter a = Waiter.of(() -> fired.add("a"));
    Waiter b = Waiter.of(() -> fired.add("b"));
    Waiter c = Waiter.of(() -> fired.add("c"));
    p.addWaiter(a);
    p.addWaiter(b);
    p.addWaiter(c);
    assertTrue(p.removeWaiter(b));
    assertFalse(p.removeWaiter(b), "already taken out");
    assertTrue(p.removeWaiter(c));
    p.complete("v");
    assertEquals(List.of("a"), fired);
  }

  @Test
  void removeWaiterOfTheOnlyWaiterLeavesTheTaskWithoutWaiters() {
    List<String> fired = new ArrayList<>();
    Promise<String> p = Task.promise();
    Waiter a = Waiter.of(() -> fired.add("a"));
    p.addWaiter(a);
    assertTrue(p.removeWaiter(a));
    p.addWaiter(Waiter.of(() -> fired.add("later")));
    p.complete("v");
    assertEquals(List.of("later"), fired);
  }

  @Test
  void removeWaiterLosesToTheCompletionThatClaimedIt() {
    List<String> fired = new ArrayList<>();
    Promise<String> p = Task.promise();
    Waiter a = Waiter.of(() -> fired.add("a"));
    p.addWaiter(a);
    p.complete("v");
    assertFalse(p.removeWaiter(a), "fired by the completion");
    assertEquals(List.of("a"), fired);
  }

  @Test
  void removeWaiterRacingCompletionGivesTheWaiterToExactlyOneSide() throws Exception {
    for (int i = 0; i < 2_000 * EventLoopTest.STRESS; i++) {
      AtomicInteger fired = new AtomicInteger();
      Promise<String> p = Task.promise();
      Waiter[] ws = new Waiter[1 + i % 3]; // one waiter alone, or in a list of two or three
      for (int k = 0; k < ws.length; k++) {
        ws[k] = Waiter.of(fired::incrementAndGet);
        p.addWaiter(ws[k]);
      }
      Waiter target = ws[i % ws.length];
      CyclicBarrier start = new CyclicBarrier(2);
      Thread completer = new Thread(() -> {
        await(start);
        p.complete("v");
      });
      completer.start();
      await(start);
      boolean removed = p.removeWaiter(target);
      completer.join();
      assertEquals(ws.length - (removed ? 1 : 0), fired.get(),
          "round " + i + ": removed " + removed + ", waiters " + ws.length);
    }
  }
}
