package dev.weft.weaver;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Pass 1, validate: finds what the weaver refuses before anything is changed, so that a class with
 * a problem is left exactly as it was. Each problem names class, method and line; the processor
 * reports the same rules at compile time with source positions. An await is inside {@code
 * synchronized} when a monitor is held on some path to it ({@link MonitorDepth}).
 */
final class Validator {
  private Validator() {}

  /** Problems of one {@code @Async} method. */
  static List<WeaveProblem> checkAsync(AsyncMethod method) {
    List<WeaveProblem> problems = new ArrayList<>();
    MethodNode m = method.original;
    if ((m.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
      problems.add(method.problem(null, "@Async method has no body"));
      return problems;
    }
    if ((m.access & Opcodes.ACC_SYNCHRONIZED) != 0) {
      problems.add(
          method.problem(
              null,
              "@Async method is synchronized: the monitor would be released at its first"
                  + " suspension; synchronize inside it or use an async lock"));
    }
    String returned = Type.getReturnType(m.desc).getDescriptor();
    if (!returned.equals(Names.TASK_DESC)
        && !returned.equals(Names.COMPLETABLE_FUTURE_DESC)
        && !returned.equals(Names.COMPLETION_STAGE_DESC)) {
      problems.add(
          method.problem(
              null,
              "@Async method returns "
                  + Type.getReturnType(m.desc).getClassName()
                  + "; it must return Task, CompletableFuture or CompletionStage"));
    }
    if (method.ownerIsInterface() && (method.owner.version & 0xFFFF) < Opcodes.V9) {
      problems.add(
          method.problem(null, "@Async interface methods need class files of Java 9 or later"));
    }
    int[] monitors = MonitorDepth.of(m);
    for (int i = 0; i < m.instructions.size(); i++) {
      AbstractInsnNode insn = m.instructions.get(i);
      if (insn.getOpcode() == Opcodes.JSR || insn.getOpcode() == Opcodes.RET) {
        problems.add(method.problem(insn, "jsr/ret subroutines are not supported"));
      } else if (Names.isAwait(insn) && monitors[i] > 0) {
        problems.add(
            method.problem(
                insn,
                "await() inside synchronized would release the monitor on another thread;"
                    + " move the await out of the block or use an async lock"));
      }
    }
    return problems;
  }

  /** Problems of a method that is not {@code @Async}: any await in it. */
  static List<WeaveProblem> checkPlain(ClassNode owner, MethodNode m) {
    List<WeaveProblem> problems = new ArrayList<>();
    for (AbstractInsnNode site : Insns.awaits(m)) {
      String where =
          m.name.startsWith("lambda$")
              ? "await() inside a lambda (" + m.name + "); a lambda body is not @Async:"
                  + " await in the enclosing @Async method or make the lambda call an @Async method"
              : "await() outside an @Async method; annotate " + m.name + " with @Async";
      problems.add(new WeaveProblem(owner.name, m.name, owner.sourceFile, Insns.lineOf(site), where));
    }
    return problems;
  }
}
