package dev.weft.weaver;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The helpers the await sites of one woven class share: {@code private static synthetic} methods,
 * one per frame shape, so that a site's slow path is a call instead of the code inline.
 *
 * <ul>
 *   <li>{@code $weft$suspend$N(stack values..., stage, live locals..., resumer, frame, label)}:
 *       makes the frame when it is null, writes every value into it, suspends, and returns what the
 *       state machine returns ({@code Coroutine.entryResult(frame)} at the first suspension, else
 *       null). One per frame layout and sequence of saved values (their kinds and places).
 *   <li>{@code $weft$clear$N(frame)}: forgets the first {@code n} saved references of a frame of one
 *       layout after a resume block read them back; returns the frame.
 *   <li>{@code $weft$label$N(frame, labels)}: the frame's label, checked to be from 1 to {@code
 *       labels}; any other is a corrupt frame, an {@code IllegalStateException} thrown with the state
 *       machine that called it on the stack.
 * </ul>
 *
 * <p>Names carry {@code $weft$}, which the runtime's async stack traces leave out; a name the class
 * already declares is skipped for the next number. Helpers are named in the order the methods are
 * woven, so the output stays deterministic. Not thread-safe: one instance per class being woven.
 */
final class SharedHelpers {
  /**
   * Saved-value slots (the stage included) a suspend helper may take: a descriptor has at most 255
   * argument slots (JVMS 4.3.3), and the resumer, the frame and the label take 3.
   */
  static final int MAX_SAVED_SLOTS = 255 - 3;

  private final ClassNode owner;
  private final Set<String> names = new HashSet<>();
  private final Map<String, MethodInsnNode> calls = new LinkedHashMap<>();
  private final List<MethodNode> made = new ArrayList<>();
  private final List<String> madeFor = new ArrayList<>();

  SharedHelpers(ClassNode owner) {
    this.owner = owner;
    owner.methods.forEach(m -> names.add(m.name));
  }

  /** The helpers made so far, in order, each with the name of the first {@code @Async} method that used it. */
  List<MethodNode> methods() {
    return made;
  }

  String madeFor(int i) {
    return madeFor.get(i);
  }

  /**
   * Argument slots the suspend helper of {@code point} would take for its saved values: with more
   * than {@link #MAX_SAVED_SLOTS}, the site keeps its slow path inline.
   */
  static int savedSlots(SuspensionPoint point) {
    int slots = 1; // the stage
    for (SuspensionPoint.Saved value : point.stack()) {
      slots += FrameLayout.passedAs(value.kind()).getSize();
    }
    for (SuspensionPoint.Saved value : point.locals()) {
      if (value.kind() != SuspensionPoint.Kind.NULL) {
        slots += FrameLayout.passedAs(value.kind()).getSize();
      }
    }
    return slots;
  }

  /**
   * The call to the suspend helper for {@code point}. Stack before: the saved stack values, the
   * stage, the live locals (but null constants), the resumer, the frame (or null), the label;
   * after: the state machine's return value.
   */
  MethodInsnNode suspend(AsyncMethod method, FrameLayout layout, SuspensionPoint point) {
    StringBuilder key = new StringBuilder("suspend ").append(layout.key()).append(' ');
    StringBuilder desc = new StringBuilder("(");
    List<SuspensionPoint.Saved> passed = new ArrayList<>();
    for (SuspensionPoint.Saved value : point.stack()) {
      passed.add(value);
    }
    int stageAt = passed.size();
    passed.add(null);
    for (SuspensionPoint.Saved value : point.locals()) {
      if (value.kind() != SuspensionPoint.Kind.NULL) {
        passed.add(value);
      }
    }
    for (SuspensionPoint.Saved value : passed) {
      if (value == null) {
        key.append("S,");
        desc.append(Names.COMPLETION_STAGE_DESC);
      } else {
        key.append(value.kind()).append(value.index()).append(',');
        desc.append(FrameLayout.passedAs(value.kind()).getDescriptor());
      }
    }
    desc.append(Names.RESUMER_DESC).append(Names.COROUTINE_DESC).append("I)Ljava/lang/Object;");
    return call(key.toString(), "suspend", desc.toString(), method,
        () -> suspendBody(layout, passed, stageAt));
  }

  /** The call to the helper that clears the first {@code refs} saved references: frame in, frame out. */
  MethodInsnNode clear(AsyncMethod method, FrameLayout layout, int refs) {
    String desc = "(" + Names.COROUTINE_DESC + ")" + Names.COROUTINE_DESC;
    return call("clear " + layout.key() + " " + refs, "clear", desc, method, () -> clearBody(layout, refs));
  }

  /** The call that reads a frame's label, checked: stack [frame, labels] to [label]. */
  MethodInsnNode label(AsyncMethod method) {
    String desc = "(" + Names.COROUTINE_DESC + "I)I";
    return call("label", "label", desc, method, () -> {
      InsnList code = new InsnList();
      LabelNode corrupt = new LabelNode();
      code.add(new VarInsnNode(Opcodes.ALOAD, 0));
      code.add(coroutineCall(Opcodes.INVOKEVIRTUAL, Names.LABEL, Names.LABEL_DESC));
      code.add(new VarInsnNode(Opcodes.ISTORE, 2));
      code.add(new VarInsnNode(Opcodes.ILOAD, 2));
      code.add(new JumpInsnNode(Opcodes.IFLE, corrupt));
      code.add(new VarInsnNode(Opcodes.ILOAD, 2));
      code.add(new VarInsnNode(Opcodes.ILOAD, 1));
      code.add(new JumpInsnNode(Opcodes.IF_ICMPGT, corrupt));
      code.add(new VarInsnNode(Opcodes.ILOAD, 2));
      code.add(new InsnNode(Opcodes.IRETURN));
      code.add(corrupt);
      code.add(new TypeInsnNode(Opcodes.NEW, "java/lang/IllegalStateException"));
      code.add(new InsnNode(Opcodes.DUP));
      code.add(new LdcInsnNode("corrupt resume label "));
      code.add(new VarInsnNode(Opcodes.ILOAD, 2));
      code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, "java/lang/String", "valueOf", "(I)Ljava/lang/String;", false));
      code.add(new MethodInsnNode(
          Opcodes.INVOKEVIRTUAL, "java/lang/String", "concat", "(Ljava/lang/String;)Ljava/lang/String;", false));
      code.add(new MethodInsnNode(
          Opcodes.INVOKESPECIAL, "java/lang/IllegalStateException", "<init>", "(Ljava/lang/String;)V", false));
      code.add(new InsnNode(Opcodes.ATHROW));
      return code;
    });
  }

  private MethodInsnNode call(String key, String kind, String desc, AsyncMethod method,
      java.util.function.Supplier<InsnList> body) {
    MethodInsnNode known = calls.get(key);
    if (known == null) {
      String name;
      int n = calls.size();
      do {
        name = "$weft$" + kind + "$" + n++;
      } while (!names.add(name));
      MethodNode helper = new MethodNode(
          Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, name, desc, null, null);
      helper.instructions = body.get();
      helper.maxLocals = Type.getArgumentsAndReturnSizes(desc) >> 2;
      helper.maxLocals += 2; // the temporaries that reach the frame's fields or arrays
      made.add(helper);
      madeFor.add(method.original.name);
      known = new MethodInsnNode(Opcodes.INVOKESTATIC, owner.name, name, desc, method.ownerIsInterface());
      calls.put(key, known);
    }
    return (MethodInsnNode) known.clone(null);
  }

  private static InsnList suspendBody(FrameLayout layout, List<SuspensionPoint.Saved> passed, int stageAt) {
    int[] slots = new int[passed.size()];
    int slot = 0;
    boolean refs = false;
    boolean prims = false;
    for (int i = 0; i < passed.size(); i++) {
      slots[i] = slot;
      SuspensionPoint.Saved value = passed.get(i);
      slot += value == null ? 1 : FrameLayout.passedAs(value.kind()).getSize();
      refs |= value != null && value.kind() == SuspensionPoint.Kind.REF;
      prims |= value != null && value.kind().isPrimitive();
    }
    int resumer = slot;
    int frame = slot + 1;
    int label = slot + 2;
    int refsTemp = slot + 3;
    int primsTemp = slot + 4;
    InsnList code = new InsnList();
    LabelNode haveFrame = new LabelNode();
    code.add(new VarInsnNode(Opcodes.ALOAD, frame));
    code.add(new JumpInsnNode(Opcodes.IFNONNULL, haveFrame));
    code.add(new VarInsnNode(Opcodes.ALOAD, resumer));
    layout.allocate(code);
    code.add(new VarInsnNode(Opcodes.ASTORE, frame));
    code.add(haveFrame);
    layout.reach(frame, refsTemp, primsTemp, refs, prims, code);
    for (int i = 0; i < passed.size(); i++) {
      SuspensionPoint.Saved value = passed.get(i);
      if (value != null) {
        SuspensionPoint.Saved asPassed = new SuspensionPoint.Saved(
            slots[i], value.kind(), FrameLayout.passedAs(value.kind()), value.index());
        layout.store(asPassed, slots[i], refsTemp, primsTemp, code);
      }
    }
    LabelNode notFirst = new LabelNode();
    code.add(new VarInsnNode(Opcodes.ALOAD, frame));
    code.add(new VarInsnNode(Opcodes.ALOAD, slots[stageAt]));
    code.add(new VarInsnNode(Opcodes.ILOAD, label));
    code.add(coroutineCall(Opcodes.INVOKEVIRTUAL, Names.SUSPEND, Names.SUSPEND_DESC));
    code.add(new JumpInsnNode(Opcodes.IFEQ, notFirst));
    code.add(new VarInsnNode(Opcodes.ALOAD, frame));
    code.add(coroutineCall(Opcodes.INVOKESTATIC, Names.ENTRY_RESULT, Names.ENTRY_RESULT_DESC));
    code.add(new InsnNode(Opcodes.ARETURN));
    code.add(notFirst);
    code.add(new InsnNode(Opcodes.ACONST_NULL));
    code.add(new InsnNode(Opcodes.ARETURN));
    return code;
  }

  private static InsnList clearBody(FrameLayout layout, int refs) {
    InsnList code = new InsnList();
    layout.reach(0, 1, 2, true, false, code);
    for (int i = 0; i < refs; i++) {
      layout.clear(i, 1, code);
    }
    code.add(new VarInsnNode(Opcodes.ALOAD, 0));
    code.add(new InsnNode(Opcodes.ARETURN));
    return code;
  }

  private static MethodInsnNode coroutineCall(int opcode, String name, String desc) {
    return new MethodInsnNode(opcode, Names.COROUTINE, name, desc, false);
  }
}
