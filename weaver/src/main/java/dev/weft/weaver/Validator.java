package dev.weft.weaver;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Pass 1, validate: finds what the weaver refuses before anything is changed, so that a class with
 * a problem is left exactly as it was. Each problem names class, method and line; the processor
 * reports the same rules at compile time with source positions, and each problem carries the
 * processor's id for its rule ({@link WeaveProblem.Kind}) and says it in the processor's words. An
 * await is inside {@code synchronized} when a monitor is held on some path to it ({@link
 * MonitorDepth}). An await in a lambda is reported on the method that declares the lambda, named
 * as in the source, not as javac names the lambda's method.
 */
final class Validator {
  private Validator() {}

  /** What the messages suggest in place of {@code synchronized}, as the processor words it. */
  private static final String ASYNC_LOCK =
      "an async lock, a dev.weft.sync.Semaphore(1) (await(lock.acquire()); try { ... } finally {"
          + " lock.release(); }, or lock.withPermit(...))";

  /** Problems of one {@code @Async} method. */
  static List<WeaveProblem> checkAsync(AsyncMethod method) {
    List<WeaveProblem> problems = new ArrayList<>();
    MethodNode m = method.original;
    if ((m.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
      problems.add(method.problem(null, "@Async method has no body", WeaveProblem.Kind.ASYNC_WITHOUT_BODY));
      return problems;
    }
    if ((m.access & Opcodes.ACC_SYNCHRONIZED) != 0) {
      problems.add(
          method.problem(
              null,
              "@Async method is synchronized: the monitor would be released at its first"
                  + " suspension; synchronize inside it or guard the state with " + ASYNC_LOCK,
              WeaveProblem.Kind.ASYNC_SYNCHRONIZED));
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
                  + "; it must return Task, CompletableFuture or CompletionStage",
              WeaveProblem.Kind.ASYNC_RETURN_TYPE));
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
                "await() inside synchronized in " + display(method.owner.name, m.name)
                    + " would release the monitor on another thread; move the await out of the"
                    + " block, or guard the state with " + ASYNC_LOCK,
                WeaveProblem.Kind.AWAIT_IN_SYNCHRONIZED));
      }
    }
    return problems;
  }

  /**
   * Problems of a method that is not {@code @Async}: any await in it. An await in a lambda is
   * {@link WeaveProblem.Kind#AWAIT_IN_LAMBDA} when the method that declares the lambda is one of
   * {@code asyncNames}, the class's {@code @Async} methods (by name: javac names a lambda after its
   * method, not its overload), and outside async code otherwise, as the processor says.
   */
  static List<WeaveProblem> checkPlain(ClassNode owner, MethodNode m, Set<String> asyncNames) {
    List<WeaveProblem> problems = new ArrayList<>();
    String host = lambdaHost(m.name);
    for (AbstractInsnNode site : Insns.awaits(m)) {
      String method = host != null ? host : m.name;
      String where = display(owner.name, method);
      boolean inAsyncLambda = host != null && asyncNames.contains(host);
      String message =
          inAsyncLambda
              ? "await() inside a lambda in " + where + " cannot suspend " + method + ": a lambda body"
                  + " is a separate method, not part of the state machine, and may run later or on"
                  + " another thread; move the await out of the lambda into " + where + ", or move"
                  + " the lambda's work into an @Async method and await the task it returns"
              : "await() in " + (host != null ? "a lambda in " : "") + where + ", which is not an"
                  + " @Async method, cannot suspend and would throw IllegalStateException at run"
                  + " time; " + (host != null ? "move the await into an @Async method" : "annotate "
                  + method + " with @Async") + ", or outside async code compose with"
                  + " thenCompose(...) or block with join()";
      WeaveProblem.Kind kind =
          inAsyncLambda ? WeaveProblem.Kind.AWAIT_IN_LAMBDA : WeaveProblem.Kind.AWAIT_OUTSIDE_ASYNC;
      problems.add(new WeaveProblem(owner.name, method, owner.sourceFile, Insns.lineOf(site), message, kind));
    }
    return problems;
  }

  /**
   * The source method that declares the lambda whose body javac compiled to {@code name} ({@code
   * lambda$checkout$0}, {@code lambda$checkout$1} for a lambda nested in another): {@code checkout};
   * {@code <init>} for a constructor's, {@code <clinit>} for a static initializer's; {@code null}
   * when {@code name} is not a lambda body's.
   */
  static String lambdaHost(String name) {
    int last = name.lastIndexOf('$');
    if (!name.startsWith("lambda$") || last <= "lambda$".length()) {
      return null;
    }
    String host = name.substring("lambda$".length(), last);
    return switch (host) {
      case "new" -> "<init>";
      case "static" -> "<clinit>";
      default -> host;
    };
  }

  /** {@code Orders.checkout}: the class's simple name (nested ones dotted) and the method. */
  private static String display(String internalName, String method) {
    return internalName.substring(internalName.lastIndexOf('/') + 1).replace('$', '.') + "." + method;
  }
}
