package dev.weft;

import dev.weft.internal.Coroutine;
import dev.weft.internal.Frames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** The Coroutine ABI driven by the hand-written state machines of {@link HandWoven}. */
class CoroutineTest {
  private static <T> T get(Task<T> t) throws Exception {
    return t.get(30, TimeUnit.SECONDS);
  }

  @Test
  void fastPathNeverSuspendsAndRunsOnTheCallerThread() throws Exception {
    List<Object> log = new ArrayList<>();
    Task<Integer> t = HandWoven.sum(Task.completed(1), CompletableFuture.completedFuture(2), log);
    assertFalse(t instanceof Coroutine, "no frame without a suspension");
    assertEquals(3, t.join());
    assertEquals(List.of(Thread.currentThread(), Thread.currentThread(), Thread.currentThread()),
        log);
  }

  @Test
  void fastPathReturnsTheBodysOwnStage() {
    Task<String> result = Task.promise();
    assertSame(result, HandWoven.relay(Task.completed("open"), result));
  }

  @Test
  void suspensionReturnsTheFrameAndResumesOnOneLoopThread() throws Exception {
    List<Object> log = Collections.synchronizedList(new ArrayList<>());
    Promise<Integer> a = Task.promise();
    CompletableFuture<Integer> b = new CompletableFuture<>();
    Task<Integer> t = HandWoven.sum(a, b, log);
    assertInstanceOf(Coroutine.class, t);
    assertEquals(List.of(Thread.currentThread()), log, "eager start on the caller's thread");
    assertEquals(1, ((Coroutine<?>) t).label());
    assertTrue(t.toString().contains("suspended at await 1"), t.toString());
    Thread other = new Thread(() -> a.complete(40));
    other.start();
    other.join();
    Task.blocking(() -> b.complete(2)).join(); // completes from a pool thread
    assertEquals(42, get(t));
    assertEquals(3, log.size());
    assertInstanceOf(EventLoop.class, log.get(1));
    assertSame(log.get(1), log.get(2), "both resumes on the same loop");
  }

  @Test
  void awaitingBlockingWorkResumesOnTheFramesLoop() throws Exception {
    List<Object> log = Collections.synchronizedList(new ArrayList<>());
    Task<Integer> slow = Task.blocking(() -> {
      Thread.sleep(20);
      return 40;
    });
    Task<Integer> t = HandWoven.sum(slow, Task.completed(2), log);
    assertEquals(42, get(t));
    assertEquals(Thread.currentThread(), log.get(0));
    assertInstanceOf(EventLoop.class, log.get(1), "resumed on a loop, not the pool thread");
  }

  @Test
  void checkedExceptionReachesTheCatchAsItIs() throws Exception {
    assertEquals("caught fast", HandWoven.guarded(Task.failed(new IOException("fast"))).join());
    Promise<String> p = Task.promise();
    Task<String> t = HandWoven.guarded(p);
    p.fail(new IOException("slow"));
    assertEquals("caught slow", get(t));
    CompletableFuture<String> cf = new CompletableFuture<>();
    Task<String> viaCf = HandWoven.guarded(cf);
    cf.completeExceptionally(new CompletionException(new IOException("wrapped")));
    assertEquals("caught wrapped", get(viaCf));
  }

  @Test
  void uncaughtFailureFailsTheTaskNeverTheCaller() throws Exception {
    IllegalStateException boom = new IllegalStateException("boom");
    Task<Integer> fast = HandWoven.sum(Task.failed(boom), Task.completed(1), new ArrayList<>());
    assertSame(boom, assertThrows(CompletionException.class, fast::join).getCause());
    Promise<Integer> p = Task.promise();
    Task<Integer> slow = HandWoven.sum(Task.completed(1), p, new ArrayList<>());
    p.fail(boom);
    assertSame(boom, assertThrows(CompletionException.class, () -> {
      try {
        get(slow);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new CompletionException(e.getCause());
      }
    }).getCause());
  }

  @Test
  void foreignStageWithoutCompletableFutureIsAwaitedThroughWhenComplete() throws Exception {
    CompletableFuture<Integer> behind = new CompletableFuture<>();
    CompletionStage<Integer> foreign = foreign(behind);
    assertFalse(Coroutine.isDone(foreign));
    Task<Integer> t = HandWoven.sum(foreign, Task.completed(1), new ArrayList<>());
    assertFalse(t.isDone());
    behind.complete(9);
    assertEquals(10, get(t));
  }

  @Test
  void chainOfHundredThousandCoroutinesCompletesWithoutStackOverflow() throws Exception {
    int depth = 100_000;
    Promise<Integer> root = Task.promise();
    Task<Integer> last = root;
    for (int i = 0; i < depth; i++) {
      last = HandWoven.next(last);
    }
    assertFalse(last.isDone());
    root.complete(0);
    assertEquals(depth, get(last));
  }

  @Test
  void chainStartedOnOneLoopStaysOnIt() throws Exception {
    int depth = 100_000;
    EventLoop loop = new EventLoop();
    try {
      Promise<Integer> root = Task.promise();
      CompletableFuture<Task<Integer>> lastRef = new CompletableFuture<>();
      loop.execute(() -> {
        Task<Integer> last = root;
        for (int i = 0; i < depth; i++) {
          last = HandWoven.next(last);
        }
        lastRef.complete(last);
        root.complete(0);
      });
      assertEquals(depth, get(lastRef.get(30, TimeUnit.SECONDS)));
    } finally {
      loop.close();
    }
  }

  @Test
  void returnedIncompleteStageCompletesTheFrameAndLongChainsTrampoline() throws Exception {
    int depth = 100_000;
    Promise<Void> gate = Task.promise();
    Promise<String> root = Task.promise();
    Task<String> last = root;
    HandWoven.RELAYS_RETURNED.set(0);
    for (int i = 0; i < depth; i++) {
      last = HandWoven.relay(gate, last);
    }
    gate.complete(null);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (HandWoven.RELAYS_RETURNED.get() < depth && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(depth, HandWoven.RELAYS_RETURNED.get());
    assertFalse(last.isDone());
    root.complete("through");
    assertEquals("through", last.get(10, TimeUnit.SECONDS)); // completed here, iteratively
  }

  @Test
  void cancelDeliversCancellationAtTheAwaitAndCancelsTheAwaitedPromise() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    Promise<String> awaited = Task.promise();
    Task<String> t = HandWoven.cancellable(awaited, log);
    assertTrue(t.cancel(true));
    assertTrue(t.isCancelled(), "cancelled at once");
    assertTrue(awaited.isCancelled(), "the awaited promise is cancelled");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (log.size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertEquals(2, log.size(), log.toString());
    assertTrue(log.get(0).startsWith("caught on weft-loop-"), log.get(0));
    assertEquals("finally", log.get(1));
    assertThrows(CancellationException.class, t::join, "the body's later return is ignored");
    assertTrue(t.cancel(false));
  }

  @Test
  void cancelAwaitingACompletableFutureCancelsIt() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    CompletableFuture<String> awaited = new CompletableFuture<>();
    Task<String> t = HandWoven.cancellable(awaited, log);
    t.cancel(false);
    assertTrue(awaited.isCancelled());
    assertThrows(CancellationException.class, t::join);
  }

  @Test
  void completionRacingCancelResumesExactlyOnce() throws Exception {
    completionRacingCancel(0);
  }

  @Test
  void completionRacingCancelAmongOtherWaitersResumesExactlyOnce() throws Exception {
    completionRacingCancel(2); // the frame sits in a list, between two other waiters
  }

  /**
   * Races a promise's completion with the cancel of the coroutine awaiting it, the coroutine
   * registered between {@code others} other waiters: the coroutine resumes exactly once, with the
   * value or (only if the cancel won) the cancellation, and every other waiter fires once.
   */
  private static void completionRacingCancel(int others) throws Exception {
    for (int i = 0; i < 300 * EventLoopTest.STRESS; i++) {
      List<String> log = new CopyOnWriteArrayList<>();
      AtomicInteger fired = new AtomicInteger();
      Promise<String> awaited = Task.promise();
      for (int k = 0; k < others / 2; k++) {
        awaited.addWaiter(Waiter.of(fired::incrementAndGet));
      }
      Task<String> t = HandWoven.cancellable(awaited, log);
      for (int k = others / 2; k < others; k++) {
        awaited.addWaiter(Waiter.of(fired::incrementAndGet));
      }
      Thread completer = new Thread(() -> awaited.complete("v"));
      completer.start();
      boolean cancelled = t.cancel(false);
      completer.join();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!log.contains("finally") && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      Thread.sleep(0, 100_000); // a second resume would add more lines
      assertEquals(2, log.size(), log.toString());
      assertEquals("finally", log.get(1));
      assertEquals(others, fired.get(), "the other waiters fire once each, cancelled or not");
      assertEquals(cancelled, t.isCancelled());
      // either resume may win; the cancellation is seen at the await only if it won
      assertTrue(log.get(0).equals("value v") || cancelled && log.get(0).startsWith("caught"),
          log.get(0));
    }
  }

  @Test
  void cancelRacingTheFirstSuspensionIsNeverMissed() throws Exception {
    for (int i = 0; i < 500 * EventLoopTest.STRESS; i++) {
      List<String> log = new CopyOnWriteArrayList<>();
      Promise<String> awaited = Task.promise(); // never completed: only the cancel resumes the frame
      Thread canceller = new Thread(() -> {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Continuation<?> frame;
        while ((frame = awaited.awaitingCoroutine()) == null && System.nanoTime() < deadline) {
          Thread.onSpinWait(); // cancel as soon as the frame has registered, while it suspends
        }
        if (frame != null) {
          frame.cancel(false);
        }
      });
      canceller.start();
      Task<String> t = HandWoven.cancellable(awaited, log);
      canceller.join();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!log.contains("finally") && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertTrue(t.isCancelled(), "round " + i);
      assertEquals(List.of("caught", "finally"),
          List.of(log.get(0).substring(0, 6), log.get(1)), "round " + i + ": " + log);
    }
  }

  /** A stage with no CompletableFuture behind it (toCompletableFuture is unsupported). */
  @SuppressWarnings("unchecked")
  static <T> CompletionStage<T> foreign(CompletableFuture<T> behind) {
    return (CompletionStage<T>) Proxy.newProxyInstance(CoroutineTest.class.getClassLoader(),
        new Class<?>[] {CompletionStage.class}, (proxy, method, args) -> {
          switch (method.getName()) {
            case "whenComplete":
              return behind.whenComplete((BiConsumer<T, Throwable>) args[0]);
            case "toString":
              return "foreign(" + behind + ")";
            case "hashCode":
              return System.identityHashCode(proxy);
            case "equals":
              return proxy == args[0];
            default:
              throw new UnsupportedOperationException(method.getName());
          }
        });
  }
}
