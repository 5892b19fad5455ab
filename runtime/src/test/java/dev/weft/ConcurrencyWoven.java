package dev.weft;

import dev.weft.internal.Coroutine;
import dev.weft.internal.Frames;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * More hand-written state machines in the shape the weaver emits (see {@link HandWoven}), for the
 * tests of scopes, channels, semaphores and task-locals. The source each stands for is in its
 * comment.
 */
public final class ConcurrencyWoven {
  private ConcurrencyWoven() {}

  private static final Coroutine.Resumer TAKE = resumer("take$weft$0");
  private static final Coroutine.Resumer TRACE = resumer("trace$weft$1");
  private static final Coroutine.Resumer TAKE_INTO = resumer("takeInto$weft$2");

  private static Coroutine.Resumer resumer(String bridge) {
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    try {
      return Coroutine.resumer(lookup, "resumer", Coroutine.Resumer.class, lookup.findStatic(
          ConcurrencyWoven.class, bridge, MethodType.methodType(void.class, Coroutine.class)));
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  // @Async <T> Task<T> take(CompletionStage<T> s) { return Task.completed(await(s)); }
  @SuppressWarnings("unchecked")
  public static <T> Task<T> take(CompletionStage<T> s) {
    return (Task<T>) take(s, null);
  }

  private static Object take(CompletionStage<?> s, Coroutine<?> f) {
    try {
      Object v;
      if (f != null) {
        v = f.resumeValue();
      } else if (Coroutine.isDone(s)) {
        v = Coroutine.getNow(s);
      } else {
        f = Coroutine.newFrame(TAKE, 0, 0);
        return f.suspend(s, 1) ? Coroutine.entryResult(f) : null;
      }
      return Coroutine.complete(Task.completed(v), f);
    } catch (Throwable t) {
      return Coroutine.fail(t, f);
    }
  }

  private static void take$weft$0(Coroutine<?> f) {
    take(null, f);
  }

  // @Async <T> Task<T> takeInto(CompletionStage<T> s, Consumer<? super T> sink) {
  //   T v = await(s); sink.accept(v); return Task.completed(v);
  // }
  @SuppressWarnings("unchecked")
  public static <T> Task<T> takeInto(CompletionStage<T> s, Consumer<? super T> sink) {
    return (Task<T>) takeInto(s, (Consumer<Object>) sink, null);
  }

  @SuppressWarnings("unchecked")
  private static Object takeInto(CompletionStage<?> s, Consumer<Object> sink, Coroutine<?> f) {
    try {
      Object v;
      if (f != null) {
        sink = (Consumer<Object>) ((Frames.Arrays) f).refs[0];
        v = f.resumeValue();
      } else if (Coroutine.isDone(s)) {
        v = Coroutine.getNow(s);
      } else {
        f = Coroutine.newFrame(TAKE_INTO, 1, 0);
        ((Frames.Arrays) f).refs[0] = sink;
        return f.suspend(s, 1) ? Coroutine.entryResult(f) : null;
      }
      sink.accept(v);
      return Coroutine.complete(Task.completed(v), f);
    } catch (Throwable t) {
      return Coroutine.fail(t, f);
    }
  }

  private static void takeInto$weft$2(Coroutine<?> f) {
    takeInto(null, null, f);
  }

  // @Async Task<List<Object>> trace(TaskLocal<?> local, CompletionStage<?> a, CompletionStage<?> b,
  //                                 List<Object> log) {
  //   log.add(local.get()); await(a);
  //   log.add(local.get()); await(b);
  //   log.add(local.get()); return Task.completed(log);
  // }
  @SuppressWarnings("unchecked")
  static Task<List<Object>> trace(
      TaskLocal<?> local, CompletionStage<?> a, CompletionStage<?> b, List<Object> log) {
    return (Task<List<Object>>) trace(local, a, b, log, null);
  }

  @SuppressWarnings("unchecked")
  private static Object trace(TaskLocal<?> local, CompletionStage<?> a, CompletionStage<?> b,
      List<Object> log, Coroutine<?> f) {
    int pc = f == null ? 0 : f.label();
    try {
      if (pc != 0) { // restore
        local = (TaskLocal<?>) ((Frames.Arrays) f).refs[0];
        b = (CompletionStage<?>) ((Frames.Arrays) f).refs[1];
        log = (List<Object>) ((Frames.Arrays) f).refs[2];
        f.resumeValue();
      }
      if (pc == 0) {
        log.add(local.get());
        if (!Coroutine.isDone(a)) {
          f = Coroutine.newFrame(TRACE, 3, 0);
          ((Frames.Arrays) f).refs[0] = local;
          ((Frames.Arrays) f).refs[1] = b;
          ((Frames.Arrays) f).refs[2] = log;
          return f.suspend(a, 1) ? Coroutine.entryResult(f) : null;
        }
        Coroutine.getNow(a);
      }
      if (pc <= 1) {
        log.add(local.get());
        if (!Coroutine.isDone(b)) {
          if (f == null) {
            f = Coroutine.newFrame(TRACE, 3, 0);
          }
          ((Frames.Arrays) f).refs[0] = local;
          ((Frames.Arrays) f).refs[1] = b;
          ((Frames.Arrays) f).refs[2] = log;
          return f.suspend(b, 2) ? Coroutine.entryResult(f) : null;
        }
        Coroutine.getNow(b);
      }
      log.add(local.get());
      return Coroutine.complete(Task.completed(log), f);
    } catch (Throwable t) {
      return Coroutine.fail(t, f);
    }
  }

  private static void trace$weft$1(Coroutine<?> f) {
    trace(null, null, null, null, f);
  }
}
