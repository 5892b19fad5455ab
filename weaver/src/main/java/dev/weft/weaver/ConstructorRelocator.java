package dev.weft.weaver;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * Pass 2, move constructions across awaits. Rule: when an await lies between {@code NEW T; DUP}
 * and the matching {@code T.<init>} (as in {@code new Foo(await(a), await(b))}), the uninitialized
 * reference cannot be saved in a frame, so the {@code NEW}/{@code DUP} pair is removed and
 * re-emitted right before the constructor call, after the arguments are stored in fresh locals.
 * Precondition: javac's shape, {@code NEW} immediately followed by {@code DUP}; anything else with
 * an await inside is reported.
 */
final class ConstructorRelocator {
  private ConstructorRelocator() {}

  private record Construction(TypeInsnNode alloc, AbstractInsnNode dup, MethodInsnNode init) {}

  static void apply(AsyncMethod method, List<WeaveProblem> problems) throws AnalyzerException {
    MethodNode m = method.original;
    List<AbstractInsnNode> sites = Insns.awaits(m);
    if (sites.isEmpty() || !newAwaitInitInOrder(m)) {
      return;
    }
    Frame<SourceValue>[] frames = new Analyzer<>(new SourceInterpreter()).analyze(method.owner.name, m);
    List<Construction> moves = new ArrayList<>();
    for (AbstractInsnNode insn : m.instructions) {
      if (insn instanceof MethodInsnNode call
          && call.getOpcode() == Opcodes.INVOKESPECIAL
          && call.name.equals("<init>")) {
        Construction c = match(m, frames, call);
        if (c != null && spansAwait(m, c, sites)) {
          if (c.dup == null) {
            problems.add(
                method.problem(
                    c.alloc,
                    "await while an uninitialized " + c.alloc.desc.replace('/', '.')
                        + " is on the stack in a shape javac does not produce (NEW without DUP)"));
          } else {
            moves.add(c);
          }
        }
      }
    }
    for (Construction c : moves) {
      relocate(m, c);
    }
  }

  /**
   * Whether a {@code NEW}, then an await, then a constructor call appear in that instruction order:
   * without such a triple no construction can span an await, and the source analysis is skipped.
   */
  private static boolean newAwaitInitInOrder(MethodNode m) {
    boolean sawNew = false;
    boolean sawAwaitAfterNew = false;
    for (AbstractInsnNode insn : m.instructions) {
      if (insn.getOpcode() == Opcodes.NEW) {
        sawNew = true;
      } else if (sawNew && Names.isAwait(insn)) {
        sawAwaitAfterNew = true;
      } else if (sawAwaitAfterNew
          && insn instanceof MethodInsnNode call
          && call.getOpcode() == Opcodes.INVOKESPECIAL
          && call.name.equals("<init>")) {
        return true;
      }
    }
    return false;
  }

  private static Construction match(MethodNode m, Frame<SourceValue>[] frames, MethodInsnNode init) {
    Frame<SourceValue> frame = frames[m.instructions.indexOf(init)];
    if (frame == null) {
      return null;
    }
    int receiver = frame.getStackSize() - Type.getArgumentTypes(init.desc).length - 1;
    SourceValue value = frame.getStack(receiver);
    if (value.insns.size() != 1) {
      return null;
    }
    AbstractInsnNode source = value.insns.iterator().next();
    if (source.getOpcode() == Opcodes.NEW) {
      return new Construction((TypeInsnNode) source, null, init);
    }
    if (source.getOpcode() == Opcodes.DUP && source.getPrevious() != null
        && source.getPrevious().getOpcode() == Opcodes.NEW) {
      return new Construction((TypeInsnNode) source.getPrevious(), source, init);
    }
    return null;
  }

  private static boolean spansAwait(MethodNode m, Construction c, List<AbstractInsnNode> sites) {
    int from = m.instructions.indexOf(c.alloc);
    int to = m.instructions.indexOf(c.init);
    for (AbstractInsnNode site : sites) {
      int at = m.instructions.indexOf(site);
      if (at > from && at < to) {
        return true;
      }
    }
    return false;
  }

  private static void relocate(MethodNode m, Construction c) {
    Type[] args = Type.getArgumentTypes(c.init.desc);
    int[] slots = new int[args.length];
    for (int i = 0; i < args.length; i++) {
      slots[i] = m.maxLocals;
      m.maxLocals += args[i].getSize();
    }
    InsnList before = new InsnList();
    for (int i = args.length - 1; i >= 0; i--) {
      before.add(new VarInsnNode(args[i].getOpcode(Opcodes.ISTORE), slots[i]));
    }
    before.add(new TypeInsnNode(Opcodes.NEW, c.alloc.desc));
    before.add(new InsnNode(Opcodes.DUP));
    for (int i = 0; i < args.length; i++) {
      before.add(new VarInsnNode(args[i].getOpcode(Opcodes.ILOAD), slots[i]));
    }
    m.instructions.insertBefore(c.init, before);
    m.instructions.remove(c.dup);
    m.instructions.remove(c.alloc);
    m.maxStack += 2;
  }
}
