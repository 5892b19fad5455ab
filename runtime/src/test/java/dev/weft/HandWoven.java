package dev.weft;

import dev.weft.internal.Coroutine;
import dev.weft.internal.Frames;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * State machines written by hand exactly as the weaver would emit them (see {@code
 * weaver/STATE_MACHINE.md}): a stub, a static state machine taking the frame, and a resume bridge
 * whose {@link Coroutine.Resumer} comes from the {@link Coroutine#resumer} bootstrap. The source
 * each one stands for is in its comment.
 */
public final class HandWoven {
  private HandWoven() {}

  static Coroutine.Resumer resumer(String bridge) {
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    try {
      return Coroutine.resumer(lookup, "resumer", Coroutine.Resumer.class, lookup.findStatic(
          HandWoven.class, bridge, MethodType.methodType(void.class, Coroutine.class)));
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static final Coroutine.Resumer SUM = resumer("sum$weft$0");
  private static final Coroutine.Resumer GUARDED = resumer("guarded$weft$1");
  private static final Coroutine.Resumer NEXT = resumer("next$weft$2");
  private static final Coroutine.Resumer CANCELLABLE = resumer("cancellable$weft$3");
  private static final Coroutine.Resumer RELAY = resumer("relay$weft$4");

  // @Async Task<Integer> sum(CompletionStage<Integer> a, CompletionStage<Integer> b,
  //                          List<Object> log) {
  //   log.add(EventLoop.current()); int x = await(a);
  //   log.add(EventLoop.current()); int y = await(b);
  //   log.add(EventLoop.current()); return Task.completed(x + y);
  // }
  @SuppressWarnings("unchecked")
  public static Task<Integer> sum(CompletionStage<Integer> a, CompletionStage<Integer> b, List<Object> log) {
    return (Task<Integer>) sum(a, b, log, null);
  }

  @SuppressWarnings("unchecked")
  private static Object sum(
      CompletionStage<Integer> a, CompletionStage<Integer> b, List<Object> log, Coroutine<?> f) {
    int x = 0;
    int y;
    int pc = f == null ? 0 : f.label();
    try {
      if (pc == 1) { // RESUME_1
        b = (CompletionStage<Integer>) ((Frames.Arrays) f).refs[0];
        log = (List<Object>) ((Frames.Arrays) f).refs[1];
        x = (Integer) f.resumeValue();
      } else if (pc == 2) { // RESUME_2
        log = (List<Object>) ((Frames.Arrays) f).refs[1];
        x = (int) ((Frames.Arrays) f).prims[0];
      }
      if (pc == 0) {
        log.add(loopOrThread());
        if (!Coroutine.isDone(a)) { // SLOW_1
          if (f == null) {
            f = Coroutine.newFrame(SUM, 2, 1);
          }
          ((Frames.Arrays) f).refs[0] = b;
          ((Frames.Arrays) f).refs[1] = log;
          return f.suspend(a, 1) ? Coroutine.entryResult(f) : null;
        }
        x = (Integer) Coroutine.getNow(a);
      }
      if (pc <= 1) {
        log.add(loopOrThread());
        if (!Coroutine.isDone(b)) { // SLOW_2
          if (f == null) {
            f = Coroutine.newFrame(SUM, 2, 1);
          }
          ((Frames.Arrays) f).refs[1] = log;
          ((Frames.Arrays) f).prims[0] = x;
          return f.suspend(b, 2) ? Coroutine.entryResult(f) : null;
        }
        y = (Integer) Coroutine.getNow(b);
      } else {
        y = (Integer) f.resumeValue();
      }
      log.add(loopOrThread());
      return Coroutine.complete(Task.completed(x + y), f);
    } catch (Throwable t) {
      return Coroutine.fail(t, f);
    }
  }

  private static void sum$weft$0(Coroutine<?> f) {
    sum(null, null, null, f);
  }

  private static Object loopOrThread() {
    EventLoop loop = EventLoop.current();
    return loop != null ? loop : Thread.currentThread();
  }

  // @Async Task<String> guarded(CompletionStage<String> s) {
  //   try { return Task.completed(await(s, IOException.class)); }
  //   catch (IOException e) { return Task.completed("caught " + e.getMessage()); }
  // }
  @SuppressWarnings("unchecked")
  public static Task<String> guarded(CompletionStage<String> s) {
    return (Task<String>) guarded(s, null);
  }

  private static Object guarded(CompletionStage<String> s, Coroutine<?> f) {
    try {
      if (f == null && !Coroutine.isDone(s)) {
        f = Coroutine.newFrame(GUARDED, 0, 0);
        return f.suspend(s, 1) ? Coroutine.entryResult(f) : null;
      }
      try {
        declaresIoException();
        String v = (String) (f == null ? Coroutine.getNow(s) : f.resumeValue());
        return Coroutine.complete(Task.completed(v), f);
      } catch (IOException e) {
        return Coroutine.complete(Task.completed("caught " + e.getMessage()), f);
      }
    } catch (Throwable t) {
      return Coroutine.fail(t, f);
    }
  }

  private static void guarded$weft$1(Coroutine<?> f) {
    guarded(null, f);
  }

  private static void declaresIoException() throws IOException {}

  // @Async Task<Integer> next(CompletionStage<Integer> prev) {
  //   return Task.completed(await(prev) + 1);
  // }
  @SuppressWarnings("unchecked")
  static Task<Integer> next(CompletionStage<Integer> prev) {
    return (Task<Integer>) next(prev, null);
  }

  private static Object next(CompletionStage<Integer> prev, Coroutine<?> f) {
    try {
      int v;
      if (f != null) {
        v = (Integer) f.resumeValue();
      } else if (Coroutine.isDone(prev)) {
        v = (Integer) Coroutine.getNow(prev);
      } else {
        f = Coroutine.newFrame(NEXT, 0, 0);
        return f.suspend(prev, 1) ? Coroutine.entryResult(f) : null;
      }
      return Coroutine.complete(Task.completed(v + 1), f);
    } catch (Throwable t) {
      return Coroutine.fail(t, f);
    }
  }

  private static void next$weft$2(Coroutine<?> f) {
    next(null, f);
  }

  // @Async Task<String> cancellable(CompletionStage<String> s, List<String> log) {
  //   try { String v = await(s); log.add("value " + v); return Task.completed(v); }
  //   catch (CancellationException e) { log.add("caught on " + thread); return completed("late"); }
  //   finally { log.add("finally"); }
  // }
  @SuppressWarnings("unchecked")
  public static Task<String> cancellable(CompletionStage<String> s, List<String> log) {
    return (Task<String>) cancellable(s, log, null);
  }

  @SuppressWarnings("unchecked")
  private static Object cancellable(CompletionStage<String> s, List<String> log, Coroutine<?> f) {
    try {
      if (f == null && !Coroutine.isDone(s)) {
        f = Coroutine.newFrame(CANCELLABLE, 1, 0);
        ((Frames.Arrays) f).refs[0] = log;
        return f.suspend(s, 1) ? Coroutine.entryResult(f) : null;
      } else if (f != null) {
        log = (List<String>) ((Frames.Arrays) f).refs[0];
      }
      try {
        String v = (String) (f == null ? Coroutine.getNow(s) : f.resumeValue());
        log.add("value " + v);
        return Coroutine.complete(Task.completed(v), f);
      } catch (CancellationException e) {
        log.add("caught on " + Thread.currentThread().getName());
        return Coroutine.complete(Task.completed("late"), f);
      } finally {
        log.add("finally");
      }
    } catch (Throwable t) {
      return Coroutine.fail(t, f);
    }
  }

  private static void cancellable$weft$3(Coroutine<?> f) {
    cancellable(null, null, f);
  }

  /** How many {@code relay} bodies have reached their return. */
  static final AtomicInteger RELAYS_RETURNED = new AtomicInteger();

  // @Async <T> Task<T> relay(CompletionStage<?> gate, Task<T> result) {
  //   await(gate); return result;
  // }
  @SuppressWarnings("unchecked")
  static <T> Task<T> relay(CompletionStage<?> gate, Task<T> result) {
    return (Task<T>) relay(gate, result, null);
  }

  private static Object relay(CompletionStage<?> gate, Task<?> result, Coroutine<?> f) {
    try {
      if (f == null) {
        if (!Coroutine.isDone(gate)) {
          f = Coroutine.newFrame(RELAY, 1, 0);
          ((Frames.Arrays) f).refs[0] = result;
          return f.suspend(gate, 1) ? Coroutine.entryResult(f) : null;
        }
        Coroutine.getNow(gate);
      } else {
        result = (Task<?>) ((Frames.Arrays) f).refs[0];
        f.resumeValue();
      }
      RELAYS_RETURNED.incrementAndGet();
      return Coroutine.complete(result, f);
    } catch (Throwable t) {
      return Coroutine.fail(t, f);
    }
  }

  private static void relay$weft$4(Coroutine<?> f) {
    relay(null, null, f);
  }
}
