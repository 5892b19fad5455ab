package dev.weft.agent;

import org.objectweb.asm.ClassReader;

/** The name a class file gives itself, for classes the JVM hands over without one. */
final class ClassNames {
  private ClassNames() {}

  /** The internal name in {@code classFile}'s header, or {@code null} when the bytes are unreadable. */
  static String of(byte[] classFile) {
    try {
      return new ClassReader(classFile).getClassName();
    } catch (RuntimeException e) {
      return null; // garbage: the weaver reports it
    }
  }
}
