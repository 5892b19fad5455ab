package dev.weft.weaver;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Pass 6, build the resume dispatch and split try/catch ranges at suspension points. Rules: a
 * state machine entered with a frame jumps straight to the resume block of the frame's label; and
 * no try range covers a restore block, whose locals are only partly set, so that every handler's
 * frame stays the one javac planned. The call that delivers the awaited result, which may throw,
 * is still covered.
 */
final class ResumeDispatch {
  private ResumeDispatch() {}

  static void apply(AsyncMethod method, SuspensionWriter.Rewritten rewritten) {
    List<SuspensionWriter.Resume> resumes = rewritten.resumes();
    if (resumes.isEmpty()) {
      return;
    }
    splitTryRanges(method.machine, resumes);
    method.machine.instructions.insert(dispatch(method, resumes, rewritten.reachFrame()));
  }

  /**
   * {@code if (f != null) { reach the frame's fields or arrays; jump to the block of f.label() }}: a
   * {@code tableswitch}, or one comparison when the method has a single label. Any other label is
   * corrupt and throws.
   */
  private static InsnList dispatch(
      AsyncMethod method, List<SuspensionWriter.Resume> resumes, InsnList reachFrame) {
    InsnList code = new InsnList();
    LabelNode start = new LabelNode();
    LabelNode corrupt = new LabelNode();
    LabelNode[] targets = new LabelNode[resumes.size()];
    for (int i = 0; i < targets.length; i++) {
      targets[i] = resumes.get(i).entry();
    }
    code.add(new VarInsnNode(Opcodes.ALOAD, method.frameSlot));
    code.add(new JumpInsnNode(Opcodes.IFNULL, start));
    code.add(reachFrame);
    code.add(new VarInsnNode(Opcodes.ALOAD, method.frameSlot));
    code.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, Names.COROUTINE, Names.LABEL, Names.LABEL_DESC, false));
    if (targets.length == 1) {
      code.add(new InsnNode(Opcodes.ICONST_1));
      code.add(new JumpInsnNode(Opcodes.IF_ICMPEQ, targets[0]));
    } else {
      code.add(new TableSwitchInsnNode(1, targets.length, corrupt, targets));
    }
    code.add(corrupt);
    code.add(new TypeInsnNode(Opcodes.NEW, "java/lang/IllegalStateException"));
    code.add(new InsnNode(Opcodes.DUP));
    code.add(new LdcInsnNode("corrupt resume label in " + method.owner.name.replace('/', '.') + "." + method.original.name));
    code.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, "java/lang/IllegalStateException", "<init>", "(Ljava/lang/String;)V", false));
    code.add(new InsnNode(Opcodes.ATHROW));
    code.add(start);
    return code;
  }

  private static void splitTryRanges(MethodNode machine, List<SuspensionWriter.Resume> resumes) {
    List<TryCatchBlockNode> blocks = machine.tryCatchBlocks;
    for (SuspensionWriter.Resume resume : resumes) {
      int from = machine.instructions.indexOf(resume.entry());
      List<TryCatchBlockNode> split = new ArrayList<>();
      for (TryCatchBlockNode block : blocks) {
        int start = machine.instructions.indexOf(block.start);
        int end = machine.instructions.indexOf(block.end);
        if (start < from && from < end) {
          addIfNotEmpty(split, new TryCatchBlockNode(block.start, resume.entry(), block.handler, block.type), block);
          addIfNotEmpty(split, new TryCatchBlockNode(resume.restored(), block.end, block.handler, block.type), block);
        } else {
          split.add(block);
        }
      }
      blocks = split;
    }
    machine.tryCatchBlocks = blocks;
  }

  private static void addIfNotEmpty(List<TryCatchBlockNode> out, TryCatchBlockNode part, TryCatchBlockNode from) {
    if (Insns.hasCode(part.start, part.end)) {
      part.visibleTypeAnnotations = from.visibleTypeAnnotations;
      part.invisibleTypeAnnotations = from.invisibleTypeAnnotations;
      out.add(part);
    }
  }
}
