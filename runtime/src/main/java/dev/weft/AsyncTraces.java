package dev.weft;

import dev.weft.internal.util.Logs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;

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
  /** The part of a woven resume bridge's name that follows its method's name. */
  private static final String BRIDGE_MARK = "$weft$";
  /** The runtime's packages, whose frames a trace taken from a thread's stack leaves out. */
  private static final Set<String> RUNTIME_PACKAGES = Set.of(
      "dev.weft", "dev.weft.internal", "dev.weft.internal.util", "dev.weft.internal.jfr",
      "dev.weft.net", "dev.weft.sync", "dev.weft.io");

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

  /**
   * Adds to {@code failure}, when it has no trace yet, the frames of the code that awaited it on
   * the calling thread: an await that finds its stage already failed does not suspend, so the
   * methods awaiting are still on the real stack (from the await up to the caller that started
   * them, or up to the loop that resumed the innermost). The runtime's own frames and the woven
   * resume bridges are left out. Only on that failure path; never throws.
   */
  static void recordHere(Throwable failure) {
    if (!ENABLED || failure instanceof CancellationException
        || failure instanceof VirtualMachineError) {
      return;
    }
    try {
      synchronized (failure) {
        if (traceOf(failure) != null) {
          return; // awaited again, or it crossed awaits already: the first trace stays
        }
        List<StackTraceElement> frames = StackWalker.getInstance().walk(s -> s
            .dropWhile(AsyncTraces::isRuntime)
            .takeWhile(f -> !isRuntime(f))
            .filter(f -> !f.getMethodName().contains(BRIDGE_MARK))
            .limit(AsyncStackTrace.MAX_FRAMES)
            .map(StackWalker.StackFrame::toStackTraceElement)
            .collect(Collectors.toList()));
        frames = onePerMethod(frames);
        if (frames.isEmpty()) {
          return;
        }
        AsyncStackTrace trace = new AsyncStackTrace();
        failure.addSuppressed(trace);
        // no coroutine stands behind these frames: ids 0, which no identity hash is
        trace.append(frames.toArray(new StackTraceElement[0]), new int[frames.size()],
            frames.size());
      }
    } catch (Throwable e) {
      Logs.log(Logs.TASK, System.Logger.Level.DEBUG,
          () -> "No async stack trace for " + failure.getClass().getName(), e);
    }
  }

  /**
   * {@code frames} with each run of frames of one method kept as its first (innermost) frame: a
   * woven method that has not suspended yet runs as its entry and its state machine, both under
   * the method's name, the state machine at the await.
   */
  private static List<StackTraceElement> onePerMethod(List<StackTraceElement> frames) {
    List<StackTraceElement> kept = new ArrayList<>(frames.size());
    StackTraceElement last = null;
    for (StackTraceElement e : frames) {
      if (last == null || !last.getClassName().equals(e.getClassName())
          || !last.getMethodName().equals(e.getMethodName())) {
        kept.add(e);
        last = e;
      }
    }
    return kept;
  }

  /** Whether {@code f} is a frame of the runtime itself (not of a module built on it). */
  private static boolean isRuntime(StackWalker.StackFrame f) {
    String name = f.getClassName();
    int dot = name.lastIndexOf('.');
    return dot > 0 && RUNTIME_PACKAGES.contains(name.substring(0, dot));
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
