package dev.weft;

import dev.weft.internal.util.Logs;
import java.util.concurrent.CancellationException;

/**
 * Builds the {@link AsyncStackTrace} of a failure that an await rethrows into a coroutine's body:
 * that coroutine's frame, then, up the waiter links, the coroutine awaiting it, the one awaiting
 * that, and so on. Runs only on that failure path, on the resuming coroutine's loop; the
 * coroutines above it may belong to other loops, so it reads only what a suspended coroutine does
 * not change (its method, the label it is suspended at, the stage it awaits, its waiters), and
 * stops where a link does not hold. It never throws: a trace that cannot be built is left out,
 * and the failure goes on as it is.
 */
final class AsyncTraces {
  /** {@link AsyncStackTrace#ENABLED_PROPERTY}, read once. */
  static final boolean ENABLED = enabled();

  private AsyncTraces() {}

  /** Adds to {@code failure} the chain of coroutines from {@code awaiter} up, once (class doc). */
  static void record(Throwable failure, Continuation<?> awaiter) {
    if (!ENABLED || failure instanceof CancellationException
        || failure instanceof VirtualMachineError) {
      return;
    }
    try {
      synchronized (failure) { // as Throwable.addSuppressed: two loops may rethrow one failure
        AsyncStackTrace trace = traceOf(failure);
        if (trace == null) {
          trace = new AsyncStackTrace();
          failure.addSuppressed(trace); // a no-op when the failure refuses suppressed exceptions
        } else if (trace.full() || trace.names(System.identityHashCode(awaiter))) {
          return;
        }
        walk(trace, awaiter);
      }
    } catch (Throwable e) {
      Logs.log(Logs.TASK, System.Logger.Level.DEBUG,
          () -> "No async stack trace for " + failure.getClass().getName(), e);
    }
  }

  /** Appends {@code from} and the coroutines awaiting it, up to {@link AsyncStackTrace#MAX_FRAMES}. */
  private static void walk(AsyncStackTrace trace, Continuation<?> from) {
    StackTraceElement[] frames = new StackTraceElement[16];
    int[] ids = new int[16];
    int n = 0;
    int room = AsyncStackTrace.MAX_FRAMES - trace.getStackTrace().length;
    Continuation<?> c = from;
    while (c != null && n < room) {
      if (n == frames.length) {
        frames = java.util.Arrays.copyOf(frames, n * 2);
        ids = java.util.Arrays.copyOf(ids, n * 2);
      }
      frames[n] = frameOf(c);
      ids[n++] = System.identityHashCode(c);
      c = awaiterOf(c);
    }
    if (c != null) {
      trace.cut();
    }
    trace.append(frames, ids, n);
  }

  /** The coroutine suspended awaiting {@code c}, or null: none, or the link no longer holds. */
  private static Continuation<?> awaiterOf(Continuation<?> c) {
    Continuation<?> up = c.awaitingCoroutine();
    return up != null && up.awaited() == c ? up : null;
  }

  /** Where {@code c} is suspended; its class when its method is unknown. */
  private static StackTraceElement frameOf(Continuation<?> c) {
    StackTraceElement at = null;
    try {
      at = c.suspendedAt();
    } catch (RuntimeException e) {
      // fall back to the class
    }
    return at != null ? at : new StackTraceElement(c.getClass().getName(), "<unknown>", null, -1);
  }

  private static AsyncStackTrace traceOf(Throwable failure) {
    for (Throwable s : failure.getSuppressed()) {
      if (s instanceof AsyncStackTrace) {
        return (AsyncStackTrace) s;
      }
    }
    return null;
  }

  private static boolean enabled() {
    String value = System.getProperty(AsyncStackTrace.ENABLED_PROPERTY);
    return value == null || !value.trim().equalsIgnoreCase("false");
  }
}
