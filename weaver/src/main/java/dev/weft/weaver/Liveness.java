package dev.weft.weaver;

import java.util.Arrays;
import java.util.BitSet;
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
  /** Edges recorded by the forward run: {@code edgeFrom[e] -> edgeTo[e]}, exception edges flagged. */
  private int[] edgeFrom = new int[64];
  private int[] edgeTo = new int[64];
  private boolean[] edgeIsHandler = new boolean[64];
  private int edges;
  private BitSet[] liveIn;

  Liveness(Interpreter<V> interpreter) {
    super(interpreter);
  }

  @Override
  public Frame<V>[] analyze(String owner, MethodNode method) throws AnalyzerException {
    edges = 0;
    Frame<V>[] frames = super.analyze(owner, method);
    liveIn = solve(method.instructions);
    return frames;
  }

  @Override
  protected void newControlFlowEdge(int insn, int successor) {
    addEdge(insn, successor, false);
  }

  @Override
  protected boolean newControlFlowExceptionEdge(int insn, int successor) {
    addEdge(insn, successor, true);
    return true;
  }

  private void addEdge(int from, int to, boolean handler) {
    if (edges == edgeFrom.length) {
      edgeFrom = Arrays.copyOf(edgeFrom, edges * 2);
      edgeTo = Arrays.copyOf(edgeTo, edges * 2);
      edgeIsHandler = Arrays.copyOf(edgeIsHandler, edges * 2);
    }
    edgeFrom[edges] = from;
    edgeTo[edges] = to;
    edgeIsHandler[edges] = handler;
    edges++;
  }

  /** Whether local {@code slot} is live before instruction {@code index}. */
  boolean isLive(int index, int slot) {
    return liveIn[index].get(slot);
  }

  /**
   * The least fixpoint of {@code in[i] = use(i) ∪ (out(i) − kill(i)) ∪ in(handlers of i)}, where
   * {@code out(i)} is the union of {@code in} over the normal successors of {@code i}. A worklist
   * holds each instruction at most once; the fixpoint does not depend on the visiting order.
   */
  private BitSet[] solve(InsnList instructions) {
    int size = instructions.size();
    AbstractInsnNode[] insns = instructions.toArray();
    // successors and predecessors in compressed rows: row i is [start[i], start[i + 1])
    int[] succStart = new int[size + 1];
    int[] predStart = new int[size + 1];
    for (int e = 0; e < edges; e++) {
      succStart[edgeFrom[e] + 1]++;
      predStart[edgeTo[e] + 1]++;
    }
    for (int i = 0; i < size; i++) {
      succStart[i + 1] += succStart[i];
      predStart[i + 1] += predStart[i];
    }
    int[] succ = new int[edges];
    boolean[] succIsHandler = new boolean[edges];
    int[] pred = new int[edges];
    int[] succFill = Arrays.copyOf(succStart, size);
    int[] predFill = Arrays.copyOf(predStart, size);
    for (int e = 0; e < edges; e++) {
      int at = succFill[edgeFrom[e]]++;
      succ[at] = edgeTo[e];
      succIsHandler[at] = edgeIsHandler[e];
      pred[predFill[edgeTo[e]]++] = edgeFrom[e];
    }
    BitSet[] in = new BitSet[size];
    for (int i = 0; i < size; i++) {
      in[i] = new BitSet();
    }
    // a ring of pending instructions, each at most once, seeded last to first
    int[] ring = new int[size];
    boolean[] pending = new boolean[size];
    int head = 0;
    int count = size;
    for (int i = 0; i < size; i++) {
      ring[i] = size - 1 - i;
      pending[i] = true;
    }
    BitSet live = new BitSet();
    while (count > 0) {
      int i = ring[head];
      head = head + 1 == size ? 0 : head + 1;
      count--;
      pending[i] = false;
      live.clear();
      for (int k = succStart[i]; k < succStart[i + 1]; k++) {
        if (!succIsHandler[k]) {
          live.or(in[succ[k]]);
        }
      }
      AbstractInsnNode insn = insns[i];
      kill(insn, live);
      use(insn, live);
      for (int k = succStart[i]; k < succStart[i + 1]; k++) {
        if (succIsHandler[k]) {
          live.or(in[succ[k]]);
        }
      }
      if (!live.equals(in[i])) {
        in[i] = (BitSet) live.clone();
        for (int k = predStart[i]; k < predStart[i + 1]; k++) {
          int p = pred[k];
          if (!pending[p]) {
            pending[p] = true;
            int tail = head + count;
            ring[tail >= size ? tail - size : tail] = p;
            count++;
          }
        }
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
