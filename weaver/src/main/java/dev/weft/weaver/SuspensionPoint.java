package dev.weft.weaver;

import java.util.List;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;

/**
 * What must be saved at one await site: the locals that hold a value and the operand-stack values
 * below the awaited stage, each with the place it takes in the frame's arrays.
 *
 * @param site the {@code await} call
 * @param label the resume label, from 1
 * @param locals values in local slots
 * @param stack values on the operand stack, bottom first, without the awaited stage
 */
record SuspensionPoint(AbstractInsnNode site, int label, List<Saved> locals, List<Saved> stack) {

  /** How a value is stored in the frame. */
  enum Kind {
    /** A reference, in {@code refs}. */
    REF,
    /** The null constant: nothing is stored, {@code null} is pushed back. */
    NULL,
    INT,
    FLOAT,
    LONG,
    DOUBLE;

    boolean isPrimitive() {
      return this != REF && this != NULL;
    }
  }

  /**
   * One saved value.
   *
   * @param slot the local slot for a local, -1 for a stack value
   * @param kind how it is stored
   * @param type its analysed type (the checkcast target of a reference)
   * @param index its index in {@code refs} or {@code prims}
   */
  record Saved(int slot, Kind kind, Type type, int index) {}

  int refCount() {
    return (int) java.util.stream.Stream.concat(locals.stream(), stack.stream())
        .filter(s -> s.kind() == Kind.REF)
        .count();
  }

  int primCount() {
    return (int) java.util.stream.Stream.concat(locals.stream(), stack.stream())
        .filter(s -> s.kind().isPrimitive())
        .count();
  }
}
