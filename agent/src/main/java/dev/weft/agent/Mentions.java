package dev.weft.agent;

import java.nio.charset.StandardCharsets;

/**
 * The transformer's cheap first check: whether a class file's bytes mention {@code @Async} or
 * {@code Task} at all, by a byte search for their internal names (as the constant pool holds
 * them, in modified UTF-8, which is plain ASCII here). No parse: a class that never mentions Weft,
 * nearly every class a JVM loads, costs one scan of its bytes.
 */
final class Mentions {
  private Mentions() {}

  private static final byte[] PREFIX = "dev/weft/".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ASYNC = "annotations/Async".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TASK = "Task".getBytes(StandardCharsets.US_ASCII);

  /** Whether {@code classFile} contains {@code dev/weft/annotations/Async} or {@code dev/weft/Task}. */
  static boolean weft(byte[] classFile) {
    byte first = PREFIX[0];
    int last = classFile.length - PREFIX.length;
    for (int i = 0; i <= last; i++) {
      if (classFile[i] == first && startsWith(classFile, i, PREFIX)) {
        int after = i + PREFIX.length;
        if (startsWith(classFile, after, TASK) || startsWith(classFile, after, ASYNC)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean startsWith(byte[] bytes, int at, byte[] part) {
    if (at + part.length > bytes.length) {
      return false;
    }
    for (int j = 0; j < part.length; j++) {
      if (bytes[at + j] != part[j]) {
        return false;
      }
    }
    return true;
  }
}
