package dev.weft.fuzz;

import dev.weft.weaver.WeaveException;
import dev.weft.weaver.WeaveProblem;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells a clear refusal from a weaver bug when a generated method is too large to weave. The
 * weaver refuses a method whose state machine would pass the JVM's 64 KB code limit, and the
 * class is left as it was: that is its contract, not a mismatch, provided the state machine grew
 * by no more than {@link #MAX_GROWTH} times the method's own code. A refusal of a smaller method,
 * any other refusal in the same class, or a size report that cannot be matched to the method
 * stays a mismatch.
 */
final class TooLarge {
  /** The largest growth from a method to its state machine taken as expected (5.1× seen so far). */
  static final double MAX_GROWTH = 6.0;

  private static final Pattern MESSAGE = Pattern.compile(
      "too large once woven: (\\S+) would have (\\d+) bytes of code, over the JVM's limit of 65535.*");

  private TooLarge() {}

  /**
   * The reason to report when every problem of {@code refusal} is an expected too-large refusal
   * of a method of {@code classes} (internal name → class file as javac wrote it); {@code null}
   * when the refusal is a mismatch.
   */
  static String expectedRefusal(WeaveException refusal, Map<String, byte[]> classes) {
    StringBuilder reason = new StringBuilder();
    for (WeaveProblem problem : refusal.problems()) {
      Matcher m = MESSAGE.matcher(problem.message());
      byte[] classFile = classes.get(problem.className());
      if (!m.matches() || classFile == null) {
        return null;
      }
      Integer original = CodeSizes.of(classFile).get(m.group(1));
      long woven = Long.parseLong(m.group(2));
      if (original == null || woven > MAX_GROWTH * original) {
        return null;
      }
      reason.append(reason.length() == 0 ? "" : "; ").append(problem.className().replace('/', '.'))
          .append('.').append(m.group(1)).append(": ").append(original).append(" → ").append(woven)
          .append(" bytes");
    }
    return reason.length() == 0 ? null : "refused as too large once woven: " + reason;
  }
}
