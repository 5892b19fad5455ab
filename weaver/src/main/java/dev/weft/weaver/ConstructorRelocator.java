package dev.weft.weaver;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.util.Printer;

/**
 * Pass 2, delay constructions past awaits. An uninitialized object (made by {@code NEW T}, its
 * constructor not yet run) cannot be saved in a coroutine frame, so no await may happen while one
 * is on the stack or in a local, as in {@code new Foo(await(a), await(b))} or in javac's spill of
 * the operand stack into hidden locals around a {@code try} in a switch expression.
 *
 * <p>Rule, for every {@code NEW T} whose object is on the stack or in a local at an await: the
 * {@code NEW} becomes {@code ACONST_NULL; CHECKCAST T}, a placeholder that can be saved, and its
 * copies flow as before. At each {@code T.<init>} call on it, the arguments and the stack down to
 * the deepest copy are stored in fresh locals, the object is made there ({@code NEW T}, arguments,
 * {@code <init>}), and the stack is rebuilt with the constructed object in place of every copy;
 * every local holding a copy gets the constructed object too. Any shape where the object is only
 * copied, stored and reloaded ({@code DUP}, {@code DUP_X1}, {@code SWAP}, {@code ASTORE},
 * {@code ALOAD}, {@code POP}, wide locals) is moved this way.
 *
 * <p>Refused, naming the line: such an object used by anything else before its constructor runs
 * (compared, tested, passed as an argument).
 */
final class ConstructorRelocator {
  private ConstructorRelocator() {}

  /** A constructor call to move: its receiver and the frame before it. */
  private record Site(MethodInsnNode init, Uninitialized object, Frame<BasicValue> frame) {}

  static void apply(AsyncMethod method, List<WeaveProblem> problems) throws AnalyzerException {
    MethodNode m = method.original;
    List<AbstractInsnNode> awaits = Insns.awaits(m);
    if (awaits.isEmpty() || !newBefore(m, awaits.get(awaits.size() - 1))) {
      return;
    }
    Tracker tracker = new Tracker();
    Frame<BasicValue>[] frames = Uninitialized.analyzer(tracker).analyze(method.owner.name, m);
    Set<TypeInsnNode> held = new LinkedHashSet<>();
    for (AbstractInsnNode await : awaits) {
      Frame<BasicValue> frame = frames[m.instructions.indexOf(await)];
      if (frame != null) {
        collect(frame, held);
      }
    }
    if (held.isEmpty()) {
      return;
    }
    for (TypeInsnNode alloc : held) {
      AbstractInsnNode use = tracker.uses.get(alloc);
      if (use != null) {
        problems.add(method.problem(use, "await while an uninitialized " + alloc.desc.replace('/', '.')
            + " is alive, and it is used by " + Printer.OPCODES[use.getOpcode()].toLowerCase()
            + " before its constructor runs; only copies, stores and loads of it can be moved"));
      }
    }
    if (!problems.isEmpty()) {
      return;
    }
    List<Site> sites = new ArrayList<>();
    for (AbstractInsnNode insn : m.instructions) {
      Frame<BasicValue> frame = frames[m.instructions.indexOf(insn)];
      if (frame != null && Uninitialized.isInit(insn)
          && Uninitialized.receiver(frame, (MethodInsnNode) insn) instanceof Uninitialized object
          && held.contains(object.alloc)) {
        sites.add(new Site((MethodInsnNode) insn, object, frame));
      }
    }
    for (Site site : sites) {
      WeaveProblem problem = construct(method, site);
      if (problem != null) {
        problems.add(problem);
        return;
      }
    }
    for (TypeInsnNode alloc : held) {
      m.instructions.insertBefore(alloc, new InsnNode(Opcodes.ACONST_NULL));
      m.instructions.set(alloc, new TypeInsnNode(Opcodes.CHECKCAST, alloc.desc));
    }
    m.maxStack += 2;
  }

  /**
   * Whether a {@code NEW} comes before {@code lastAwait} in instruction order: without one, no
   * object can be uninitialized at an await (short of a jump back from after a {@code NEW} to
   * before an await with the object alive, left to the last gate), and the analysis is skipped.
   */
  private static boolean newBefore(MethodNode m, AbstractInsnNode lastAwait) {
    for (AbstractInsnNode insn = m.instructions.getFirst(); insn != lastAwait; insn = insn.getNext()) {
      if (insn.getOpcode() == Opcodes.NEW) {
        return true;
      }
    }
    return false;
  }

  private static void collect(Frame<BasicValue> frame, Set<TypeInsnNode> into) {
    for (int i = 0; i < frame.getLocals(); i++) {
      if (frame.getLocal(i) instanceof Uninitialized object) {
        into.add(object.alloc);
      }
    }
    for (int i = 0; i < frame.getStackSize(); i++) {
      if (frame.getStack(i) instanceof Uninitialized object) {
        into.add(object.alloc);
      }
    }
  }

  /** Rewrites one constructor call as the header says; a problem when the stack cannot be stored. */
  private static WeaveProblem construct(AsyncMethod method, Site site) {
    MethodNode m = method.original;
    Frame<BasicValue> frame = site.frame;
    int receiver = frame.getStackSize() - Type.getArgumentCount(site.init.desc) - 1;
    int deepest = receiver;
    for (int i = receiver - 1; i >= 0; i--) {
      if (site.object.equals(frame.getStack(i))) {
        deepest = i;
      }
    }
    List<Integer> localCopies = new ArrayList<>();
    for (int i = 0; i < frame.getLocals(); i++) {
      if (site.object.equals(frame.getLocal(i))) {
        localCopies.add(i);
      }
    }
    boolean copies = deepest < receiver || !localCopies.isEmpty();
    // store everything from the top of the stack down to the deepest copy
    int[] slots = new int[frame.getStackSize()];
    InsnList before = new InsnList();
    for (int i = frame.getStackSize() - 1; i >= deepest; i--) {
      BasicValue value = frame.getStack(i);
      if (i == receiver || (i < receiver && site.object.equals(value))) {
        before.add(new InsnNode(Opcodes.POP));
        continue;
      }
      Type type = value.getType();
      if (type == null || value == BasicValue.RETURNADDRESS_VALUE) {
        return method.problem(site.init, "await while an uninitialized " + site.object.getType().getClassName()
            + " is alive, with a value that cannot be stored on the stack above it");
      }
      slots[i] = m.maxLocals;
      m.maxLocals += type.getSize();
      before.add(new VarInsnNode(type.getOpcode(Opcodes.ISTORE), slots[i]));
    }
    before.add(new TypeInsnNode(Opcodes.NEW, site.object.alloc.desc));
    if (copies) {
      before.add(new InsnNode(Opcodes.DUP));
    }
    for (int i = receiver + 1; i < frame.getStackSize(); i++) {
      before.add(new VarInsnNode(frame.getStack(i).getType().getOpcode(Opcodes.ILOAD), slots[i]));
    }
    InsnList after = new InsnList();
    if (copies) {
      int constructed = m.maxLocals++;
      after.add(new VarInsnNode(Opcodes.ASTORE, constructed));
      for (int i = deepest; i < receiver; i++) {
        BasicValue value = frame.getStack(i);
        after.add(site.object.equals(value)
            ? new VarInsnNode(Opcodes.ALOAD, constructed)
            : new VarInsnNode(value.getType().getOpcode(Opcodes.ILOAD), slots[i]));
      }
      for (int local : localCopies) {
        after.add(new VarInsnNode(Opcodes.ALOAD, constructed));
        after.add(new VarInsnNode(Opcodes.ASTORE, local));
      }
    }
    m.instructions.insertBefore(site.init, before);
    m.instructions.insert(site.init, after);
    return null;
  }

  /**
   * {@link BasicInterpreter} that makes an {@link Uninitialized} value for each {@code NEW} and
   * records, per {@code NEW}, the first instruction that uses its object other than as a copy or as
   * the receiver of its constructor.
   */
  private static final class Tracker extends BasicInterpreter {
    final Map<TypeInsnNode, AbstractInsnNode> uses = new IdentityHashMap<>();

    Tracker() {
      super(Opcodes.ASM9);
    }

    private void use(AbstractInsnNode insn, BasicValue value) {
      if (value instanceof Uninitialized object) {
        uses.putIfAbsent(object.alloc, insn);
      }
    }

    @Override
    public BasicValue newOperation(AbstractInsnNode insn) throws AnalyzerException {
      return insn.getOpcode() == Opcodes.NEW ? new Uninitialized((TypeInsnNode) insn) : super.newOperation(insn);
    }

    @Override
    public BasicValue unaryOperation(AbstractInsnNode insn, BasicValue value) throws AnalyzerException {
      use(insn, value);
      return super.unaryOperation(insn, value);
    }

    @Override
    public BasicValue binaryOperation(AbstractInsnNode insn, BasicValue value1, BasicValue value2)
        throws AnalyzerException {
      use(insn, value1);
      use(insn, value2);
      return super.binaryOperation(insn, value1, value2);
    }

    @Override
    public BasicValue ternaryOperation(
        AbstractInsnNode insn, BasicValue value1, BasicValue value2, BasicValue value3)
        throws AnalyzerException {
      use(insn, value1);
      use(insn, value2);
      use(insn, value3);
      return super.ternaryOperation(insn, value1, value2, value3);
    }

    @Override
    public BasicValue naryOperation(AbstractInsnNode insn, List<? extends BasicValue> values)
        throws AnalyzerException {
      for (int i = Uninitialized.isInit(insn) ? 1 : 0; i < values.size(); i++) {
        use(insn, values.get(i));
      }
      return super.naryOperation(insn, values);
    }

    @Override
    public void returnOperation(AbstractInsnNode insn, BasicValue value, BasicValue expected)
        throws AnalyzerException {
      use(insn, value);
    }

    @Override
    public BasicValue merge(BasicValue value1, BasicValue value2) {
      if (value1 instanceof Uninitialized || value2 instanceof Uninitialized) {
        return Uninitialized.merge(value1, value2);
      }
      return super.merge(value1, value2);
    }
  }
}
