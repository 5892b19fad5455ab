package dev.weft;

import dev.weft.internal.util.Logs;
import java.util.Arrays;
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
        if (trace != null && (trace.full() || trace.names(System.identityHashCode(awaiter)))) {
          return;
        }
        Chain chain = new Chain(awaiter,
            trace == null ? AsyncStackTrace.MAX_FRAMES : trace.room());
        if (trace == null) {
          trace = new AsyncStackTrace();
          failure.addSuppressed(trace); // a no-op when the failure refuses suppressed exceptions
        }
        if (chain.cut) {
          trace.cut();
        }
        trace.append(chain.frames, chain.ids, chain.size);
      }
    } catch (Throwable e) {
      Logs.log(Logs.TASK, System.Logger.Level.DEBUG,
          () -> "No async stack trace for " + failure.getClass().getName(), e);
    }
  }

  /** The frames of a coroutine and of those awaiting it, up to a number of frames. */
  private static final class Chain {
    StackTraceElement[] frames = new StackTraceElement[16];
    int[] ids = new int[16];
    int size;
    /** Whether coroutines were left out for want of room. */
    boolean cut;

    Chain(Continuation<?> from, int room) {
      Continuation<?> c = from;
      while (c != null && size < room) {
        if (size == frames.length) {
          frames = Arrays.copyOf(frames, size * 2);
          ids = Arrays.copyOf(ids, size * 2);
        }
        frames[size] = frameOf(c);
        ids[size++] = System.identityHashCode(c);
        c = awaiterOf(c);
      }
      cut = c != null;
    }
  }

  /** The coroutine suspended awaiting {@code c}, or null: none, or the link no longer holds. */
  private static Continuation<?> awaiterOf(Continuation<?> c) {
    try {
      Continuation<?> up = c.awaitingCoroutine();
      return up != null && up.awaited() == c ? up : null;
    } catch (RuntimeException e) {
      return null; // the trace ends here
    }
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
