package dev.weft.weaver;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Pass 8, the body's catch-all. Rule: one handler around the whole state machine, last in the
 * exception table so that the body's own handlers (and the ranges {@link ResumeDispatch} split)
 * come first, hands anything thrown to {@code Coroutine.fail}, which fails the task. Precondition:
 * runs after every pass that adds code or handlers to the body.
 */
final class CatchAll {
  private CatchAll() {}

  static void apply(AsyncMethod method) {
    MethodNode machine = method.machine;
    LabelNode start = new LabelNode();
    LabelNode end = new LabelNode();
    LabelNode handler = new LabelNode();
    machine.instructions.insert(start);
    InsnList tail = new InsnList();
    tail.add(end);
    tail.add(handler);
    tail.add(new VarInsnNode(Opcodes.ALOAD, method.frameSlot));
    tail.add(CompletionRewriter.call(Names.FAIL, Names.FAIL_DESC));
    tail.add(new InsnNode(Opcodes.ARETURN));
    machine.instructions.add(tail);
    machine.tryCatchBlocks.add(new TryCatchBlockNode(start, end, handler, null));
  }
}
