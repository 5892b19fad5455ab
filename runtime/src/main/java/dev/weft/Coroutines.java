package dev.weft;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.ObjectName;

/**
 * What every suspended coroutine waits for: the debugging entry point for a running program.
 * {@link #suspended()} lists each {@code @Async} invocation that is suspended, on every live
 * loop: its method, the source file and line of the await it is suspended at (and the await's
 * number), how long it has been suspended there, what it awaits (another coroutine, a socket
 * operation, a timer, a channel, a foreign stage) and its loop. {@link #dump()} prints
 * them as a tree of who awaits whom. The same text is an operation of the platform MBean {@value
 * #MBEAN_NAME}, so that JConsole, VisualVM or {@code jcmd} reach it without a code change.
 *
 * <p>Almost nothing is recorded for this on the paths that do not ask: each loop already keeps its
 * live coroutines (for shutdown), the file and lines come from the weaver once per method, and a
 * suspension notes only a stamp of its loop's turn (made at the turn's first suspension from the
 * clock the turn read for its timers, and shared), in a field that is free while it is suspended:
 * no clock read per suspension, at most one small allocation per turn. A dump reads them on each
 * loop's own thread. A loop that does not answer within a second (blocked) is named instead of
 * listed.
 */
public final class Coroutines {
  /** The name of the platform MBean whose {@code dump} operation returns {@link #dump()}. */
  public static final String MBEAN_NAME = "dev.weft:type=Coroutines";

  private static final long ANSWER_MILLIS = 1000;
  private static final AtomicBoolean REGISTERED = new AtomicBoolean();

  private Coroutines() {}

  /**
   * One suspended coroutine.
   *
   * @param method the {@code @Async} method, as {@code Owner.method}
   * @param await the number of the await it is suspended at (1 for the first in the method), or 0
   *     when its body has returned a stage it now waits for
   * @param awaiting what it waits for: {@code coroutine Owner.method} or a description of the task
   *     or stage
   * @param loop the loop it runs on
   * @param id an identity for this dump ({@code awaitedId} of the coroutine that awaits it)
   * @param awaitedId the id of the suspended coroutine it awaits, or 0
   * @param file the source file of its method, or null when not known (a class woven in format 3,
   *     or compiled without a source file)
   * @param line the source line of the await it is suspended at, or -1 when not known
   * @param suspendedMillis how long it has been suspended at this await (or waiting for the stage
   *     it returned), in milliseconds of its loop's clock, or -1 when not known (it is being
   *     resumed); measured from the start of the loop's turn in which it suspended, so it can
   *     read up to one turn long
   */
  public record Suspended(String method, int await, String awaiting, String loop, int id,
      int awaitedId, String file, int line, long suspendedMillis) {}

  /** The suspended coroutines of every live loop, loop by loop. Any thread. */
  public static List<Suspended> suspended() {
    return snapshot().coroutines;
  }

  /**
   * The suspended coroutines as text: per loop, each chain of awaits from the coroutine nobody
   * awaits down to what the last one waits for, one coroutine a line, indented. Any thread.
   */
  public static String dump() {
    return snapshot().text();
  }

  /** The JMX view; see {@link #MBEAN_NAME}. */
  public interface CoroutinesMXBean {
    /** {@link Coroutines#dump()}. */
    String dump();

    /** How many coroutines are suspended now. */
    int getSuspendedCount();
  }

  /** Registers the MBean once, when the first loop is made; failures are ignored. */
  static void registerMBean() {
    if (!REGISTERED.compareAndSet(false, true)) {
      return;
    }
    try {
      ManagementFactory.getPlatformMBeanServer().registerMBean(new CoroutinesMXBean() {
        @Override
        public String dump() {
          return Coroutines.dump();
        }

        @Override
        public int getSuspendedCount() {
          return suspended().size();
        }
      }, new ObjectName(MBEAN_NAME));
    } catch (Exception | LinkageError e) {
      // no JMX (a trimmed runtime), or another copy of the runtime registered first
    }
  }

  private static Snapshot snapshot() {
    Snapshot s = new Snapshot();
    for (EventLoop loop : EventLoop.live()) {
      List<Continuation<?>> frames;
      if (loop.inEventLoop()) {
        frames = loop.liveFrames().snapshot();
      } else {
        CompletableFuture<List<Continuation<?>>> answer = new CompletableFuture<>();
        loop.executeOrElse(() -> answer.complete(loop.liveFrames().snapshot()),
            rejection -> answer.complete(List.of()));
        try {
          frames = answer.get(ANSWER_MILLIS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
          s.unanswered.add(loop.toString());
          continue;
        }
      }
      s.add(loop, frames);
    }
    return s.link();
  }

  /** The frames of every loop, then the same as records with their links. */
  private static final class Snapshot {
    final Map<Continuation<?>, Integer> ids = new IdentityHashMap<>();
    final List<Continuation<?>> frames = new ArrayList<>();
    final List<EventLoop> loops = new ArrayList<>();
    final List<String> unanswered = new ArrayList<>();
    final List<Suspended> coroutines = new ArrayList<>();

    void add(EventLoop loop, List<Continuation<?>> live) {
      for (Continuation<?> f : live) {
        if (f.awaited() != null && !f.isDone()) { // suspended, not running nor just resumed
          ids.put(f, ids.size() + 1);
          frames.add(f);
          loops.add(loop);
        }
      }
    }

    Snapshot link() {
      for (int i = 0; i < frames.size(); i++) {
        Continuation<?> f = frames.get(i);
        Object awaited = f.awaited();
        Integer child = awaited instanceof Continuation ? ids.get(awaited) : null;
        StackTraceElement at = f.suspendedAt();
        EventLoop loop = loops.get(i);
        Object since = f.suspendedSince();
        long millis = since instanceof TurnStamp stamp
            ? Math.max(0, loop.nanosSince(stamp) / 1_000_000) : -1;
        coroutines.add(new Suspended(f.displayName(), f.returning() ? 0 : f.awaitNumber(),
            describe(awaited), loop.toString(), ids.get(f), child == null ? 0 : child,
            at != null ? at.getFileName() : null, at != null ? at.getLineNumber() : -1, millis));
      }
      return this;
    }

    String text() {
      StringBuilder out = new StringBuilder();
      out.append("Weft coroutines: ").append(coroutines.size()).append(" suspended\n");
      boolean[] awaitedByAnother = new boolean[coroutines.size() + 1];
      for (Suspended c : coroutines) {
        awaitedByAnother[c.awaitedId()] = true;
      }
      String loop = null;
      for (Suspended c : coroutines) {
        if (awaitedByAnother[c.id()]) {
          continue; // printed under the coroutine that awaits it
        }
        if (!c.loop().equals(loop)) {
          loop = c.loop();
          out.append(loop).append(":\n");
        }
        int depth = 1;
        for (Suspended at = c; at != null && depth <= coroutines.size(); at = next(at), depth++) {
          out.append("  ".repeat(depth)).append(line(at)).append('\n');
        }
      }
      for (String l : unanswered) {
        out.append(l).append(": did not answer within ").append(ANSWER_MILLIS)
            .append(" ms (blocked? see weft.loop.blockedThresholdMillis)\n");
      }
      return out.toString();
    }

    private Suspended next(Suspended c) {
      return c.awaitedId() == 0 ? null : coroutines.get(c.awaitedId() - 1);
    }

    private static String line(Suspended c) {
      String source = c.line() < 0 ? ""
          : " (" + (c.file() != null ? c.file() + ":" : "line ") + c.line() + ")";
      String where = c.await() == 0 ? "returned" : "at await " + c.await();
      String since = c.suspendedMillis() < 0 ? "" : ", suspended " + c.suspendedMillis() + " ms";
      return c.method() + source + " " + where + since + ", awaiting " + c.awaiting()
          + (c.awaitedId() == 0 ? "" : ":");
    }

    private static String describe(Object awaited) {
      if (awaited instanceof Continuation) {
        return "coroutine " + ((Continuation<?>) awaited).displayName();
      }
      if (awaited instanceof Task) {
        return ((Task<?>) awaited).displayName();
      }
      return "a foreign stage, " + awaited.getClass().getName();
    }
  }
}
