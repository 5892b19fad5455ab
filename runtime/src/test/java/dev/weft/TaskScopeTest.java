package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TaskScopeTest {
  /** The failure of {@code t} once it completes: its cause, or the CancellationException. */
  private static Throwable cause(Task<?> t) throws Exception {
    try {
      t.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (CancellationException e) {
      return e;
    }
    throw new AssertionError("completed normally: " + t);
  }

  @Test
  void runCompletesWithTheBodysValueOnlyAfterEveryChild() throws Exception {
    Promise<String> a = Task.promise();
    CompletableFuture<String> b = new CompletableFuture<>();
    AtomicReference<Task<String>> childA = new AtomicReference<>();
    Task<String> t = TaskScope.run(scope -> {
      childA.set(scope.spawn(() -> a));
      scope.spawn(() -> b);
      return Task.completed("body");
    });
    assertSame(a, childA.get(), "a task child is itself");
    assertFalse(t.isDone(), "children still running");
    a.complete("a");
    assertFalse(t.isDone());
    b.complete("b");
    assertEquals("body", t.get(30, TimeUnit.SECONDS));
  }

  @Test
  void aFailingChildCancelsABlockedSiblingWhoseFinallyRunsBeforeTheScopeCompletes()
      throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    Promise<String> never = Task.promise();
    Promise<String> failing = Task.promise();
    AtomicReference<Task<String>> blocked = new AtomicReference<>();
    Task<String> t = TaskScope.run(scope -> {
      blocked.set(scope.spawn(() -> HandWoven.cancellable(never, log))); // a suspended coroutine
      scope.spawn(() -> failing);
      return Task.completed("body");
    });
    List<String> seenAtCompletion = new CopyOnWriteArrayList<>();
    t.whenComplete((v, e) -> seenAtCompletion.addAll(log));
    IOException boom = new IOException("boom");
    failing.fail(boom);
    assertTrue(never.isCancelled(), "the blocked child's await was cancelled");
    assertTrue(blocked.get().isCancelled());
    assertSame(boom, cause(t));
    assertEquals(2, seenAtCompletion.size(), seenAtCompletion.toString());
    assertTrue(seenAtCompletion.get(0).startsWith("caught on weft-loop-"), seenAtCompletion.toString());
    assertEquals("finally", seenAtCompletion.get(1), "the child's finally ran before the scope ended");
  }

  @Test
  void theBodysOrAChildsFailureCancelsTheOthers() throws Exception {
    Promise<String> child = Task.promise();
    Promise<String> body = Task.promise();
    Promise<String> other = Task.promise();
    Task<String> t = TaskScope.run(scope -> {
      scope.spawn(() -> child);
      scope.spawn(() -> other);
      return body;
    });
    IOException first = new IOException("first");
    body.fail(first);
    assertTrue(child.isCancelled());
    assertTrue(other.isCancelled());
    assertSame(first, cause(t));
    assertEquals(List.of(), Arrays.asList(first.getSuppressed()), "cancellations are not failures");

    Promise<String> a = Task.promise();
    Promise<String> b = Task.promise();
    TaskScope scope = TaskScope.open();
    scope.adopt(a);
    scope.adopt(b);
    IOException one = new IOException("one");
    a.fail(one);
    Task<Void> closed = scope.close();
    assertTrue(b.isCancelled());
    assertSame(one, cause(closed));
    TaskScope scope2 = TaskScope.open();
    Promise<String> c = Task.promise();
    CompletableFuture<String> d = new CompletableFuture<>();
    scope2.adopt(c);
    scope2.adopt(Task.blocking(() -> {
      throw new IOException("three");
    }).exceptionally(e -> {
      d.completeExceptionally(new IllegalStateException("two"));
      return "x";
    }));
    scope2.adopt(d);
    Task<Void> closed2 = scope2.close();
    Throwable f = cause(closed2);
    assertEquals("two", f.getMessage());
    assertTrue(c.isCancelled());
  }

  @Test
  void laterRealFailuresAreAddedAsSuppressed() throws Exception {
    TaskScope scope = TaskScope.open();
    Promise<String> a = Task.promise();
    CompletableFuture<String> b = new CompletableFuture<>() {
      @Override
      public boolean cancel(boolean mayInterruptIfRunning) {
        return false; // ignores cancellation, fails on its own later
      }
    };
    scope.adopt(a);
    scope.adopt(b);
    IOException first = new IOException("first");
    IOException second = new IOException("second");
    a.fail(first);
    Task<Void> closed = scope.close();
    assertFalse(closed.isDone(), "b has not finished");
    b.completeExceptionally(second);
    assertSame(first, cause(closed));
    assertEquals(List.of(second), Arrays.asList(first.getSuppressed()));
  }

  @Test
  void childrenFailingAndCompletingOnTwoThreadsNeverLeaveOneRunningWhenTheScopeEnds()
      throws Exception {
    try (ExecutorRace race = new ExecutorRace()) {
      for (int round = 0; round < 500; round++) {
        List<Promise<String>> children = List.of(
            Task.promise(), Task.promise(), Task.promise(), Task.promise());
        Task<String> t = TaskScope.run(scope -> {
          children.forEach(c -> scope.spawn(() -> c));
          return Task.completed("body");
        });
        AtomicBoolean allDoneAtEnd = new AtomicBoolean();
        t.whenComplete((v, e) -> allDoneAtEnd.set(children.stream().allMatch(Task::isDone)));
        IOException boom = new IOException("boom");
        race.run(() -> {
          children.get(0).fail(boom);
          children.get(1).complete("1");
        }, () -> {
          children.get(2).complete("2");
          children.get(3).fail(new IOException("other"));
        });
        Throwable f = cause(t);
        assertTrue(f.getMessage().equals("boom") || f.getMessage().equals("other"), f.toString());
        assertTrue(allDoneAtEnd.get(), "round " + round);
        assertTrue(f.getSuppressed().length <= 1);
      }
    }
  }

  @Test
  void cancellingTheRunTaskCancelsBodyAndChildren() {
    Promise<String> child = Task.promise();
    Promise<String> body = Task.promise();
    Task<String> t = TaskScope.run(scope -> {
      scope.spawn(() -> child);
      return body;
    });
    assertTrue(t.cancel(false));
    assertTrue(child.isCancelled());
    assertTrue(body.isCancelled());
    assertThrows(CancellationException.class, t::join);
  }

  @Test
  void nestedRunIsSettledOnlyWhenItsOwnChildrenHaveFinished() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    Promise<String> never = Task.promise();
    Promise<String> failing = Task.promise();
    Task<String> outer = TaskScope.run(scope -> {
      scope.spawn(() -> TaskScope.run(inner -> {
        inner.spawn(() -> HandWoven.cancellable(never, log));
        return Task.promise();
      }));
      scope.spawn(() -> failing);
      return Task.completed("body");
    });
    List<String> seenAtCompletion = new CopyOnWriteArrayList<>();
    outer.whenComplete((v, e) -> seenAtCompletion.addAll(log));
    failing.fail(new IOException());
    cause(outer);
    assertTrue(never.isCancelled());
    assertEquals("finally", seenAtCompletion.get(seenAtCompletion.size() - 1), seenAtCompletion.toString());
  }

  @Test
  void openScopeCloseWaitsAndCancelAndSpawnRules() throws Exception {
    TaskScope scope = TaskScope.open();
    Promise<String> a = Task.promise();
    assertSame(a, scope.spawn(() -> a));
    assertEquals(1, scope.running());
    Task<Void> closed = scope.close();
    assertSame(closed, scope.close());
    assertFalse(closed.isDone());
    Promise<String> sibling = Task.promise();
    scope.spawn(() -> sibling); // a running child may still add siblings while closing
    a.complete("a");
    assertFalse(closed.isDone());
    sibling.complete("s");
    assertNull(closed.get(30, TimeUnit.SECONDS));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> scope.spawn(Task::promise));
    assertTrue(e.getMessage().contains("closed scope"), e.getMessage());

    TaskScope cancelled = TaskScope.open();
    Promise<String> b = Task.promise();
    cancelled.spawn(() -> b);
    cancelled.cancel();
    assertTrue(b.isCancelled());
    assertTrue(cancelled.isCancelled());
    AtomicBoolean started = new AtomicBoolean();
    Task<String> late = cancelled.spawn(() -> {
      started.set(true);
      return Task.completed("late");
    });
    assertTrue(late.isCancelled());
    assertFalse(started.get(), "a cancelled scope starts nothing");
    assertTrue(cause(cancelled.close()) instanceof CancellationException);
  }

  @Test
  void cancellingTheCloseTaskCancelsTheScope() {
    TaskScope scope = TaskScope.open();
    Promise<String> a = Task.promise();
    scope.adopt(a);
    scope.close().cancel(false); // what a cancelled coroutine awaiting close() does
    assertTrue(a.isCancelled());
  }

  @Test
  void spawnThatThrowsOrReturnsNullFailsTheScope() throws Exception {
    IllegalStateException thrown = new IllegalStateException("thrown");
    Task<String> t = TaskScope.run(scope -> {
      scope.spawn(() -> {
        throw thrown;
      });
      return Task.completed("body");
    });
    assertSame(thrown, cause(t));
    Task<String> n = TaskScope.run(scope -> {
      scope.spawn(() -> null);
      return Task.completed("body");
    });
    assertTrue(cause(n) instanceof NullPointerException);
    Task<String> bodyNull = TaskScope.run(scope -> null);
    assertTrue(cause(bodyNull) instanceof NullPointerException);
  }

  @Test
  void allCancelsTheOthersOnTheFirstFailure() {
    Promise<String> a = Task.promise();
    Promise<String> b = Task.promise();
    Task<List<String>> all = Task.all(a, b);
    a.fail(new IOException());
    assertTrue(all.isDone(), "fails fast");
    assertTrue(b.isCancelled(), "and cancels the rest");
    Promise<String> c = Task.promise();
    Task<List<String>> cancelledInput = Task.all(c, Task.promise());
    c.cancel(false);
    assertTrue(cancelledInput.isCompletedExceptionally(), "a cancelled input fails all");
  }

  private static void assertNull(Object o) {
    org.junit.jupiter.api.Assertions.assertNull(o);
  }
}
