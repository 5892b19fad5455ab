package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FactoriesTest {
  @Test
  void completedAndFailed() {
    assertEquals("v", Task.completed("v").join());
    IOException e = new IOException();
    assertSame(e, assertThrows(CompletionException.class, () -> Task.failed(e).join()).getCause());
    assertThrows(NullPointerException.class, () -> Task.failed(null));
  }

  @Test
  void allKeepsArgumentOrderWhateverTheCompletionOrder() {
    Promise<String> a = Task.promise();
    Promise<String> b = Task.promise();
    CompletableFuture<String> c = new CompletableFuture<>();
    Task<List<String>> all = Task.all(a, b, c);
    c.complete("c");
    b.complete(null);
    assertFalse(all.isDone());
    a.complete("a");
    assertEquals(Arrays.asList("a", null, "c"), all.join());
    assertEquals(List.of(), Task.all(List.of()).join());
    assertEquals(List.of(1, 2), Task.all(List.of(Task.completed(1), Task.completed(2))).join());
  }

  @Test
  void allFailsFastOnTheFirstFailure() {
    Promise<String> a = Task.promise();
    Promise<String> b = Task.promise();
    Task<List<String>> all = Task.all(a, b);
    IOException e = new IOException();
    b.fail(e);
    assertTrue(all.isDone());
    assertSame(e, assertThrows(CompletionException.class, all::join).getCause());
  }

  @Test
  void anyTakesTheFirstSuccessAndCancelsTheLosers() {
    Promise<String> a = Task.promise();
    Promise<String> b = Task.promise();
    CompletableFuture<String> c = new CompletableFuture<>();
    Task<String> any = Task.any(a, b, c);
    a.fail(new IOException());
    assertFalse(any.isDone());
    b.complete("b");
    assertEquals("b", any.join());
    assertTrue(c.isCancelled());
    assertFalse(a.isCancelled());
  }

  @Test
  void anyFailsWithTheLastFailureAndSuppressesTheOthers() {
    Promise<String> a = Task.promise();
    Promise<String> b = Task.promise();
    Task<String> any = Task.any(List.of(a, b));
    IOException first = new IOException("first");
    IOException last = new IOException("last");
    a.fail(first);
    b.fail(last);
    Throwable t = assertThrows(CompletionException.class, any::join).getCause();
    assertSame(last, t);
    assertEquals(List.of(first), Arrays.asList(t.getSuppressed()));
  }

  @Test
  void cancellingAnyCancelsItsInputs() {
    Promise<String> a = Task.promise();
    any(a).cancel(false);
    assertTrue(a.isCancelled());
  }

  private static Task<String> any(Promise<String> a) {
    return Task.any(a, Task.promise());
  }

  @Test
  void sleepCompletesOnALoopAfterTheDelay() {
    long start = System.nanoTime();
    AtomicReference<Thread> completer = new AtomicReference<>();
    Task<Void> s = Task.sleep(Duration.ofMillis(50));
    CompletableFuture<Void> seen = s.thenRun(() -> completer.set(Thread.currentThread()))
        .toCompletableFuture();
    s.join();
    seen.join();
    assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(50));
    assertTrue(completer.get().getName().startsWith("weft-loop-"), completer.get().getName());
  }

  @Test
  void cancellingSleepCancelsItsTimer() throws Exception {
    Task<Void> s = Task.sleep(Duration.ofMillis(20));
    assertTrue(s.cancel(false));
    Thread.sleep(60);
    assertTrue(s.isCancelled());
  }

  @Test
  void blockingRunsOnThePoolAndFailsWithTheCause() {
    Task<String> name = Task.blocking(() -> Thread.currentThread().getName());
    assertTrue(name.join().startsWith("weft-blocking-"), name.join());
    assertTrue(BlockingPool.MAX_THREADS >= 64);
    IOException e = new IOException();
    Task<String> failed = Task.blocking(() -> {
      throw e;
    });
    assertSame(e, assertThrows(CompletionException.class, failed::join).getCause());
    Thread t = Task.blocking(Thread::currentThread).join();
    assertTrue(t.isDaemon());
  }

  @Test
  void yieldNowOnALoopShuttingDownIsRejectedAtOnce() throws Exception {
    EventLoop loop = new EventLoop();
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    loop.execute(() -> {
      loop.shutdownGracefully();
      try {
        Task.yieldNow();
        thrown.complete(null);
      } catch (Throwable t) {
        thrown.complete(t);
      }
    });
    assertInstanceOf(
        java.util.concurrent.RejectedExecutionException.class, thrown.get(5, TimeUnit.SECONDS));
  }

  @Test
  void yieldNowLetsQueuedWorkRunFirst() throws Exception {
    EventLoop loop = new EventLoop();
    try {
      List<String> order = new ArrayList<>();
      Promise<Void> done = Task.promise();
      loop.execute(() -> {
        loop.execute(() -> order.add("other")); // queued before the yield
        Task<Void> y = Task.yieldNow();
        order.add("yielded");
        y.thenRun(() -> {
          order.add("resumed");
          done.complete(null);
        });
      });
      done.get(5, TimeUnit.SECONDS);
      assertEquals(List.of("yielded", "other", "resumed"), order);
    } finally {
      loop.close();
    }
  }

  @Test
  void joinOnALoopThreadThrowsInsteadOfDeadlocking() throws Exception {
    EventLoop loop = new EventLoop();
    try {
      Promise<String> p = Task.promise();
      CompletableFuture<Throwable> thrown = new CompletableFuture<>();
      loop.execute(() -> {
        try {
          p.join();
          thrown.complete(null);
        } catch (Throwable t) {
          thrown.complete(t);
        }
      });
      Throwable t = thrown.get(5, TimeUnit.SECONDS);
      assertNotNull(t);
      assertTrue(t instanceof IllegalStateException, String.valueOf(t));
      assertTrue(t.getMessage().contains("event-loop thread"), t.getMessage());
    } finally {
      loop.close();
    }
  }
}
