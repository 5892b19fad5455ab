package dev.weft.weaver;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Pass 9, entry points. The method as written becomes a stub that calls the state machine with a
 * null frame (keeping its name, descriptor, annotations and generic signature); a resume bridge
 * with the {@code Resumer} shape calls the state machine with default arguments and the frame.
 */
final class EntryPoints {
  private EntryPoints() {}

  static void writeStub(AsyncMethod method, List<LocalVariableNode> machineLocals, int line) {
    MethodNode stub = method.original;
    InsnList code = new InsnList();
    LabelNode start = new LabelNode();
    LabelNode end = new LabelNode();
    code.add(start);
    if (line > 0) {
      code.add(new LineNumberNode(line, start));
    }
    Insns.loadArguments(code, method.machineArguments(), 0);
    code.add(new InsnNode(Opcodes.ACONST_NULL));
    code.add(machineCall(method));
    String returned = Type.getReturnType(stub.desc).getInternalName();
    if (returned.equals("java/util/concurrent/CompletableFuture")) {
      code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, Names.COROUTINE, Names.TO_COMPLETABLE_FUTURE, Names.TO_COMPLETABLE_FUTURE_DESC, false));
    } else {
      code.add(new TypeInsnNode(Opcodes.CHECKCAST, returned));
    }
    code.add(new InsnNode(Opcodes.ARETURN));
    code.add(end);
    stub.instructions = code;
    stub.tryCatchBlocks = new ArrayList<>();
    stub.localVariables = parameterNames(machineLocals, method.frameSlot, start, end);
    stub.maxLocals = method.frameSlot;
    stub.maxStack = method.frameSlot + 1;
  }

  static MethodNode bridge(AsyncMethod method) {
    MethodNode bridge =
        new MethodNode(
            Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
            method.bridgeName(),
            Names.BRIDGE_DESC,
            null,
            null);
    int stack = 0;
    for (Type type : method.machineArguments()) {
      bridge.instructions.add(Insns.pushDefault(type));
      stack += type.getSize();
    }
    bridge.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
    bridge.instructions.add(machineCall(method));
    bridge.instructions.add(new InsnNode(Opcodes.POP));
    bridge.instructions.add(new InsnNode(Opcodes.RETURN));
    bridge.maxLocals = 1;
    bridge.maxStack = stack + 1;
    return bridge;
  }

  /**
   * The method that makes the {@code Resumer} calling the bridge: a {@code ConstantDynamic}
   * (class files of Java 11 and later), which also hands the runtime the method's debug metadata,
   * or an {@code invokedynamic} through {@code LambdaMetafactory} (no metadata), resolved once,
   * at the first suspension.
   */
  static MethodNode resumerFactory(AsyncMethod method) {
    MethodNode factory =
        new MethodNode(
            Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
            method.resumerName(),
            "()" + Names.RESUMER_DESC,
            null,
            null);
    Handle bridge =
        new Handle(
            Opcodes.H_INVOKESTATIC,
            method.owner.name,
            method.bridgeName(),
            Names.BRIDGE_DESC,
            method.ownerIsInterface());
    if ((method.owner.version & 0xFFFF) >= Opcodes.V11) {
      factory.instructions.add(
          new LdcInsnNode(
              new ConstantDynamic("resumer", Names.RESUMER_DESC, Names.RESUMER_BOOTSTRAP,
                  DebugMetadata.bootstrapArguments(method, bridge))));
    } else {
      Type resume = Type.getMethodType(Names.BRIDGE_DESC);
      factory.instructions.add(
          new InvokeDynamicInsnNode(
              "resume", "()" + Names.RESUMER_DESC, Names.LAMBDA_METAFACTORY, resume, bridge, resume));
    }
    factory.instructions.add(new InsnNode(Opcodes.ARETURN));
    factory.maxStack = 1;
    return factory;
  }

  private static MethodInsnNode machineCall(AsyncMethod method) {
    return new MethodInsnNode(
        Opcodes.INVOKESTATIC,
        method.owner.name,
        method.machineName,
        method.machineDescriptor(),
        method.ownerIsInterface());
  }

  /** Debug names for the stub's parameters, taken from the body's own table. */
  private static List<LocalVariableNode> parameterNames(
      List<LocalVariableNode> locals, int frameSlot, LabelNode start, LabelNode end) {
    List<LocalVariableNode> names = new ArrayList<>();
    if (locals == null) {
      return names;
    }
    boolean[] named = new boolean[frameSlot];
    for (LocalVariableNode local : locals) {
      if (local.index < frameSlot && !named[local.index]) {
        named[local.index] = true;
        names.add(new LocalVariableNode(local.name, local.desc, local.signature, start, end, local.index));
      }
    }
    return names;
  }
}
