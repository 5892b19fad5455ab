package dev.weft.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.weft.weaver.WeaveException;
import dev.weft.weaver.WeaveProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

class TooLargeTest {
  /** A class whose method {@code m()I} has {@code 2 * pushes + 1} bytes of code. */
  private static byte[] classWithMethodOf(int pushes) {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "fz/Big", null, "java/lang/Object", null);
    cw.visitField(Opcodes.ACC_STATIC, "f", "I", null, null).visitEnd();
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_STATIC, "m", "()I", null, null);
    mv.visitCode();
    for (int i = 0; i < pushes; i++) {
      mv.visitInsn(Opcodes.ICONST_1);
      mv.visitInsn(Opcodes.POP);
    }
    mv.visitInsn(Opcodes.ICONST_0);
    mv.visitInsn(Opcodes.IRETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  private static WeaveException tooLarge(String method, int wovenSize) {
    return new WeaveException(List.of(new WeaveProblem("fz/Big", "m", "Big.java", 3,
        "too large once woven: " + method + " would have " + wovenSize
            + " bytes of code, over the JVM's limit of 65535; split the method into smaller ones")));
  }

  @Test
  void codeSizesReadsTheCodeAttribute() {
    assertEquals(2 * 5000 + 2, CodeSizes.of(classWithMethodOf(5000)).get("m()I"));
  }

  @Test
  void aRefusalWithinTheGrowthBoundIsExpected() {
    Map<String, byte[]> classes = Map.of("fz/Big", classWithMethodOf(5000)); // 10,002 bytes
    assertNotNull(TooLarge.expectedRefusal(tooLarge("m()I", 60_000), classes));
  }

  @Test
  void aSmallMethodRefusedAsTooLargeIsAMismatch() {
    Map<String, byte[]> classes = Map.of("fz/Big", classWithMethodOf(1000)); // 2,002 bytes
    assertNull(TooLarge.expectedRefusal(tooLarge("m()I", 66_000), classes));
  }

  @Test
  void anyOtherRefusalIsAMismatch() {
    Map<String, byte[]> classes = Map.of("fz/Big", classWithMethodOf(5000));
    assertNull(TooLarge.expectedRefusal(new WeaveException(List.of(new WeaveProblem("fz/Big", "m", "Big.java", 3,
        "await inside a synchronized block"))), classes));
    assertNull(TooLarge.expectedRefusal(tooLarge("other()I", 60_000), classes), "unknown method");
  }
}
