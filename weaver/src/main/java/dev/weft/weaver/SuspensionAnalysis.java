package dev.weft.weaver;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Pass 4, analyze frames: types every local and operand-stack value at each await site of the
 * state machine (exact reference types, from a verifier run over the class hierarchy) and assigns
 * each a place in the frame's arrays. Only locals that are live after the await are saved. Sites in unreachable code are left out.
 */
final class SuspensionAnalysis {
  private SuspensionAnalysis() {}

  static List<SuspensionPoint> analyze(AsyncMethod method, ClassHierarchy hierarchy)
      throws AnalyzerException {
    MethodNode machine = method.machine;
    Liveness<BasicValue> liveness = new Liveness<>(new HierarchyVerifier(hierarchy));
    Frame<BasicValue>[] frames = liveness.analyze(method.owner.name, machine);
    List<SuspensionPoint> points = new ArrayList<>();
    for (AbstractInsnNode site : Insns.awaits(machine)) {
      int index = machine.instructions.indexOf(site);
      Frame<BasicValue> frame = frames[index];
      if (frame != null) {
        points.add(layout(method, site, points.size() + 1, frame, slot -> liveness.isLive(index, slot)));
      }
    }
    return points;
  }

  private static SuspensionPoint layout(
      AsyncMethod method,
      AbstractInsnNode site,
      int label,
      Frame<BasicValue> frame,
      java.util.function.IntPredicate live) {
    int[] counters = new int[2];
    List<SuspensionPoint.Saved> locals = new ArrayList<>();
    for (int slot = 0; slot < frame.getLocals(); slot++) {
      if (slot != method.frameSlot && live.test(slot)) {
        SuspensionPoint.Saved saved = save(slot, frame.getLocal(slot), counters);
        if (saved != null) {
          locals.add(saved);
        }
      }
    }
    List<SuspensionPoint.Saved> stack = new ArrayList<>();
    for (int i = 0; i < frame.getStackSize() - 1; i++) {
      stack.add(save(-1, frame.getStack(i), counters));
    }
    return new SuspensionPoint(site, label, locals, stack);
  }

  private static SuspensionPoint.Saved save(int slot, BasicValue value, int[] counters) {
    Type type = value.getType();
    if (type == null) {
      return null; // an empty slot, or the second half of a long or double
    }
    SuspensionPoint.Kind kind =
        switch (type.getSort()) {
          case Type.BOOLEAN, Type.BYTE, Type.CHAR, Type.SHORT, Type.INT -> SuspensionPoint.Kind.INT;
          case Type.FLOAT -> SuspensionPoint.Kind.FLOAT;
          case Type.LONG -> SuspensionPoint.Kind.LONG;
          case Type.DOUBLE -> SuspensionPoint.Kind.DOUBLE;
          default ->
              type.equals(BasicInterpreter.NULL_TYPE)
                  ? SuspensionPoint.Kind.NULL
                  : SuspensionPoint.Kind.REF;
        };
    int index =
        switch (kind) {
          case NULL -> -1;
          case REF -> counters[0]++;
          default -> counters[1]++;
        };
    return new SuspensionPoint.Saved(slot, kind, type, index);
  }
}
