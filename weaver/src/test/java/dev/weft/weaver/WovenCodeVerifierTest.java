package dev.weft.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.objectweb.asm.Opcodes.*;

import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/** The last gate: a woven method that does not type-check is a one-line refusal with its listing. */
class WovenCodeVerifierTest {
  private static final ClassHierarchy HIERARCHY =
      ClassHierarchy.fromResources(WovenCodeVerifierTest.class.getClassLoader());

  private static byte[] withMethod(String desc, Consumer<MethodVisitor> body) {
    ClassWriter cw = new ClassWriter(0);
    cw.visit(V17, ACC_PUBLIC | ACC_SUPER, "g/G", null, "java/lang/Object", null);
    cw.visitSource("G.java", null);
    MethodVisitor mv = cw.visitMethod(ACC_STATIC, "m", desc, null, null);
    mv.visitCode();
    Label start = new Label();
    mv.visitLabel(start);
    mv.visitLineNumber(42, start);
    body.accept(mv);
    mv.visitMaxs(4, 2);
    mv.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  private static WeaveException refused(byte[] classFile) {
    return assertThrows(WeaveException.class,
        () -> WovenCodeVerifier.check(classFile, Map.of("m()Ljava/lang/Object;", "source"), HIERARCHY));
  }

  @Test
  void uninitializedObjectLeavingTheMethodIsRefusedWithLineAndListing() {
    WeaveException e = refused(withMethod("()Ljava/lang/Object;", mv -> {
      mv.visitTypeInsn(NEW, "java/lang/StringBuilder");
      mv.visitInsn(ARETURN);
    }));
    WeaveProblem problem = e.problems().get(0);
    assertEquals("g/G", problem.className());
    assertEquals("source", problem.methodName());
    assertEquals(42, problem.line());
    assertTrue(problem.message().contains("uninitialized java.lang.StringBuilder"), problem.message());
    assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    assertTrue(e.getCause().getMessage().contains("NEW java/lang/StringBuilder"), e.getCause().getMessage());
  }

  @Test
  void wrongTypeIsRefused() {
    WeaveException e = refused(withMethod("()Ljava/lang/Object;", mv -> {
      mv.visitInsn(ICONST_0);
      mv.visitInsn(ARETURN);
    }));
    assertEquals(42, e.problems().get(0).line());
  }

  @Test
  void constructedObjectAndUnnamedMethodsPass() throws Exception {
    WovenCodeVerifier.check(withMethod("()Ljava/lang/Object;", mv -> {
      mv.visitTypeInsn(NEW, "java/lang/StringBuilder");
      mv.visitInsn(DUP);
      mv.visitVarInsn(ASTORE, 0);
      mv.visitMethodInsn(INVOKESPECIAL, "java/lang/StringBuilder", "<init>", "()V", false);
      mv.visitVarInsn(ALOAD, 0);
      mv.visitInsn(ARETURN);
    }), Map.of("m()Ljava/lang/Object;", "source"), HIERARCHY);
    // a method not written by the weaver is not checked
    WovenCodeVerifier.check(withMethod("()Ljava/lang/Object;", mv -> {
      mv.visitInsn(ICONST_0);
      mv.visitInsn(ARETURN);
    }), Map.of(), HIERARCHY);
  }

  @Test
  void nestedArrayTypesAreCheckedElementByElement() throws Exception {
    // [[String to [[Object asks about [String to [Object on the way: a nested question, not a failure
    WovenCodeVerifier.check(withMethod("()[[Ljava/lang/Object;", mv -> {
      mv.visitInsn(ACONST_NULL);
      mv.visitTypeInsn(CHECKCAST, "[[Ljava/lang/String;");
      mv.visitInsn(ARETURN);
    }), Map.of("m()[[Ljava/lang/Object;", "source"), HIERARCHY);
  }
}
