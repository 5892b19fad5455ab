package dev.weft;

import dev.weft.internal.Coroutine;
import dev.weft.internal.Frames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The static entry points of the Coroutine ABI, one by one. */
class CoroutineAbiTest {
  @Test
  void isDoneCoversEveryKindOfStage() {
    assertTrue(Coroutine.isDone(null));
    assertTrue(Coroutine.isDone(Task.completed(1)));
    assertFalse(Coroutine.isDone(Task.promise()));
    assertTrue(Coroutine.isDone(CompletableFuture.failedFuture(new IOException())));
    assertFalse(Coroutine.isDone(new CompletableFuture<>()));
    assertTrue(Coroutine.isDone(CompletableFuture.completedStage(1)));
    assertFalse(Coroutine.isDone(CoroutineTest.foreign(CompletableFuture.completedFuture(1))));
  }

  @Test
  void getNowReturnsTheValueOrThrowsTheCauseUnwrapped() {
    assertEquals(1, Coroutine.getNow(Task.completed(1)));
    assertNull(Coroutine.getNow(Task.completed(null)));
    assertEquals("s", Coroutine.getNow(CompletableFuture.completedStage("s")));
    IOException io = new IOException();
    assertSame(io, assertThrows(IOException.class, () -> getNowChecked(Task.failed(io))));
    assertSame(io, assertThrows(IOException.class,
        () -> getNowChecked(CompletableFuture.failedFuture(new CompletionException(io)))));
    assertSame(io, assertThrows(IOException.class,
        () -> getNowChecked(CompletableFuture.failedFuture(new ExecutionException(io)))));
    CompletableFuture<String> cancelled = new CompletableFuture<>();
    cancelled.cancel(false);
    assertThrows(CancellationException.class, () -> Coroutine.getNow(cancelled));
    NullPointerException npe =
        assertThrows(NullPointerException.class, () -> Coroutine.getNow(null));
    assertTrue(npe.getMessage().contains("null"), npe.getMessage());
  }

  /** Declares the checked exception so assertThrows can see it rethrown as it is. */
  private static Object getNowChecked(CompletionStage<?> s) throws IOException {
    return Coroutine.getNow(s);
  }

  @Test
  void newFrameSizesTheSlotArraysAndBindsALoop() throws Exception {
    Coroutine<?> none = Coroutine.newFrame(f -> {}, 0, 0);
    assertEquals(Coroutine.class, none.getClass(), "a frame that saves nothing has no arrays");
    Coroutine<?> some = Coroutine.newFrame(f -> {}, 3, 2);
    assertEquals(3, ((Frames.Arrays) some).refs.length);
    assertEquals(2, ((Frames.Arrays) some).prims.length);
    Frames.Arrays refsOnly = (Frames.Arrays) Coroutine.newFrame(f -> {}, 5, 0);
    assertEquals(5, refsOnly.refs.length);
    assertNull(refsOnly.prims);
    Frames.Arrays primsOnly = (Frames.Arrays) Coroutine.newFrame(f -> {}, 0, 3);
    assertNull(primsOnly.refs);
    assertEquals(3, primsOnly.prims.length);
    assertTrue(some.toString().contains("on null"), "unbound until it suspends: " + some);
    some.suspend(Task.promise(), 1);
    assertTrue(some.toString().contains("weft-loop-"), some.toString());
    EventLoop loop = new EventLoop();
    try {
      AtomicReference<Coroutine<?>> onLoop = new AtomicReference<>();
      EventLoopTest.onLoop(loop, () -> onLoop.set(Coroutine.newFrame(f -> {}, 0, 0)));
      assertTrue(onLoop.get().toString().contains(loop.toString()), onLoop.get().toString());
    } finally {
      loop.close();
    }
  }

  @Test
  void fieldFramesHoldTheirSlotsInFieldsAndRefuseOtherShapes() throws Exception {
    Coroutine<?> frame = Coroutine.newFieldFrame(f -> {}, 2, 1);
    assertEquals(Frames.R2P1.class, frame.getClass());
    assertFalse(frame instanceof Frames.Arrays);
    assertEquals(Object.class, Frames.R2P1.class.getField("r1").getType());
    assertEquals(long.class, Frames.R2P1.class.getField("p0").getType());
    assertEquals(Frames.R4P2.class, Coroutine.newFieldFrame(f -> {}, 4, 2).getClass());
    assertThrows(IllegalArgumentException.class, () -> Coroutine.newFieldFrame(f -> {}, 5, 0));
    assertThrows(IllegalArgumentException.class, () -> Coroutine.newFieldFrame(f -> {}, 0, 0));
  }

  @Test
  void aFrameMadeOffLoopJoinsTheLoopOfTheCoroutineItAwaits() {
    for (int i = 0; i < 8; i++) {
      Coroutine<?> inner = Coroutine.newFrame(f -> {}, 0, 0);
      inner.suspend(Task.promise(), 1);
      Coroutine<?> outer = Coroutine.newFrame(f -> {}, 0, 0);
      outer.suspend(inner, 1);
      String innerLoop = inner.toString().replaceAll(".*, on ", "");
      assertTrue(outer.toString().endsWith(", on " + innerLoop), outer + " vs " + inner);
    }
  }

  @Test
  void aResumeForALoopThatHasTerminatedFailsTheTaskInsteadOfVanishing() throws Exception {
    EventLoop loop = new EventLoop();
    AtomicReference<Coroutine<?>> frame = new AtomicReference<>();
    Promise<Integer> awaited = Task.promise();
    EventLoopTest.onLoop(loop, () -> {
      Coroutine<?> f = Coroutine.newFrame(x -> {}, 0, 0);
      f.suspend(awaited, 1);
      frame.set(f);
    });
    loop.close();
    assertTrue(loop.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS));
    awaited.complete(7);
    assertThrows(java.util.concurrent.CancellationException.class, frame.get()::join,
        "the shutdown cancelled the suspended frame");
    Coroutine<?> late = Coroutine.newFrame(x -> {}, 0, 0); // made off-loop: bound at suspension
    late.suspend(frame.get(), 1); // to the terminated loop of the task it awaits
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> late.get(10, java.util.concurrent.TimeUnit.SECONDS)); // not a hang
    assertInstanceOf(java.util.concurrent.RejectedExecutionException.class, e.getCause());
    assertTrue(e.getCause().getMessage().contains("terminated"), e.getCause().getMessage());
  }

  @Test
  void suspendReturnsTrueOnlyTheFirstTime() {
    Coroutine<?> f = Coroutine.newFrame(frame -> {}, 0, 0);
    assertTrue(f.suspend(Task.promise(), 1));
    assertFalse(f.suspend(Task.promise(), 2));
    assertEquals(2, f.label());
    assertSame(f, Coroutine.entryResult(f));
  }

  @Test
  void completeAndFailWithoutAFrameMakeTheResult() {
    Task<String> stage = Task.completed("x");
    assertSame(stage, Coroutine.complete(stage, null));
    Task<?> nul = (Task<?>) Coroutine.complete(null, null);
    NullPointerException npe = assertThrows(CompletionException.class, nul::join).getCause()
        instanceof NullPointerException n ? n : null;
    assertTrue(npe.getMessage().contains("returned null instead of a stage"));
    IOException io = new IOException();
    Task<?> failed = (Task<?>) Coroutine.fail(io, null);
    assertSame(io, assertThrows(CompletionException.class, failed::join).getCause());
  }

  @Test
  void completeAndFailWithAFrameSettleIt() {
    Coroutine<?> f = Coroutine.newFrame(frame -> {}, 0, 0);
    assertNull(Coroutine.complete(Task.completed("done"), f));
    assertEquals("done", f.join());
    Coroutine<?> g = Coroutine.newFrame(frame -> {}, 0, 0);
    IOException io = new IOException();
    assertNull(Coroutine.fail(io, g));
    assertSame(io, assertThrows(CompletionException.class, g::join).getCause());
    assertNull(Coroutine.fail(new IOException(), f), "ignored once complete");
    assertEquals("done", f.join());
  }

  @Test
  void toCompletableFutureAcceptsEveryResult() throws Exception {
    CompletableFuture<String> cf = new CompletableFuture<>();
    assertSame(cf, Coroutine.toCompletableFuture(cf));
    assertEquals("t", Coroutine.toCompletableFuture(Task.completed("t")).get());
    assertEquals("s", Coroutine.toCompletableFuture(CompletableFuture.completedStage("s")).get());
  }

  @Test
  void resumerBootstrapCallsTheBridge() throws Throwable {
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    Coroutine.Resumer r = Coroutine.resumer(lookup, "resumer", Coroutine.Resumer.class,
        lookup.findStatic(CoroutineAbiTest.class, "bridge",
            MethodType.methodType(void.class, Coroutine.class)));
    Coroutine<?> f = Coroutine.newFrame(r, 1, 0);
    r.resume(f);
    assertEquals("bridged", ((Frames.Arrays) f).refs[0]);
  }

  private static void bridge(Coroutine<?> f) {
    ((Frames.Arrays) f).refs[0] = "bridged";
  }

  @Test
  void aThrowingResumerFailsTheTask() throws Exception {
    IllegalStateException boom = new IllegalStateException();
    Coroutine<?> f = Coroutine.newFrame(frame -> {
      throw boom;
    }, 0, 0);
    f.suspend(Task.completed(1), 1); // resumes at once, on the frame's loop
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> f.get(10, java.util.concurrent.TimeUnit.SECONDS));
    assertSame(boom, e.getCause());
    assertInstanceOf(Coroutine.class, f);
  }

  @Test
  void toStringNamesTheAsyncMethodAndWhereItIsSuspended() {
    Promise<Integer> a = Task.promise();
    Task<Integer> sum = HandWoven.sum(a, Task.promise(), new java.util.ArrayList<>());
    String s = sum.toString();
    assertTrue(s.startsWith("HandWoven.sum@"), s);
    assertTrue(s.contains("suspended at await 1 awaiting"), s);
    Task<String> field = ConcurrencyWoven.take(Task.promise());
    assertTrue(field.toString().startsWith("ConcurrencyWoven.take@"), field.toString());
    Coroutine<?> unnamed = Coroutine.newFrame(frame -> {}, 0, 0);
    assertTrue(unnamed.toString().startsWith("Coroutine@"), unnamed.toString());
  }
}
