package dev.weft.weaver;

import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Where one state machine's frame keeps the values it saves: the fields {@code r0..}, {@code p0..}
 * of a {@code Frames$RnPm} when the largest suspension point fits one, else the {@code refs} and
 * {@code prims} arrays of a {@code Frames$Arrays}, or nothing at all (a plain {@code Coroutine}).
 * Emits the code that allocates the frame, reaches its fields or arrays, and moves one value in or
 * out; the state machine and the shared suspend helpers ({@link SharedHelpers}) both write through it.
 *
 * @param fieldFrame the frame class with fields, or null for arrays (or no slots)
 * @param refSlots references saved at the largest suspension point
 * @param primSlots primitives saved at the largest suspension point
 */
record FrameLayout(String fieldFrame, int refSlots, int primSlots) {

  static FrameLayout of(List<SuspensionPoint> points) {
    int refs = 0;
    int prims = 0;
    for (SuspensionPoint point : points) {
      refs = Math.max(refs, point.refCount());
      prims = Math.max(prims, point.primCount());
    }
    boolean fits =
        refs <= Names.FIELD_FRAME_MAX_REFS && prims <= Names.FIELD_FRAME_MAX_PRIMS && (refs | prims) != 0;
    return new FrameLayout(fits ? Names.FIELD_FRAME_PREFIX + "R" + refs + "P" + prims : null, refs, prims);
  }

  /** A short text that tells layouts apart, for keys of shared helpers. */
  String key() {
    return (fieldFrame != null ? "F" : "A") + refSlots + "/" + primSlots;
  }

  /** Stack: [..., resumer] to [..., frame]: makes the frame of this layout. */
  void allocate(InsnList code) {
    code.add(Insns.pushInt(refSlots));
    code.add(Insns.pushInt(primSlots));
    code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, Names.COROUTINE,
        fieldFrame != null ? Names.NEW_FIELD_FRAME : Names.NEW_FRAME, Names.NEW_FRAME_DESC, false));
  }

  /**
   * Reads the frame in {@code frameSlot} into the temporaries the moves below use: the frame cast to
   * its field class into {@code refsTemp}, or its {@code refs} and {@code prims} arrays into {@code
   * refsTemp} and {@code primsTemp} (each only when {@code refs} and {@code prims} ask for it).
   */
  void reach(int frameSlot, int refsTemp, int primsTemp, boolean refs, boolean prims, InsnList code) {
    if (fieldFrame != null) {
      if (refs || prims) {
        code.add(new VarInsnNode(Opcodes.ALOAD, frameSlot));
        code.add(new TypeInsnNode(Opcodes.CHECKCAST, fieldFrame));
        code.add(new VarInsnNode(Opcodes.ASTORE, refsTemp));
      }
      return;
    }
    if (refs) {
      arrayOf(frameSlot, Names.REFS, Names.REFS_DESC, refsTemp, code);
    }
    if (prims) {
      arrayOf(frameSlot, Names.PRIMS, Names.PRIMS_DESC, primsTemp, code);
    }
  }

  private static void arrayOf(int frameSlot, String name, String desc, int temp, InsnList code) {
    code.add(new VarInsnNode(Opcodes.ALOAD, frameSlot));
    code.add(new TypeInsnNode(Opcodes.CHECKCAST, Names.ARRAY_FRAME));
    code.add(new FieldInsnNode(Opcodes.GETFIELD, Names.ARRAY_FRAME, name, desc));
    code.add(new VarInsnNode(Opcodes.ASTORE, temp));
  }

  /** Writes the value in local {@code slot} into the frame (nothing for the null constant). */
  void store(SuspensionPoint.Saved value, int slot, int refsTemp, int primsTemp, InsnList code) {
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
  void load(SuspensionPoint.Saved value, int refsTemp, int primsTemp, InsnList code) {
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

  /** Forgets the saved reference number {@code index}, so the frame never keeps what the body dropped. */
  void clear(int index, int refsTemp, InsnList code) {
    code.add(new VarInsnNode(Opcodes.ALOAD, refsTemp));
    if (fieldFrame != null) {
      code.add(new InsnNode(Opcodes.ACONST_NULL));
      code.add(new FieldInsnNode(Opcodes.PUTFIELD, fieldFrame, "r" + index, "Ljava/lang/Object;"));
    } else {
      code.add(Insns.pushInt(index));
      code.add(new InsnNode(Opcodes.ACONST_NULL));
      code.add(new InsnNode(Opcodes.AASTORE));
    }
  }

  /** The type a value is passed as to a shared helper: references as Object, ints widened. */
  static Type passedAs(SuspensionPoint.Kind kind) {
    return switch (kind) {
      case REF, NULL -> Type.getObjectType("java/lang/Object");
      case INT -> Type.INT_TYPE;
      case FLOAT -> Type.FLOAT_TYPE;
      case LONG -> Type.LONG_TYPE;
      case DOUBLE -> Type.DOUBLE_TYPE;
    };
  }

  private static String fieldName(SuspensionPoint.Saved value) {
    return (value.kind() == SuspensionPoint.Kind.REF ? "r" : "p") + value.index();
  }

  private static String fieldDesc(SuspensionPoint.Saved value) {
    return value.kind() == SuspensionPoint.Kind.REF ? "Ljava/lang/Object;" : "J";
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
}
