package dev.weft.weaver;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Pass 5, rewrite await sites. Rule: each {@code await(stage)} call becomes a completion test with
 * a fast path that saves nothing; a slow path that hands the stack and the live locals to the
 * class's shared suspend helper for that shape ({@link SharedHelpers}: it allocates the frame at
 * the first suspension, saves, suspends) and returns what it returns; and a resume block that
 * restores them from the frame, which the resume dispatch reached once for all sites (see
 * STATE_MACHINE.md). A site whose saved values would not fit a helper's descriptor keeps the same
 * slow path inline. Precondition: {@link SuspensionAnalysis} typed every site.
 */
final class SuspensionWriter {
  /** Entry of the resume block of one site, and the end of its restore code. */
  record Resume(int label, LabelNode entry, LabelNode restored) {}

  /**
   * What the pass made: the resume blocks, and the code the dispatch runs before it jumps to one,
   * which reads the frame's field class or arrays into the temporaries every resume block reads.
   */
  record Rewritten(List<Resume> resumes, InsnList reachFrame) {}

  private final AsyncMethod method;
  private final MethodNode machine;
  private final FrameLayout layout;
  private final SharedHelpers helpers;
  private final int refsTemp;
  private final int primsTemp;

  private SuspensionWriter(AsyncMethod method, FrameLayout layout, SharedHelpers helpers) {
    this.method = method;
    this.machine = method.machine;
    this.layout = layout;
    this.helpers = helpers;
    this.refsTemp = machine.maxLocals++;
    this.primsTemp = machine.maxLocals++;
  }

  static Rewritten apply(AsyncMethod method, List<SuspensionPoint> points, SharedHelpers helpers) {
    SuspensionWriter writer = new SuspensionWriter(method, FrameLayout.of(points), helpers);
    List<Resume> resumes = new ArrayList<>();
    for (SuspensionPoint point : points) {
      resumes.add(writer.rewrite(point));
    }
    InsnList reach = new InsnList();
    writer.layout.reach(method.frameSlot, writer.refsTemp, writer.primsTemp,
        writer.layout.refSlots() > 0, writer.layout.primSlots() > 0, reach);
    return new Rewritten(resumes, reach);
  }

  private Resume rewrite(SuspensionPoint point) {
    LabelNode slow = new LabelNode();
    LabelNode resume = new LabelNode();
    LabelNode restored = new LabelNode();
    LabelNode cont = new LabelNode();
    InsnList code = new InsnList();
    code.add(new InsnNode(Opcodes.DUP));
    code.add(coroutineCall(Opcodes.INVOKESTATIC, Names.IS_DONE, Names.IS_DONE_DESC));
    code.add(new JumpInsnNode(Opcodes.IFEQ, slow));
    code.add(coroutineCall(Opcodes.INVOKESTATIC, Names.GET_NOW, Names.GET_NOW_DESC));
    code.add(new JumpInsnNode(Opcodes.GOTO, cont));
    code.add(slow);
    if (SharedHelpers.savedSlots(point) <= SharedHelpers.MAX_SAVED_SLOTS) {
      suspendThroughHelper(point, code);
    } else {
      suspendInline(point, code);
    }
    code.add(resume);
    restore(point, code);
    code.add(restored);
    code.add(coroutineCall(Opcodes.INVOKEVIRTUAL, Names.RESUME_VALUE, Names.RESUME_VALUE_DESC));
    code.add(cont);
    machine.instructions.insert(point.site(), code);
    machine.instructions.remove(point.site());
    return new Resume(point.label(), resume, restored);
  }

  /** Slow path: stack: [..., stage]. Pushes the live locals and calls the shared helper. */
  private void suspendThroughHelper(SuspensionPoint point, InsnList code) {
    for (SuspensionPoint.Saved local : point.locals()) {
      if (local.kind() != SuspensionPoint.Kind.NULL) {
        code.add(new VarInsnNode(local.type().getOpcode(Opcodes.ILOAD), local.slot()));
      }
    }
    code.add(resumer());
    code.add(new VarInsnNode(Opcodes.ALOAD, method.frameSlot));
    code.add(Insns.pushInt(point.label()));
    code.add(helpers.suspend(method, layout, point));
    code.add(new InsnNode(Opcodes.ARETURN));
  }

  /** Slow path: stack: [..., stage]. Saves everything, suspends, returns; all inline. */
  private void suspendInline(SuspensionPoint point, InsnList code) {
    int stageTemp = machine.maxLocals++;
    code.add(new VarInsnNode(Opcodes.ASTORE, stageTemp));
    List<SuspensionPoint.Saved> stack = point.stack();
    int[] stackTemps = new int[stack.size()];
    for (int i = stack.size() - 1; i >= 0; i--) {
      SuspensionPoint.Saved value = stack.get(i);
      if (value.kind() == SuspensionPoint.Kind.NULL) {
        code.add(new InsnNode(Opcodes.POP));
        continue;
      }
      stackTemps[i] = machine.maxLocals;
      machine.maxLocals += value.type().getSize();
      code.add(new VarInsnNode(value.type().getOpcode(Opcodes.ISTORE), stackTemps[i]));
    }
    LabelNode haveFrame = new LabelNode();
    code.add(new VarInsnNode(Opcodes.ALOAD, method.frameSlot));
    code.add(new JumpInsnNode(Opcodes.IFNONNULL, haveFrame));
    code.add(resumer());
    layout.allocate(code);
    code.add(new VarInsnNode(Opcodes.ASTORE, method.frameSlot));
    code.add(haveFrame);
    layout.reach(method.frameSlot, refsTemp, primsTemp, point.refCount() > 0, point.primCount() > 0, code);
    for (SuspensionPoint.Saved local : point.locals()) {
      layout.store(local, local.slot(), refsTemp, primsTemp, code);
    }
    for (int i = 0; i < stack.size(); i++) {
      layout.store(stack.get(i), stackTemps[i], refsTemp, primsTemp, code);
    }
    LabelNode notFirst = new LabelNode();
    code.add(new VarInsnNode(Opcodes.ALOAD, method.frameSlot));
    code.add(new VarInsnNode(Opcodes.ALOAD, stageTemp));
    code.add(Insns.pushInt(point.label()));
    code.add(coroutineCall(Opcodes.INVOKEVIRTUAL, Names.SUSPEND, Names.SUSPEND_DESC));
    code.add(new JumpInsnNode(Opcodes.IFEQ, notFirst));
    code.add(new VarInsnNode(Opcodes.ALOAD, method.frameSlot));
    code.add(coroutineCall(Opcodes.INVOKESTATIC, Names.ENTRY_RESULT, Names.ENTRY_RESULT_DESC));
    code.add(new InsnNode(Opcodes.ARETURN));
    code.add(notFirst);
    code.add(new InsnNode(Opcodes.ACONST_NULL));
    code.add(new InsnNode(Opcodes.ARETURN));
  }

  /**
   * Resume block: entered from the dispatch with the arguments, the frame and the temporaries that
   * reach its fields or arrays set. Leaves the frame on the stack, its saved references cleared
   * (the frame never keeps an object the body has dropped), for {@code resumeValue}.
   */
  private void restore(SuspensionPoint point, InsnList code) {
    for (SuspensionPoint.Saved local : point.locals()) {
      layout.load(local, refsTemp, primsTemp, code);
      code.add(new VarInsnNode(storeType(local).getOpcode(Opcodes.ISTORE), local.slot()));
    }
    for (SuspensionPoint.Saved value : point.stack()) {
      layout.load(value, refsTemp, primsTemp, code);
    }
    code.add(new VarInsnNode(Opcodes.ALOAD, method.frameSlot));
    if (point.refCount() > 0) {
      code.add(helpers.clear(method, layout, point.refCount()));
    }
  }

  private static Type storeType(SuspensionPoint.Saved value) {
    return value.kind() == SuspensionPoint.Kind.NULL ? Type.getObjectType("java/lang/Object") : value.type();
  }

  /**
   * Pushes the {@code Resumer} that calls this method's resume bridge, through a method of its own:
   * the JIT does not compile a method holding an unresolved dynamic constant, and the constant is
   * resolved only at the first suspension.
   */
  private AbstractInsnNode resumer() {
    return new MethodInsnNode(
        Opcodes.INVOKESTATIC,
        method.owner.name,
        method.resumerName(),
        "()" + Names.RESUMER_DESC,
        method.ownerIsInterface());
  }

  private static MethodInsnNode coroutineCall(int opcode, String name, String desc) {
    return new MethodInsnNode(opcode, Names.COROUTINE, name, desc, false);
  }
}
