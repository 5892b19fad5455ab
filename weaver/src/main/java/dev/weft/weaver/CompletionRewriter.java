package dev.weft.weaver;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Pass 7, route completions through the frame. Rules: every {@code areturn} of the body hands the
 * returned stage to {@code Coroutine.complete}, which returns it as is when the invocation never
 * suspended and otherwise completes the frame when it completes; and a catch-all handler, last in
 * the exception table so the body's own handlers come first, turns anything thrown into a failed
 * task. Precondition: runs before {@link SuspensionWriter} adds its own returns.
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

  /** Adds the catch-all handler around the whole method, after every other pass. */
  static void addCatchAll(AsyncMethod method) {
    MethodNode machine = method.machine;
    LabelNode start = new LabelNode();
    LabelNode end = new LabelNode();
    LabelNode handler = new LabelNode();
    machine.instructions.insert(start);
    InsnList tail = new InsnList();
    tail.add(end);
    tail.add(handler);
    tail.add(new VarInsnNode(Opcodes.ALOAD, method.frameSlot));
    tail.add(call(Names.FAIL, Names.FAIL_DESC));
    tail.add(new InsnNode(Opcodes.ARETURN));
    machine.instructions.add(tail);
    machine.tryCatchBlocks.add(new TryCatchBlockNode(start, end, handler, null));
  }

  private static MethodInsnNode call(String name, String desc) {
    return new MethodInsnNode(Opcodes.INVOKESTATIC, Names.COROUTINE, name, desc, false);
  }
}
