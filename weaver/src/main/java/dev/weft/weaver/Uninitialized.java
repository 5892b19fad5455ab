package dev.weft.weaver;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Interpreter;

/**
 * The value {@code NEW} pushes: a reference to an object whose constructor has not run yet, told
 * apart from every other value by the {@code NEW} instruction that made it. Copies (loads, stores,
 * {@code DUP}s, {@code SWAP}s) keep the same value, so every copy of one uninitialized object can be
 * found in a frame. The {@linkplain #analyzer analyzer} turns all of them into an initialized value
 * at the constructor call, as the JVM's verifier does.
 */
final class Uninitialized extends BasicValue {
  final TypeInsnNode alloc;

  Uninitialized(TypeInsnNode alloc) {
    super(Type.getObjectType(alloc.desc));
    this.alloc = alloc;
  }

  /** Whether {@code insn} is a constructor call ({@code INVOKESPECIAL <init>}). */
  static boolean isInit(AbstractInsnNode insn) {
    return insn.getOpcode() == Opcodes.INVOKESPECIAL && ((MethodInsnNode) insn).name.equals("<init>");
  }

  /** The receiver of constructor call {@code init} in {@code frame}, the frame before the call. */
  static BasicValue receiver(Frame<BasicValue> frame, MethodInsnNode init) {
    return frame.getStack(frame.getStackSize() - Type.getArgumentCount(init.desc) - 1);
  }

  /**
   * The merge of two values of which at least one is uninitialized: the same uninitialized object
   * stays itself, anything else is unusable, as in the JVM's verifier.
   */
  static BasicValue merge(BasicValue a, BasicValue b) {
    return a.equals(b) && b.equals(a) ? a : BasicValue.UNINITIALIZED_VALUE;
  }

  /**
   * An analyzer over {@code interpreter} (which is to make {@link Uninitialized} values for {@code
   * NEW} and merge them with {@link #merge}) whose frames, after a constructor call on an
   * uninitialized object, hold {@code interpreter.newValue(type)} in place of every copy of it.
   */
  static Analyzer<BasicValue> analyzer(Interpreter<BasicValue> interpreter) {
    return new Analyzer<>(interpreter) {
      @Override
      protected Frame<BasicValue> newFrame(int numLocals, int numStack) {
        return new InitializingFrame(numLocals, numStack);
      }

      @Override
      protected Frame<BasicValue> newFrame(Frame<? extends BasicValue> frame) {
        return new InitializingFrame(frame);
      }
    };
  }

  private static final class InitializingFrame extends Frame<BasicValue> {
    InitializingFrame(int numLocals, int numStack) {
      super(numLocals, numStack);
    }

    InitializingFrame(Frame<? extends BasicValue> frame) {
      super(frame);
    }

    @Override
    public void execute(AbstractInsnNode insn, Interpreter<BasicValue> interpreter)
        throws AnalyzerException {
      if (!isInit(insn)) {
        super.execute(insn, interpreter);
        return;
      }
      BasicValue receiver = receiver(this, (MethodInsnNode) insn);
      super.execute(insn, interpreter);
      if (receiver instanceof Uninitialized object) {
        BasicValue initialized = interpreter.newValue(object.getType());
        for (int i = 0; i < getLocals(); i++) {
          if (object.equals(getLocal(i))) {
            setLocal(i, initialized);
          }
        }
        for (int i = 0; i < getStackSize(); i++) {
          if (object.equals(getStack(i))) {
            setStack(i, initialized);
          }
        }
      }
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Uninitialized that && that.alloc == alloc;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(alloc);
  }

  @Override
  public String toString() {
    return "uninitialized " + getType().getClassName();
  }
}
