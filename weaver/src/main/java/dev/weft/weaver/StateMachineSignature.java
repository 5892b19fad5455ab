package dev.weft.weaver;

import java.util.ArrayList;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Pass 3, make the state machine: moves the body of the {@code @Async} method into a new private
 * static synthetic method, named by {@link GeneratedNames}, that takes the receiver (for instance
 * methods), the arguments and the frame. Slots before the frame parameter keep their numbers; every later slot
 * moves up by one, the local variable table with it. {@code await(stage, X.class)} and {@code
 * await(stage, X.class, Y.class)} become {@code await(stage)} after popping the classes. Stack map frames are dropped: they are computed
 * again when the method is written.
 */
final class StateMachineSignature {
  private StateMachineSignature() {}

  static void apply(AsyncMethod method) {
    MethodNode original = method.original;
    MethodNode machine =
        new MethodNode(
            Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
            method.machineName,
            method.machineDescriptor(),
            null,
            null);
    machine.instructions = original.instructions;
    machine.tryCatchBlocks = original.tryCatchBlocks;
    machine.localVariables = original.localVariables != null ? original.localVariables : new ArrayList<>();
    int frameSlot = 0;
    for (Type type : method.machineArguments()) {
      frameSlot += type.getSize();
    }
    method.frameSlot = frameSlot;
    machine.maxLocals = Math.max(original.maxLocals, frameSlot) + 1;
    machine.maxStack = original.maxStack + 1;
    shiftLocals(machine, frameSlot);
    simplifyCheckedAwaits(machine);
    method.machine = machine;

    original.instructions = new org.objectweb.asm.tree.InsnList();
    original.tryCatchBlocks = new ArrayList<>();
    original.localVariables = null;
  }

  private static void shiftLocals(MethodNode machine, int frameSlot) {
    for (AbstractInsnNode insn : machine.instructions.toArray()) {
      if (insn instanceof VarInsnNode var && var.var >= frameSlot) {
        var.var++;
      } else if (insn instanceof IincInsnNode inc && inc.var >= frameSlot) {
        inc.var++;
      } else if (insn instanceof FrameNode) {
        machine.instructions.remove(insn);
      }
    }
    for (LocalVariableNode local : machine.localVariables) {
      if (local.index >= frameSlot) {
        local.index++;
      }
    }
  }

  private static void simplifyCheckedAwaits(MethodNode machine) {
    for (AbstractInsnNode insn : machine.instructions.toArray()) {
      if (Names.isAwait(insn)) {
        MethodInsnNode call = (MethodInsnNode) insn;
        for (int i = Names.checkedTypes(call.desc); i > 0; i--) {
          machine.instructions.insertBefore(call, new InsnNode(Opcodes.POP));
        }
        call.desc = Names.AWAIT_DESC;
      }
    }
  }
}
