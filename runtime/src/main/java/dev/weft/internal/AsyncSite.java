package dev.weft.internal;

import dev.weft.Task;

/**
 * Where one {@code @Async} method's awaits are in its source: the method's class and source name,
 * its source file and the line of each suspension label, as the weaver recorded them (woven format
 * 4 on). Made once per method, when its resumer is made; read only when someone asks where a
 * coroutine is suspended ({@link #at}), never on the suspend and resume path.
 */
final class AsyncSite {
  private final String className;
  private final String method;
  /** {@code Owner.method}, the owner without its package (nested: Outer$Inner). */
  private final String displayName;
  /** The source file, or null when the class has none or the weaver recorded none. */
  private final String file;
  /** The source line of label {@code i + 1}, or -1 where unknown; empty when none were recorded. */
  private final int[] lines;

  AsyncSite(String className, String method, String file, int[] lines) {
    this.className = className;
    this.method = method;
    this.file = file;
    this.lines = lines;
    this.displayName = className.substring(className.lastIndexOf('.') + 1) + "." + method;
  }

  /** {@code Owner.method}, for {@link Task#toString} and reports. */
  String displayName() {
    return displayName;
  }

  /**
   * The frame of the method suspended at {@code label}: its file and the line of that await, or
   * line -1 for a label with no line (0 before the first await, the end of the body, a method
   * woven without lines).
   */
  StackTraceElement at(int label) {
    int line = label >= 1 && label <= lines.length ? lines[label - 1] : -1;
    return new StackTraceElement(className, method, file, line);
  }

  /**
   * The lines the weaver wrote as one string: a decimal line per label, in label order, separated
   * by commas, -1 for an await without a line ({@code "14,20,-1"}); empty when the method has no
   * await.
   *
   * @throws IllegalArgumentException when {@code encoded} is not such a list
   */
  static int[] decodeLines(String encoded) {
    if (encoded.isEmpty()) {
      return new int[0];
    }
    String[] parts = encoded.split(",", -1);
    int[] lines = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        lines[i] = Integer.parseInt(parts[i]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a list of source lines: \"" + encoded + "\"", e);
      }
    }
    return lines;
  }
}
