package dev.weft.test;

import dev.weft.DrivenLoop;
import java.time.Duration;
import java.util.List;

/** The messages of a test that left coroutines suspended or failures unobserved. */
final class LeftBehind {
  private LeftBehind() {}

  /** What {@link VirtualTime#verify} reports: each suspended coroutine, then each failure. */
  static String describe(List<String> suspended, List<DrivenLoop.UnobservedFailure> failures, Duration at) {
    StringBuilder out = new StringBuilder("Weft: at the end of the test (virtual time " + at + ")");
    if (!suspended.isEmpty()) {
      out.append("\n").append(count(suspended.size(), "coroutine")).append(suspended.size() == 1 ? " is" : " are")
          .append(" left suspended; await, cancel or finish each before the test ends:");
      for (String line : suspended) {
        out.append("\n  ").append(line);
      }
    }
    if (!failures.isEmpty()) {
      out.append("\n").append(count(failures.size(), "task")).append(" failed and nobody observed the failure")
          .append(" (no await, join or callback); the causes are suppressed below:");
      for (DrivenLoop.UnobservedFailure f : failures) {
        out.append("\n  ").append(f.task()).append(" failed with ").append(f.cause());
      }
    }
    return out.toString();
  }

  /** The suspended coroutines as lines to append to another message, or nothing. */
  static String suspendedLines(List<String> suspended) {
    if (suspended.isEmpty()) {
      return "; no coroutine is suspended on it";
    }
    StringBuilder out = new StringBuilder("; suspended on it:");
    for (String line : suspended) {
      out.append("\n  ").append(line);
    }
    return out.toString();
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** Throws {@code t} as it is, checked or not, as {@code await} does. */
  static RuntimeException sneaky(Throwable t) {
    throw LeftBehind.<RuntimeException>uncheck(t);
  }

  @SuppressWarnings("unchecked")
  private static <X extends Throwable> X uncheck(Throwable t) throws X {
    throw (X) t;
  }
}
