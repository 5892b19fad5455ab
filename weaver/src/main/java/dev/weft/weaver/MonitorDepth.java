package dev.weft.weaver;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * How many monitors a method holds before each instruction: a forward dataflow over the control
 * flow graph, as Kotlin's {@code checkForSuspensionPointInsideMonitor} computes it. Counting
 * {@code MONITORENTER} and {@code MONITOREXIT} in instruction order is wrong, since javac emits
 * two exits per block (the normal one and the one in the catch-all handler that rethrows).
 *
 * <p>Edges: fall-through, jumps, switch targets, and an exception edge from every instruction to
 * each handler covering it, taken in exception-table order and stopping at the first catch-all
 * ({@code finally}, the handler of a {@code synchronized} block, or a {@code Throwable} catch),
 * which catches everything after it. The handler gets the depth before the throwing instruction. Where paths meet, the larger
 * depth wins, so a doubtful merge is treated as holding a monitor; depths are capped at the number
 * of enters in the method, so that unbalanced loops still terminate.
 */
final class MonitorDepth {
  /** No path reaches the instruction. */
  static final int UNREACHABLE = -1;

  private MonitorDepth() {}

  /** The depth before each instruction, by index in {@code method.instructions}. */
  static int[] of(MethodNode method) {
    InsnList insns = method.instructions;
    int[] depth = new int[insns.size()];
    Arrays.fill(depth, UNREACHABLE);
    int cap = 0;
    for (AbstractInsnNode insn : insns) {
      if (insn.getOpcode() == Opcodes.MONITORENTER) {
        cap++;
      }
    }
    if (cap == 0 || insns.size() == 0) {
      Arrays.fill(depth, 0);
      return depth;
    }
    Deque<Integer> work = new ArrayDeque<>();
    reach(depth, work, 0, 0);
    while (!work.isEmpty()) {
      int index = work.pop();
      AbstractInsnNode insn = insns.get(index);
      int before = depth[index];
      int after = Math.max(0, Math.min(cap, before + change(insn)));
      for (int next : Successors.normal(insns, insn)) {
        reach(depth, work, next, after);
      }
      if (insn.getOpcode() >= 0) {
        for (int handler : Successors.handlers(method, index)) {
          reach(depth, work, handler, before);
        }
      }
    }
    return depth;
  }

  private static int change(AbstractInsnNode insn) {
    return switch (insn.getOpcode()) {
      case Opcodes.MONITORENTER -> 1;
      case Opcodes.MONITOREXIT -> -1;
      default -> 0;
    };
  }

  private static void reach(int[] depth, Deque<Integer> work, int index, int value) {
    if (value > depth[index]) {
      depth[index] = value;
      work.push(index);
    }
  }

  /** Control-flow successors of one instruction, by index. */
  private static final class Successors {
    private Successors() {}

    static int[] normal(InsnList insns, AbstractInsnNode insn) {
      int next = insn.getNext() != null ? insns.indexOf(insn.getNext()) : -1;
      if (insn instanceof JumpInsnNode jump) {
        int target = insns.indexOf(jump.label);
        return insn.getOpcode() == Opcodes.GOTO || next < 0 ? new int[] {target} : new int[] {target, next};
      }
      if (insn instanceof TableSwitchInsnNode table) {
        return targets(insns, table.dflt, table.labels);
      }
      if (insn instanceof LookupSwitchInsnNode lookup) {
        return targets(insns, lookup.dflt, lookup.labels);
      }
      if (ends(insn.getOpcode()) || next < 0) {
        return new int[0];
      }
      return new int[] {next};
    }

    private static int[] targets(InsnList insns, LabelNode dflt, List<LabelNode> labels) {
      int[] out = new int[labels.size() + 1];
      out[0] = insns.indexOf(dflt);
      for (int i = 0; i < labels.size(); i++) {
        out[i + 1] = insns.indexOf(labels.get(i));
      }
      return out;
    }

    private static boolean ends(int opcode) {
      return (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) || opcode == Opcodes.ATHROW;
    }

    /** Handlers an exception thrown at {@code index} can reach, up to the first catch-all. */
    static int[] handlers(MethodNode method, int index) {
      InsnList insns = method.instructions;
      int[] out = new int[method.tryCatchBlocks.size()];
      int count = 0;
      for (TryCatchBlockNode block : method.tryCatchBlocks) {
        if (insns.indexOf(block.start) <= index && index < insns.indexOf(block.end)) {
          out[count++] = insns.indexOf(block.handler);
          if (block.type == null || block.type.equals("java/lang/Throwable")) {
            break;
          }
        }
      }
      return Arrays.copyOf(out, count);
    }
  }
}
