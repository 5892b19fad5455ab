package dev.weft.weaver;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Pass 5, route returns through the frame. Rule: every {@code areturn} of the body hands the
 * returned stage to {@code Coroutine.complete}, which returns it as is when the invocation never
 * suspended and otherwise completes the frame when it completes. Precondition: runs before {@link
 * SuspensionWriter} adds its own returns. What the body throws is {@link CatchAll}'s.
 */
final class CompletionRewriter {
  private CompletionRewriter() {}

  static void apply(AsyncMethod method) {
    MethodNode machine = method.machine;
    for (AbstractInsnNode insn : machine.instructions.toArray()) {
      if (insn.getOpcode() == Opcodes.ARETURN) {
        InsnList complete = new InsnList();
        complete.add(new VarInsnNode(Opcodes.ALOAD, method.frameSlot));
        complete.add(call(Names.COMPLETE, Names.COMPLETE_DESC));
        machine.instructions.insertBefore(insn, complete);
      }
    }
  }

  static MethodInsnNode call(String name, String desc) {
    return new MethodInsnNode(Opcodes.INVOKESTATIC, Names.COROUTINE, name, desc, false);
  }
}
