package dev.weft.weaver;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodNode;

/** Small instruction helpers shared by the passes. */
final class Insns {
  private Insns() {}

  /** The source line of {@code insn}: the nearest line-number entry before it, or -1. */
  static int lineOf(AbstractInsnNode insn) {
    for (AbstractInsnNode at = insn; at != null; at = at.getPrevious()) {
      if (at instanceof LineNumberNode line) {
        return line.line;
      }
    }
    return -1;
  }

  /** The first source line of a method body, or -1. */
  static int firstLine(MethodNode method) {
    for (AbstractInsnNode at = method.instructions.getFirst(); at != null; at = at.getNext()) {
      if (at instanceof LineNumberNode line) {
        return line.line;
      }
    }
    return -1;
  }

  /** Every {@code await} call in the method, in instruction order. */
  static List<AbstractInsnNode> awaits(MethodNode method) {
    List<AbstractInsnNode> sites = new ArrayList<>();
    for (AbstractInsnNode insn : method.instructions) {
      if (Names.isAwait(insn)) {
        sites.add(insn);
      }
    }
    return sites;
  }

  /** An instruction that pushes the int constant {@code value}. */
  static AbstractInsnNode pushInt(int value) {
    if (value >= -1 && value <= 5) {
      return new InsnNode(Opcodes.ICONST_0 + value);
    }
    if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
      return new IntInsnNode(Opcodes.BIPUSH, value);
    }
    if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
      return new IntInsnNode(Opcodes.SIPUSH, value);
    }
    return new LdcInsnNode(value);
  }

  /** An instruction that pushes the default value (zero or null) of {@code type}. */
  static AbstractInsnNode pushDefault(Type type) {
    return switch (type.getSort()) {
      case Type.BOOLEAN, Type.BYTE, Type.CHAR, Type.SHORT, Type.INT -> new InsnNode(Opcodes.ICONST_0);
      case Type.LONG -> new InsnNode(Opcodes.LCONST_0);
      case Type.FLOAT -> new InsnNode(Opcodes.FCONST_0);
      case Type.DOUBLE -> new InsnNode(Opcodes.DCONST_0);
      default -> new InsnNode(Opcodes.ACONST_NULL);
    };
  }

  /** Appends loads of consecutive arguments of the given types, starting at {@code slot}. */
  static void loadArguments(InsnList out, Type[] types, int slot) {
    for (Type type : types) {
      out.add(new org.objectweb.asm.tree.VarInsnNode(type.getOpcode(Opcodes.ILOAD), slot));
      slot += type.getSize();
    }
  }

  /** Whether the method list holds a real instruction (not a label, line or frame) in [from, to). */
  static boolean hasCode(AbstractInsnNode from, AbstractInsnNode to) {
    for (AbstractInsnNode at = from; at != null && at != to; at = at.getNext()) {
      if (at.getOpcode() >= 0) {
        return true;
      }
    }
    return false;
  }
}
