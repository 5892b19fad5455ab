package dev.weft.weaver;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Pass 5, rewrite await sites. Rule: each {@code await(stage)} call becomes a completion test with
 * a fast path that saves nothing, a slow path that saves the stack and live locals into the frame
 * (allocated at the first suspension), suspends and returns, and a resume block that restores them
 * (see STATE_MACHINE.md). Precondition: {@link SuspensionAnalysis} typed every site.
 */
final class SuspensionWriter {
  /** Entry of the resume block of one site, and the end of its restore code. */
  record Resume(int label, LabelNode entry, LabelNode restored) {}

  private final AsyncMethod method;
  private final MethodNode machine;
  private final int refSlots;
  private final int primSlots;
  private final int refsTemp;
  private final int primsTemp;
  /** The frame class with fields when the largest suspension point fits one, else null. */
  private final String fieldFrame;

  private SuspensionWriter(AsyncMethod method, int refSlots, int primSlots) {
    this.method = method;
    this.machine = method.machine;
    this.refSlots = refSlots;
    this.primSlots = primSlots;
    this.refsTemp = machine.maxLocals++;
    this.primsTemp = machine.maxLocals++;
    boolean fits =
        refSlots <= Names.FIELD_FRAME_MAX_REFS
            && primSlots <= Names.FIELD_FRAME_MAX_PRIMS
            && (refSlots | primSlots) != 0;
    this.fieldFrame = fits ? Names.FIELD_FRAME_PREFIX + "R" + refSlots + "P" + primSlots : null;
  }

  static List<Resume> apply(AsyncMethod method, List<SuspensionPoint> points) {
    int refs = 0;
    int prims = 0;
    for (SuspensionPoint point : points) {
      refs = Math.max(refs, point.refCount());
      prims = Math.max(prims, point.primCount());
    }
    SuspensionWriter writer = new SuspensionWriter(method, refs, prims);
    List<Resume> resumes = new ArrayList<>();
    for (SuspensionPoint point : points) {
      resumes.add(writer.rewrite(point));
    }
    return resumes;
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
    suspend(point, code);
    code.add(resume);
    restore(point, code);
    code.add(restored);
    code.add(new VarInsnNode(Opcodes.ALOAD, method.frameSlot));
    code.add(coroutineCall(Opcodes.INVOKEVIRTUAL, Names.RESUME_VALUE, Names.RESUME_VALUE_DESC));
    code.add(cont);
    machine.instructions.insert(point.site(), code);
    machine.instructions.remove(point.site());
    return new Resume(point.label(), resume, restored);
  }

  /** Slow path: stack: [..., stage]. Saves everything, suspends, returns. */
  private void suspend(SuspensionPoint point, InsnList code) {
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
    code.add(Insns.pushInt(refSlots));
    code.add(Insns.pushInt(primSlots));
    code.add(
        coroutineCall(
            Opcodes.INVOKESTATIC,
            fieldFrame != null ? Names.NEW_FIELD_FRAME : Names.NEW_FRAME,
            Names.NEW_FRAME_DESC));
    code.add(new VarInsnNode(Opcodes.ASTORE, method.frameSlot));
    code.add(haveFrame);
    loadArrays(point, code);
    for (SuspensionPoint.Saved local : point.locals()) {
      store(local, local.slot(), code);
    }
    for (int i = 0; i < stack.size(); i++) {
      if (stack.get(i).kind() != SuspensionPoint.Kind.NULL) {
        store(stack.get(i), stackTemps[i], code);
      }
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

  /** Resume block: entered from the dispatch with only the arguments and the frame set. */
  private void restore(SuspensionPoint point, InsnList code) {
    loadArrays(point, code);
    for (SuspensionPoint.Saved local : point.locals()) {
      load(local, code);
      code.add(new VarInsnNode(storeType(local).getOpcode(Opcodes.ISTORE), local.slot()));
      clear(local, code);
    }
    for (SuspensionPoint.Saved value : point.stack()) {
      load(value, code);
      clear(value, code);
    }
  }

  /** Forgets a restored reference, so the frame never keeps an object the body has dropped. */
  private void clear(SuspensionPoint.Saved value, InsnList code) {
    if (value.kind() != SuspensionPoint.Kind.REF) {
      return;
    }
    code.add(new VarInsnNode(Opcodes.ALOAD, refsTemp));
    if (fieldFrame != null) {
      code.add(new InsnNode(Opcodes.ACONST_NULL));
      code.add(new FieldInsnNode(Opcodes.PUTFIELD, fieldFrame, fieldName(value), fieldDesc(value)));
    } else {
      code.add(Insns.pushInt(value.index()));
      code.add(new InsnNode(Opcodes.ACONST_NULL));
      code.add(new InsnNode(Opcodes.AASTORE));
    }
  }

  private void loadArrays(SuspensionPoint point, InsnList code) {
    if (fieldFrame != null) {
      if (point.refCount() + point.primCount() > 0) {
        code.add(new VarInsnNode(Opcodes.ALOAD, method.frameSlot));
        code.add(new TypeInsnNode(Opcodes.CHECKCAST, fieldFrame));
        code.add(new VarInsnNode(Opcodes.ASTORE, refsTemp));
      }
      return;
    }
    if (point.refCount() > 0) {
      code.add(new VarInsnNode(Opcodes.ALOAD, method.frameSlot));
      code.add(new TypeInsnNode(Opcodes.CHECKCAST, Names.ARRAY_FRAME));
      code.add(new FieldInsnNode(Opcodes.GETFIELD, Names.ARRAY_FRAME, Names.REFS, Names.REFS_DESC));
      code.add(new VarInsnNode(Opcodes.ASTORE, refsTemp));
    }
    if (point.primCount() > 0) {
      code.add(new VarInsnNode(Opcodes.ALOAD, method.frameSlot));
      code.add(new TypeInsnNode(Opcodes.CHECKCAST, Names.ARRAY_FRAME));
      code.add(new FieldInsnNode(Opcodes.GETFIELD, Names.ARRAY_FRAME, Names.PRIMS, Names.PRIMS_DESC));
      code.add(new VarInsnNode(Opcodes.ASTORE, primsTemp));
    }
  }

  /** Writes the value in local {@code slot} into the frame. */
  private void store(SuspensionPoint.Saved value, int slot, InsnList code) {
    if (value.kind() == SuspensionPoint.Kind.NULL) {
      return;
    }
    boolean ref = value.kind() == SuspensionPoint.Kind.REF;
    code.add(new VarInsnNode(Opcodes.ALOAD, ref || fieldFrame != null ? refsTemp : primsTemp));
    if (fieldFrame == null) {
      code.add(Insns.pushInt(value.index()));
    }
    code.add(new VarInsnNode(value.type().getOpcode(Opcodes.ILOAD), slot));
    code.add(toLong(value.kind()));
    if (fieldFrame != null) {
      code.add(new FieldInsnNode(Opcodes.PUTFIELD, fieldFrame, fieldName(value), fieldDesc(value)));
    } else {
      code.add(new InsnNode(ref ? Opcodes.AASTORE : Opcodes.LASTORE));
    }
  }

  /** Pushes the saved value, typed as it was. */
  private void load(SuspensionPoint.Saved value, InsnList code) {
    if (value.kind() == SuspensionPoint.Kind.NULL) {
      code.add(new InsnNode(Opcodes.ACONST_NULL));
      return;
    }
    boolean ref = value.kind() == SuspensionPoint.Kind.REF;
    code.add(new VarInsnNode(Opcodes.ALOAD, ref || fieldFrame != null ? refsTemp : primsTemp));
    if (fieldFrame != null) {
      code.add(new FieldInsnNode(Opcodes.GETFIELD, fieldFrame, fieldName(value), fieldDesc(value)));
    } else {
      code.add(Insns.pushInt(value.index()));
      code.add(new InsnNode(ref ? Opcodes.AALOAD : Opcodes.LALOAD));
    }
    code.add(fromLong(value.kind()));
    if (ref && !value.type().getInternalName().equals("java/lang/Object")) {
      code.add(new TypeInsnNode(Opcodes.CHECKCAST, value.type().getInternalName()));
    }
  }

  private static String fieldName(SuspensionPoint.Saved value) {
    return (value.kind() == SuspensionPoint.Kind.REF ? "r" : "p") + value.index();
  }

  private static String fieldDesc(SuspensionPoint.Saved value) {
    return value.kind() == SuspensionPoint.Kind.REF ? "Ljava/lang/Object;" : "J";
  }

  private static Type storeType(SuspensionPoint.Saved value) {
    return value.kind() == SuspensionPoint.Kind.NULL ? Type.getObjectType("java/lang/Object") : value.type();
  }

  private static InsnList toLong(SuspensionPoint.Kind kind) {
    InsnList code = new InsnList();
    switch (kind) {
      case INT -> code.add(new InsnNode(Opcodes.I2L));
      case FLOAT -> {
        code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false));
        code.add(new InsnNode(Opcodes.I2L));
      }
      case DOUBLE ->
          code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false));
      default -> {}
    }
    return code;
  }

  private static InsnList fromLong(SuspensionPoint.Kind kind) {
    InsnList code = new InsnList();
    switch (kind) {
      case INT -> code.add(new InsnNode(Opcodes.L2I));
      case FLOAT -> {
        code.add(new InsnNode(Opcodes.L2I));
        code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false));
      }
      case DOUBLE ->
          code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false));
      default -> {}
    }
    return code;
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
