package dev.weft.processor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Stands in for the weaver: records the name of every class it is given and "weaves" it by adding
 * a marker field, so a test can see that the rewritten bytes reached the class output.
 */
final class RecordingWeaver implements ClassWeaver {
  static final String MARKER = "weft$testMarker";

  final List<String> woven = Collections.synchronizedList(new ArrayList<>());

  @Override
  public byte[] weave(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    woven.add(reader.getClassName());
    ClassWriter writer = new ClassWriter(0);
    reader.accept(writer, 0);
    writer.visitField(Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, MARKER, "I", null, null).visitEnd();
    return writer.toByteArray();
  }

  /** Whether {@code classFile} has the marker field. */
  static boolean isMarked(byte[] classFile) {
    boolean[] found = {false};
    new ClassReader(classFile)
        .accept(
            new org.objectweb.asm.ClassVisitor(Opcodes.ASM9) {
              @Override
              public org.objectweb.asm.FieldVisitor visitField(
                  int access, String name, String descriptor, String signature, Object value) {
                found[0] |= name.equals(MARKER);
                return null;
              }
            },
            0);
    return found[0];
  }
}
