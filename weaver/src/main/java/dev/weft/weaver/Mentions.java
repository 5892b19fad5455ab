package dev.weft.weaver;

import java.nio.charset.StandardCharsets;

/**
 * The cheap first check of the agent and the Maven plugin: whether a class file's bytes mention
 * {@code @Async} or an await owner ({@link Names#TASK}, {@link Names#PROMISE}) at all, by a byte
 * search for their internal names as the constant pool holds them (modified UTF-8, which is plain
 * ASCII here). No parse: a class that never mentions Weft, nearly every class a JVM loads or a build
 * compiles, costs one scan of its bytes. The check is conservative (any name starting {@code
 * dev/weft/Task} counts); the weaver decides.
 */
public final class Mentions {
  private Mentions() {}

  private static final byte[] PREFIX = Names.RUNTIME_PACKAGE.getBytes(StandardCharsets.US_ASCII);
  private static final byte[][] NAMES = {
    suffix(Names.ASYNC), suffix(Names.TASK), suffix(Names.PROMISE),
  };

  private static byte[] suffix(String internalName) {
    return internalName.substring(Names.RUNTIME_PACKAGE.length()).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Whether {@code classFile} contains {@code dev/weft/annotations/Async}, {@code dev/weft/Task} or
   * {@code dev/weft/Promise}.
   */
  public static boolean weft(byte[] classFile) {
    byte first = PREFIX[0];
    int last = classFile.length - PREFIX.length;
    for (int i = 0; i <= last; i++) {
      if (classFile[i] == first && startsWith(classFile, i, PREFIX)) {
        int after = i + PREFIX.length;
        for (byte[] name : NAMES) {
          if (startsWith(classFile, after, name)) {
            return true;
          }
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
