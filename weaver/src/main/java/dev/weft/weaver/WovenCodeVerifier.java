package dev.weft.weaver;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceMethodVisitor;

/**
 * Pass 11, the last gate: every method the weaver wrote is type-checked (ASM's analyzer, with exact
 * reference types from the {@link ClassHierarchy} and uninitialized objects told apart as the
 * JVM's verifier does) before the class is handed out. A method that does not check is a {@link
 * WeaveException} naming the class, the method and the line, with the method's listing as its
 * cause, never a class that fails verification when it is loaded.
 *
 * <p>A class the hierarchy does not know is taken to be assignable wherever it is used: the gate
 * catches the weaver's own mistakes, not a class path the passes already accepted.
 */
final class WovenCodeVerifier {
  private WovenCodeVerifier() {}

  /**
   * Checks the methods of {@code classFile} named in {@code woven}, keyed by name plus descriptor,
   * each mapped to the name of the {@code @Async} method it was made from.
   */
  static void check(byte[] classFile, Map<String, String> woven, ClassHierarchy hierarchy)
      throws WeaveException {
    ClassNode owner = new ClassNode(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(
          int access, String name, String descriptor, String signature, String[] exceptions) {
        // only the woven methods are read into the tree
        return woven.containsKey(name + descriptor)
            ? super.visitMethod(access, name, descriptor, signature, exceptions)
            : null;
      }
    };
    new ClassReader(classFile).accept(owner, ClassReader.SKIP_FRAMES);
    Checker checker = new Checker(hierarchy);
    for (MethodNode method : owner.methods) {
      String from = woven.get(method.name + method.desc);
      try {
        Uninitialized.analyzer(checker).analyze(owner.name, method);
      } catch (AnalyzerException e) {
        String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        throw new WeaveException(
            new WeaveProblem(owner.name, from, owner.sourceFile, e.node != null ? Insns.lineOf(e.node) : -1,
                "internal weaver error: the woven " + method.name + method.desc + " does not verify ("
                    + message + "); the class is left as it was"),
            new IllegalStateException("woven method:\n" + listing(method), e));
      }
    }
  }

  private static String listing(MethodNode method) {
    Textifier text = new Textifier();
    method.accept(new TraceMethodVisitor(text));
    StringWriter out = new StringWriter();
    text.print(new PrintWriter(out));
    return method.name + method.desc + "\n" + out;
  }

  /** {@link HierarchyVerifier} with uninitialized objects usable only as copies and receivers of {@code <init>}. */
  private static final class Checker extends HierarchyVerifier {
    private final Map<List<Type>, Boolean> assignable = new HashMap<>();

    Checker(ClassHierarchy hierarchy) {
      super(hierarchy);
    }

    @Override
    public BasicValue newOperation(AbstractInsnNode insn) throws AnalyzerException {
      return insn.getOpcode() == Opcodes.NEW ? new Uninitialized((TypeInsnNode) insn) : super.newOperation(insn);
    }

    @Override
    public BasicValue unaryOperation(AbstractInsnNode insn, BasicValue value) throws AnalyzerException {
      if (value instanceof Uninitialized && insn.getOpcode() != Opcodes.IFNULL && insn.getOpcode() != Opcodes.IFNONNULL) {
        throw new AnalyzerException(insn, null, "an initialized object", value);
      }
      return super.unaryOperation(insn, value);
    }

    @Override
    public BasicValue naryOperation(AbstractInsnNode insn, List<? extends BasicValue> values)
        throws AnalyzerException {
      if (Uninitialized.isInit(insn) && values.get(0) instanceof Uninitialized object) {
        String owner = ((org.objectweb.asm.tree.MethodInsnNode) insn).owner;
        if (!object.getType().getInternalName().equals(owner)) {
          throw new AnalyzerException(insn, null, "an uninitialized " + owner.replace('/', '.'), object);
        }
        List<BasicValue> initialized = new java.util.ArrayList<>(values);
        initialized.set(0, newValue(object.getType()));
        return super.naryOperation(insn, initialized);
      }
      return super.naryOperation(insn, values);
    }

    @Override
    protected boolean isSubTypeOf(BasicValue value, BasicValue expected) {
      return !(value instanceof Uninitialized) && super.isSubTypeOf(value, expected);
    }

    @Override
    public BasicValue merge(BasicValue value1, BasicValue value2) {
      if (value1 instanceof Uninitialized || value2 instanceof Uninitialized) {
        return Uninitialized.merge(value1, value2);
      }
      return super.merge(value1, value2);
    }

    @Override
    protected boolean isInterface(Type type) {
      try {
        return super.isInterface(type);
      } catch (TypeNotFoundException e) {
        return false;
      }
    }

    @Override
    protected Type getSuperClass(Type type) {
      try {
        return super.getSuperClass(type);
      } catch (TypeNotFoundException e) {
        return Type.getObjectType("java/lang/Object");
      }
    }

    @Override
    protected boolean isAssignableFrom(Type target, Type source) {
      List<Type> key = List.of(target, source);
      Boolean known = assignable.get(key);
      if (known == null) {
        // not computeIfAbsent: array types recurse into this method for their elements
        try {
          known = super.isAssignableFrom(target, source);
        } catch (TypeNotFoundException e) {
          known = true;
        }
        assignable.put(key, known);
      }
      return known;
    }
  }
}
