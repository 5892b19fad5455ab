package dev.weft.weaver;

import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;

/**
 * Every name Weft's tools recognize in user code and every runtime member woven code calls, in one
 * place: the weaver, the agent, the Maven plugin and the processor (through {@link #binaryName})
 * read them here. The runtime members are ABI: class files woven today must link against
 * tomorrow's runtime, so a name or descriptor here never changes once released; new entry points
 * are added beside the old ones.
 */
public final class Names {
  private Names() {}

  /** The package of the runtime, as a prefix of internal names. */
  public static final String RUNTIME_PACKAGE = "dev/weft/";

  /**
   * Subpackages of {@code dev.weft} that are Weft's own runtime, annotations and tools; with the
   * runtime's root package they are never user code. {@code dev.weft.samples} is user code.
   */
  private static final java.util.Set<String> OWN_SUBPACKAGES = java.util.Set.of(
      "internal", "net", "sync", "annotations", "weaver", "agent", "processor", "maven");

  /** The method annotation that marks a method to weave. */
  public static final String ASYNC = "dev/weft/annotations/Async";
  static final String ASYNC_DESC = "L" + ASYNC + ";";
  static final String WOVEN_DESC = "Ldev/weft/annotations/Woven;";

  /** The class whose static {@code await} methods suspend an {@code @Async} method. */
  public static final String TASK = "dev/weft/Task";
  /** A public subclass of {@link #TASK}: {@code Promise.await(stage)} is an await too. */
  public static final String PROMISE = "dev/weft/Promise";
  /** The runtime's base of coroutines, a public subclass of {@link #TASK} too. */
  static final String CONTINUATION = "dev/weft/Continuation";
  /** The name of every {@code await} overload. */
  public static final String AWAIT = "await";
  static final String AWAIT_DESC = "(Ljava/util/concurrent/CompletionStage;)Ljava/lang/Object;";
  /** {@code await(stage, X.class)}: one checked exception type, dropped by weaving. */
  static final String AWAIT_CHECKED_DESC =
      "(Ljava/util/concurrent/CompletionStage;Ljava/lang/Class;)Ljava/lang/Object;";
  /** {@code await(stage, X.class, Y.class)}: two checked exception types, dropped by weaving. */
  static final String AWAIT_CHECKED2_DESC =
      "(Ljava/util/concurrent/CompletionStage;Ljava/lang/Class;Ljava/lang/Class;)Ljava/lang/Object;";

  static final String TASK_DESC = "Ldev/weft/Task;";
  static final String COMPLETABLE_FUTURE_DESC = "Ljava/util/concurrent/CompletableFuture;";
  static final String COMPLETION_STAGE_DESC = "Ljava/util/concurrent/CompletionStage;";

  /** The package of the woven-code ABI (formats 3 and 4), as a prefix of internal names. */
  static final String ABI_PACKAGE = "dev/weft/internal/";
  static final String COROUTINE = ABI_PACKAGE + "Coroutine";
  static final String COROUTINE_DESC = "L" + COROUTINE + ";";
  static final String RESUMER = COROUTINE + "$Resumer";
  static final String RESUMER_DESC = "L" + RESUMER + ";";

  static final String IS_DONE = "isDone";
  static final String IS_DONE_DESC = "(Ljava/util/concurrent/CompletionStage;)Z";
  static final String GET_NOW = "getNow";
  static final String GET_NOW_DESC = "(Ljava/util/concurrent/CompletionStage;)Ljava/lang/Object;";
  static final String NEW_FRAME = "newFrame";
  static final String NEW_FRAME_DESC = "(" + RESUMER_DESC + "II)" + COROUTINE_DESC;
  static final String NEW_FIELD_FRAME = "newFieldFrame";
  /** Prefix of the frame classes with fields; {@code R<refs>P<prims>} completes the name. */
  static final String FIELD_FRAME_PREFIX = ABI_PACKAGE + "Frames$";
  static final int FIELD_FRAME_MAX_REFS = 4;
  static final int FIELD_FRAME_MAX_PRIMS = 2;
  /** The frame class with {@link #REFS} and {@link #PRIMS} arrays that {@code newFrame} makes. */
  static final String ARRAY_FRAME = ABI_PACKAGE + "Frames$Arrays";
  static final String REFS = "refs";
  static final String REFS_DESC = "[Ljava/lang/Object;";
  static final String PRIMS = "prims";
  static final String PRIMS_DESC = "[J";
  static final String LABEL = "label";
  static final String LABEL_DESC = "()I";
  static final String SUSPEND = "suspend";
  static final String SUSPEND_DESC = "(Ljava/util/concurrent/CompletionStage;I)Z";
  static final String ENTRY_RESULT = "entryResult";
  static final String ENTRY_RESULT_DESC = "(" + COROUTINE_DESC + ")Ljava/lang/Object;";
  static final String RESUME_VALUE = "resumeValue";
  static final String RESUME_VALUE_DESC = "()Ljava/lang/Object;";
  static final String COMPLETE = "complete";
  static final String COMPLETE_DESC = "(Ljava/lang/Object;" + COROUTINE_DESC + ")Ljava/lang/Object;";
  static final String FAIL = "fail";
  static final String FAIL_DESC = "(Ljava/lang/Throwable;" + COROUTINE_DESC + ")Ljava/lang/Object;";
  static final String TO_COMPLETABLE_FUTURE = "toCompletableFuture";
  static final String TO_COMPLETABLE_FUTURE_DESC =
      "(Ljava/lang/Object;)Ljava/util/concurrent/CompletableFuture;";

  /** Descriptor of the resume bridge and of {@code Resumer.resume}. */
  static final String BRIDGE_DESC = "(" + COROUTINE_DESC + ")V";

  /**
   * Bootstrap of the resumer's {@code ConstantDynamic} (format 4 on): the bridge, then the format
   * and the debug metadata ({@link DebugMetadata}) as static arguments.
   */
  static final Handle RESUMER_BOOTSTRAP =
      new Handle(
          Opcodes.H_INVOKESTATIC,
          COROUTINE,
          "resumer",
          "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;"
              + "Ljava/lang/invoke/MethodHandle;I[Ljava/lang/Object;)"
              + RESUMER_DESC,
          false);

  static final Handle LAMBDA_METAFACTORY =
      new Handle(
          Opcodes.H_INVOKESTATIC,
          "java/lang/invoke/LambdaMetafactory",
          "metafactory",
          "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;"
              + "Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodHandle;"
              + "Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/CallSite;",
          false);

  /**
   * Whether {@code owner} is a class through which the static {@code Task.await} can be called:
   * {@code Task} or one of the runtime's public subclasses. The set is closed and known without a
   * hierarchy lookup: {@code Task}'s constructor is for the runtime's own task types, and only its
   * public ones can be named as a call's owner.
   */
  static boolean isAwaitOwner(String owner) {
    return owner.equals(TASK)
        || owner.equals(PROMISE)
        || owner.equals(CONTINUATION)
        || owner.equals(COROUTINE)
        || owner.startsWith(FIELD_FRAME_PREFIX);
  }

  /**
   * Whether {@code insn} is a call of a {@code Task.await} overload (the stage alone, or with one or
   * two checked exception types), reached through {@code Task} or a subclass ({@code
   * Promise.await(p)}).
   */
  static boolean isAwait(org.objectweb.asm.tree.AbstractInsnNode insn) {
    if (insn.getOpcode() != Opcodes.INVOKESTATIC) {
      return false;
    }
    org.objectweb.asm.tree.MethodInsnNode call = (org.objectweb.asm.tree.MethodInsnNode) insn;
    return isAwaitOwner(call.owner)
        && call.name.equals(AWAIT)
        && checkedTypes(call.desc) >= 0;
  }

  /**
   * How many {@code Class} arguments (checked exception types) an await of descriptor {@code desc}
   * takes after its stage, or {@code -1} when {@code desc} is no await's.
   */
  static int checkedTypes(String desc) {
    return switch (desc) {
      case AWAIT_DESC -> 0;
      case AWAIT_CHECKED_DESC -> 1;
      case AWAIT_CHECKED2_DESC -> 2;
      default -> -1;
    };
  }

  /** {@code dev.weft.Task} for {@code dev/weft/Task}: the name as source code and javac spell it. */
  public static String binaryName(String internalName) {
    return internalName.replace('/', '.');
  }

  /** Whether {@code internalName} is a class of the runtime or of Weft's own tools, never user code. */
  public static boolean isWeftItself(String internalName) {
    if (!internalName.startsWith(RUNTIME_PACKAGE)) {
      return false;
    }
    int slash = internalName.indexOf('/', RUNTIME_PACKAGE.length());
    return slash < 0 || OWN_SUBPACKAGES.contains(internalName.substring(RUNTIME_PACKAGE.length(), slash));
  }
}
