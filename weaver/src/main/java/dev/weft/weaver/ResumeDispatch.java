package dev.weft.weaver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
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

  /** Up to this many labels, the dispatch compares the label with each; above, a {@code tableswitch}. */
  static final int MAX_COMPARED_LABELS = 4;

  static void apply(AsyncMethod method, SuspensionWriter.Rewritten rewritten, SharedHelpers helpers) {
    List<SuspensionWriter.Resume> resumes = rewritten.resumes();
    if (resumes.isEmpty()) {
      return;
    }
    splitTryRanges(method.machine, resumes);
    method.machine.instructions.insert(dispatch(method, resumes, rewritten.reachFrame(), helpers));
  }

  /**
   * {@code if (f != null) { reach the frame's fields or arrays; jump to the block of f.label() }}.
   * The class's shared label helper reads the label and throws when it is not one of the method's
   * (a corrupt frame); then one comparison per label up to {@link #MAX_COMPARED_LABELS} labels,
   * the last label taken without one (smaller than a {@code tableswitch} there), else a {@code
   * tableswitch} whose default is the last label.
   */
  private static InsnList dispatch(AsyncMethod method, List<SuspensionWriter.Resume> resumes,
      InsnList reachFrame, SharedHelpers helpers) {
    InsnList code = new InsnList();
    LabelNode start = new LabelNode();
    int n = resumes.size();
    LabelNode[] targets = new LabelNode[n];
    for (int i = 0; i < n; i++) {
      targets[i] = resumes.get(i).entry();
    }
    code.add(new VarInsnNode(Opcodes.ALOAD, method.frameSlot));
    code.add(new JumpInsnNode(Opcodes.IFNULL, start));
    code.add(reachFrame);
    code.add(new VarInsnNode(Opcodes.ALOAD, method.frameSlot));
    code.add(Insns.pushInt(n));
    code.add(helpers.label(method));
    if (n == 1) {
      code.add(new InsnNode(Opcodes.POP));
    } else if (n <= MAX_COMPARED_LABELS) {
      int label = method.machine.maxLocals++;
      code.add(new VarInsnNode(Opcodes.ISTORE, label));
      for (int i = 0; i < n - 1; i++) {
        code.add(new VarInsnNode(Opcodes.ILOAD, label));
        code.add(Insns.pushInt(i + 1));
        code.add(new JumpInsnNode(Opcodes.IF_ICMPEQ, targets[i]));
      }
    } else {
      code.add(new TableSwitchInsnNode(1, n - 1, targets[n - 1], Arrays.copyOf(targets, n - 1)));
    }
    code.add(new JumpInsnNode(Opcodes.GOTO, targets[n - 1]));
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
