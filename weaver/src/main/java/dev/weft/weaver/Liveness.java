package dev.weft.weaver;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Interpreter;
import org.objectweb.asm.tree.analysis.Value;

/**
 * Which local slots are live (read again before being written) before each instruction, by a
 * backward dataflow over the control-flow edges that a forward {@link Analyzer} run records. An
 * exception edge makes everything live at the handler live before every instruction it covers.
 * Only live locals are saved at a suspension point, so a frame never keeps a dead object reachable.
 */
final class Liveness<V extends Value> extends Analyzer<V> {
  private final List<List<Integer>> successors = new ArrayList<>();
  private final List<List<Integer>> handlers = new ArrayList<>();
  private BitSet[] liveIn;

  Liveness(Interpreter<V> interpreter) {
    super(interpreter);
  }

  @Override
  public Frame<V>[] analyze(String owner, MethodNode method) throws AnalyzerException {
    int size = method.instructions.size();
    for (int i = 0; i < size; i++) {
      successors.add(new ArrayList<>(2));
      handlers.add(new ArrayList<>(1));
    }
    Frame<V>[] frames = super.analyze(owner, method);
    liveIn = solve(method.instructions);
    return frames;
  }

  @Override
  protected void newControlFlowEdge(int insn, int successor) {
    successors.get(insn).add(successor);
  }

  @Override
  protected boolean newControlFlowExceptionEdge(int insn, int successor) {
    handlers.get(insn).add(successor);
    return true;
  }

  /** Whether local {@code slot} is live before instruction {@code index}. */
  boolean isLive(int index, int slot) {
    return liveIn[index].get(slot);
  }

  private BitSet[] solve(InsnList instructions) {
    int size = instructions.size();
    BitSet[] in = new BitSet[size];
    List<List<Integer>> predecessors = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      in[i] = new BitSet();
      predecessors.add(new ArrayList<>());
    }
    for (int i = 0; i < size; i++) {
      for (int s : successors.get(i)) {
        predecessors.get(s).add(i);
      }
      for (int h : handlers.get(i)) {
        predecessors.get(h).add(i);
      }
    }
    Deque<Integer> work = new ArrayDeque<>();
    for (int i = size - 1; i >= 0; i--) {
      work.add(i);
    }
    while (!work.isEmpty()) {
      int i = work.poll();
      BitSet live = new BitSet();
      for (int s : successors.get(i)) {
        live.or(in[s]);
      }
      AbstractInsnNode insn = instructions.get(i);
      kill(insn, live);
      use(insn, live);
      for (int h : handlers.get(i)) {
        live.or(in[h]);
      }
      if (!live.equals(in[i])) {
        in[i] = live;
        work.addAll(predecessors.get(i));
      }
    }
    return in;
  }

  private static void kill(AbstractInsnNode insn, BitSet live) {
    if (insn instanceof VarInsnNode var
        && var.getOpcode() >= Opcodes.ISTORE
        && var.getOpcode() <= Opcodes.ASTORE) {
      live.clear(var.var);
    }
  }

  private static void use(AbstractInsnNode insn, BitSet live) {
    if (insn instanceof VarInsnNode var
        && var.getOpcode() >= Opcodes.ILOAD
        && var.getOpcode() <= Opcodes.ALOAD) {
      live.set(var.var);
    } else if (insn instanceof IincInsnNode inc) {
      live.set(inc.var);
    }
  }
}
