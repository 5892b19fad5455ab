package dev.weft.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.objectweb.asm.Opcodes.*;

import dev.weft.Promise;
import dev.weft.Task;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Hand-built classes in which an uninitialized object lives across an await in shapes javac does
 * not produce (copied, stored in locals, swapped, never duplicated). Each must weave to code that
 * verifies and runs, both when the await completes at once and when it really suspends.
 *
 * <p>Every method built here is {@code @Async static Task run(Task t)}: it awaits {@code t} (a
 * string) while a {@code StringBuilder} is under construction and returns a string.
 */
class UnorthodoxFrameTest {
  private static final String SB = "java/lang/StringBuilder";
  private static final String TASK = "dev/weft/Task";

  /** Builds class {@code u/U} whose method {@code run} has the body {@code body} writes. */
  private static byte[] build(int maxLocals, Consumer<MethodVisitor> body) {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
    cw.visit(V17, ACC_PUBLIC | ACC_SUPER, "u/U", null, "java/lang/Object", null);
    cw.visitSource("U.java", null);
    MethodVisitor mv =
        cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "run", "(Ldev/weft/Task;)Ldev/weft/Task;", null, null);
    mv.visitAnnotation("Ldev/weft/annotations/Async;", false).visitEnd();
    mv.visitCode();
    Label start = new Label();
    mv.visitLabel(start);
    mv.visitLineNumber(10, start);
    body.accept(mv);
    mv.visitMaxs(8, maxLocals);
    mv.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  private static void await(MethodVisitor mv) {
    mv.visitVarInsn(ALOAD, 0);
    mv.visitMethodInsn(INVOKESTATIC, TASK, "await", "(Ljava/util/concurrent/CompletionStage;)Ljava/lang/Object;", false);
    mv.visitTypeInsn(CHECKCAST, "java/lang/String");
  }

  private static void init(MethodVisitor mv) {
    mv.visitMethodInsn(INVOKESPECIAL, SB, "<init>", "(Ljava/lang/String;)V", false);
  }

  /** Ends the method: the StringBuilder on the stack becomes the task's value. */
  private static void returnString(MethodVisitor mv) {
    mv.visitMethodInsn(INVOKEVIRTUAL, SB, "toString", "()Ljava/lang/String;", false);
    mv.visitMethodInsn(INVOKESTATIC, TASK, "completed", "(Ljava/lang/Object;)Ldev/weft/Task;", false);
    mv.visitInsn(ARETURN);
  }

  /** Weaves {@code classFile}, loads it and checks {@code run} with a ready and a suspending task. */
  private static void assertRuns(String expected, byte[] classFile) throws Exception {
    Weaver weaver = new Weaver(ClassHierarchy.fromResources(UnorthodoxFrameTest.class.getClassLoader()));
    byte[] woven = weaver.weave(classFile);
    Method run = new ByteLoader(Map.of("u/U", woven)).loadClass("u.U").getMethod("run", Task.class);
    assertEquals(expected, ((Task<?>) run.invoke(null, Task.completed("v"))).join());
    Promise<Object> later = Task.promise();
    Task<?> pending = (Task<?>) run.invoke(null, later);
    assertTrue(!pending.isDone(), "the await suspends");
    new Thread(() -> later.complete("v")).start();
    assertEquals(expected, pending.join());
  }

  @Test
  void newDupDup() throws Exception {
    // new, dup, dup; await; <init> leaves two references to the same object
    assertRuns("v", build(1, mv -> {
      mv.visitTypeInsn(NEW, SB);
      mv.visitInsn(DUP);
      mv.visitInsn(DUP);
      await(mv);
      init(mv);
      mv.visitInsn(POP);
      returnString(mv);
    }));
  }

  @Test
  void newDupDupAstore() throws Exception {
    // a copy of the uninitialized reference is kept in a local and read after the constructor
    assertRuns("v", build(2, mv -> {
      mv.visitTypeInsn(NEW, SB);
      mv.visitInsn(DUP);
      mv.visitInsn(DUP);
      mv.visitVarInsn(ASTORE, 1);
      await(mv);
      init(mv);
      mv.visitInsn(POP);
      mv.visitVarInsn(ALOAD, 1);
      returnString(mv);
    }));
  }

  @Test
  void newDupSipushSwap() throws Exception {
    // new, dup, sipush, swap: an int lies between the two copies of the reference
    assertRuns("v7", build(1, mv -> {
      mv.visitTypeInsn(NEW, SB);
      mv.visitInsn(DUP);
      mv.visitIntInsn(SIPUSH, 7);
      mv.visitInsn(SWAP);
      await(mv);
      init(mv);
      mv.visitMethodInsn(INVOKEVIRTUAL, SB, "append", "(I)L" + SB + ";", false);
      returnString(mv);
    }));
  }

  @Test
  void newWithoutDup() throws Exception {
    // the constructed object is dropped; the awaited value is kept in a local
    assertRuns("v", build(2, mv -> {
      mv.visitTypeInsn(NEW, SB);
      await(mv);
      mv.visitInsn(DUP);
      mv.visitVarInsn(ASTORE, 1);
      init(mv);
      mv.visitTypeInsn(NEW, SB);
      mv.visitInsn(DUP);
      mv.visitVarInsn(ALOAD, 1);
      init(mv);
      returnString(mv);
    }));
  }

  @Test
  void uninitializedOnlyInLocalsAcrossTheAwait() throws Exception {
    // javac's spill of the operand stack: both copies in locals, the stack empty at the await
    assertRuns("v", build(4, mv -> {
      mv.visitTypeInsn(NEW, SB);
      mv.visitInsn(DUP);
      mv.visitVarInsn(ASTORE, 1);
      mv.visitVarInsn(ASTORE, 2);
      await(mv);
      mv.visitVarInsn(ASTORE, 3);
      mv.visitVarInsn(ALOAD, 2);
      mv.visitVarInsn(ALOAD, 3);
      init(mv);
      mv.visitVarInsn(ALOAD, 1);
      returnString(mv);
    }));
  }

  @Test
  void wideVariable() throws Exception {
    // the copy lives in local 300, reached with WIDE
    assertRuns("v", build(301, mv -> {
      mv.visitTypeInsn(NEW, SB);
      mv.visitInsn(DUP);
      mv.visitVarInsn(ASTORE, 300);
      await(mv);
      init(mv);
      mv.visitVarInsn(ALOAD, 300);
      returnString(mv);
    }));
  }

  @Test
  void gapBeforeTheLocalAndALongBeside() throws Exception {
    // a long in locals 1-2, nothing in 3, the copy in 4; the long survives the await too
    assertRuns("v5", build(5, mv -> {
      mv.visitLdcInsn(5L);
      mv.visitVarInsn(LSTORE, 1);
      mv.visitTypeInsn(NEW, SB);
      mv.visitInsn(DUP);
      mv.visitVarInsn(ASTORE, 4);
      await(mv);
      init(mv);
      mv.visitVarInsn(ALOAD, 4);
      mv.visitVarInsn(LLOAD, 1);
      mv.visitMethodInsn(INVOKEVIRTUAL, SB, "append", "(J)L" + SB + ";", false);
      returnString(mv);
    }));
  }

  @Test
  void wideLongBelowTheCopies() throws Exception {
    // a long on the stack between the two copies; a two-word value must be spilled and restored
    assertRuns("v9", build(1, mv -> {
      mv.visitTypeInsn(NEW, SB);
      mv.visitInsn(DUP);
      mv.visitLdcInsn(9L);
      mv.visitInsn(DUP2_X1);
      mv.visitInsn(POP2);
      await(mv);
      init(mv);
      mv.visitMethodInsn(INVOKEVIRTUAL, SB, "append", "(J)L" + SB + ";", false);
      returnString(mv);
    }));
  }

  @Test
  void uninitializedUsedOtherThanByCopiesIsRefusedWithItsLine() {
    // the two copies are compared with IF_ACMPNE across the await: not a copy, store or load
    byte[] classFile = build(1, mv -> {
      Label same = new Label();
      mv.visitTypeInsn(NEW, SB);
      mv.visitInsn(DUP);
      mv.visitInsn(DUP);
      mv.visitInsn(DUP);
      await(mv);
      mv.visitInsn(POP);
      mv.visitJumpInsn(IF_ACMPEQ, same);
      mv.visitInsn(ACONST_NULL);
      mv.visitInsn(ARETURN);
      mv.visitLabel(same);
      mv.visitLdcInsn("w");
      init(mv);
      returnString(mv);
    });
    Weaver weaver = new Weaver(ClassHierarchy.fromResources(UnorthodoxFrameTest.class.getClassLoader()));
    WeaveException e = assertThrows(WeaveException.class, () -> weaver.weave(classFile));
    WeaveProblem problem = e.problems().get(0);
    assertEquals("run", problem.methodName());
    assertEquals(10, problem.line());
    assertTrue(problem.message().contains("uninitialized java.lang.StringBuilder"), problem.message());
    assertTrue(!e.getMessage().contains("\n"), e.getMessage());
  }
}
