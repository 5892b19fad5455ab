package dev.weft;

import dev.weft.internal.Coroutine;
import dev.weft.internal.CoroutineAccess;
import dev.weft.internal.Frames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TaskLocalTest {
  private static final TaskLocal<String> REQUEST = new TaskLocal<>();

  @Test
  void withBindsForTheSynchronousExtentAndNests() {
    TaskLocal<String> local = TaskLocal.withInitial(() -> "initial");
    assertEquals("initial", local.get());
    assertFalse(local.isBound());
    String seen = local.with("outer", () -> {
      assertTrue(local.isBound());
      String inner = local.with("inner", local::get);
      assertEquals("inner", inner);
      return local.get();
    });
    assertEquals("outer", seen);
    assertEquals("initial", local.get(), "restored");
    assertThrows(IllegalStateException.class, () -> local.with("x", () -> {
      throw new IllegalStateException();
    }));
    assertEquals("initial", local.get(), "restored after a throw");
    assertNull(REQUEST.get());
    assertNull(new TaskLocal<String>().with(null, REQUEST::get), "another local is unaffected");
  }

  @Test
  void twoInterleavedCoroutinesEachKeepTheirOwnValueOnTheLoop() throws Exception {
    EventLoop loop = new EventLoop();
    try {
      Promise<Void> a1 = Task.promise();
      Promise<Void> a2 = Task.promise();
      Promise<Void> b1 = Task.promise();
      Promise<Void> b2 = Task.promise();
      List<Object> logA = Collections.synchronizedList(new ArrayList<>());
      List<Object> logB = Collections.synchronizedList(new ArrayList<>());
      List<Object> between = Collections.synchronizedList(new ArrayList<>());
      CompletableFuture<List<Task<List<Object>>>> started = new CompletableFuture<>();
      loop.execute(() -> { // both frames are made on the loop, so they resume on it
        Task<List<Object>> a = REQUEST.with("req-A",
            () -> ConcurrencyWoven.trace(REQUEST, a1, a2, logA));
        Task<List<Object>> b = REQUEST.with("req-B",
            () -> ConcurrencyWoven.trace(REQUEST, b1, b2, logB));
        between.add(REQUEST.get());
        started.complete(List.of(a, b));
      });
      List<Task<List<Object>>> tasks = started.get(30, TimeUnit.SECONDS);
      a1.complete(null);
      b1.complete(null);
      b2.complete(null); // B ends before A resumes a second time
      loop.execute(() -> between.add(REQUEST.get())); // a plain task between their steps
      a2.complete(null);
      assertEquals(Arrays.asList("req-A", "req-A", "req-A"), tasks.get(0).get(30, TimeUnit.SECONDS));
      assertEquals(Arrays.asList("req-B", "req-B", "req-B"), tasks.get(1).get(30, TimeUnit.SECONDS));
      CompletableFuture<String> after = new CompletableFuture<>();
      loop.execute(() -> after.complete(REQUEST.get()));
      assertNull(after.get(30, TimeUnit.SECONDS), "the loop's own context is put back");
      assertEquals(Arrays.asList(null, null), between);
    } finally {
      loop.close();
    }
  }

  @Test
  void aFrameMadeOffLoopKeepsTheBindingOnTheLoopItIsResumedOn() throws Exception {
    Promise<Void> a = Task.promise();
    List<Object> log = Collections.synchronizedList(new ArrayList<>());
    Task<List<Object>> t = REQUEST.with("off-loop",
        () -> ConcurrencyWoven.trace(REQUEST, a, Task.completed(null), log));
    assertInstanceOf(Coroutine.class, t);
    assertNull(REQUEST.get());
    a.complete(null);
    assertEquals(Arrays.asList("off-loop", "off-loop", "off-loop"), t.get(30, TimeUnit.SECONDS));
  }

  @Test
  void fieldFramesCaptureTheBindingToo() {
    Coroutine<?> f = REQUEST.with("field", () -> Coroutine.newFieldFrame(c -> {}, 1, 1));
    Coroutine<?> none = Coroutine.newFieldFrame(c -> {}, 1, 1);
    assertTrue(f.toString().length() > 0);
    assertEquals("field", captured(f));
    assertNull(captured(none));
  }

  @Test
  void aFrameWithBindingsKeepsThemWhileItsBodyEndIsAwaitedAndAfter() {
    for (boolean bound : new boolean[] {true, false}) {
      Coroutine<?> f = bound
          ? REQUEST.with("ends", () -> Coroutine.newFrame(c -> {}, 0, 0))
          : Coroutine.newFrame(c -> {}, 0, 0);
      List<String> log = new ArrayList<>();
      CoroutineAccess.whenSettled(f, () -> log.add("first"));
      CoroutineAccess.whenSettled(f, () -> log.add("second"));
      assertEquals(List.of(), log);
      assertEquals(bound ? "ends" : null, captured(f));
      CoroutineAccess.rejected(f, new java.util.concurrent.RejectedExecutionException("loop gone"));
      assertEquals(List.of("first", "second"), log);
      CoroutineAccess.whenSettled(f, () -> log.add("late"));
      assertEquals(List.of("first", "second", "late"), log);
      assertEquals(bound ? "ends" : null, captured(f));
      assertTrue(f.isCompletedExceptionally());
    }
  }

  private static Object captured(Coroutine<?> frame) {
    TaskLocal.Binding b = (TaskLocal.Binding) CoroutineAccess.context(frame);
    return b == null ? null : b.value;
  }
}
