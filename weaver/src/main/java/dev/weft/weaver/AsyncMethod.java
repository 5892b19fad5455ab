package dev.weft.weaver;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * One {@code @Async} method being woven: the class it belongs to, the method as written (which
 * becomes the stub), and the state machine the passes build from its body.
 */
final class AsyncMethod {
  final ClassNode owner;
  final MethodNode original;
  /** Position of the method among the class's {@code @Async} methods; names its resume bridge. */
  final int index;
  /** Name of the state machine, unique in the class; set by {@link GeneratedNames}. */
  String machineName;
  /** The state machine; null until {@link StateMachineSignature} creates it. */
  MethodNode machine;
  /** Slot of the frame parameter in the state machine. */
  int frameSlot;
  /** The source line of each suspension label, label 1 first; set by {@link DebugMetadata}. */
  int[] awaitLines = new int[0];

  AsyncMethod(ClassNode owner, MethodNode original, int index) {
    this.owner = owner;
    this.original = original;
    this.index = index;
  }

  boolean isStatic() {
    return (original.access & Opcodes.ACC_STATIC) != 0;
  }

  boolean ownerIsInterface() {
    return (owner.access & Opcodes.ACC_INTERFACE) != 0;
  }

  /** Argument types of the state machine, the receiver first for instance methods. */
  Type[] machineArguments() {
    Type[] declared = Type.getArgumentTypes(original.desc);
    if (isStatic()) {
      return declared;
    }
    Type[] all = new Type[declared.length + 1];
    all[0] = Type.getObjectType(owner.name);
    System.arraycopy(declared, 0, all, 1, declared.length);
    return all;
  }

  String machineDescriptor() {
    StringBuilder desc = new StringBuilder("(");
    for (Type type : machineArguments()) {
      desc.append(type.getDescriptor());
    }
    return desc.append(Names.COROUTINE_DESC).append(")Ljava/lang/Object;").toString();
  }

  String bridgeName() {
    return original.name + "$weft$" + index;
  }

  String resumerName() {
    return bridgeName() + "$resumer";
  }

  WeaveProblem problem(AbstractInsnNode at, String message) {
    return problem(at, message, WeaveProblem.Kind.WEAVE_FAILED);
  }

  WeaveProblem problem(AbstractInsnNode at, String message, WeaveProblem.Kind kind) {
    return new WeaveProblem(owner.name, original.name, owner.sourceFile,
        at != null ? Insns.lineOf(at) : Insns.firstLine(original), message, kind);
  }
}
