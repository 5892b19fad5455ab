package dev.weft.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

/** The shape of woven code: what the fast path costs and what the JIT is given. */
class WeaverShapeTest {

  private static final String SOURCE =
      """
      package t;
      import dev.weft.*;
      import dev.weft.annotations.Async;
      import static dev.weft.Task.await;
      import java.util.concurrent.CompletionStage;
      public class P {
        @Async static Task<Integer> plusOne(CompletionStage<Integer> stage, String s) {
          int v = await(stage);
          return Task.completed(v + s.length());
        }
        @Async static Task<Integer> plusTwo(CompletionStage<Integer> stage, String s) {
          int v = await(stage);
          return Task.completed(v + 2 + s.length());
        }
        @Async static Task<Long> wide(Task<Integer> t, long a, long b, long c, String d, String e,
            String f, String g, String h) {
          long r = a + b + c + await(t);
          return Task.completed(r + d.length() + e.length() + f.length() + g.length() + h.length());
        }
      }
      """;

  private static ClassNode woven() throws Exception {
    WovenClasses classes = new WovenClasses(Map.of("t.P", SOURCE));
    ClassNode node = new ClassNode();
    new ClassReader(classes.woven.get("t/P")).accept(node, 0);
    return node;
  }

  private static MethodNode machine(ClassNode node, String name) {
    return node.methods.stream()
        .filter(m -> m.name.equals(name) && m.desc.contains("Ldev/weft/internal/Coroutine;)"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void stateMachineHoldsNoDynamicConstantSoTheJitCompilesIt() throws Exception {
    // C1 and C2 skip a method with an unresolved dynamic constant; the resumer's constant is
    // resolved only at the first suspension, so it must live in a method of its own.
    MethodNode machine = machine(woven(), "plusOne");
    for (AbstractInsnNode insn : machine.instructions) {
      assertFalse(insn instanceof LdcInsnNode ldc && ldc.cst instanceof ConstantDynamic, "condy in the state machine");
      assertFalse(insn.getOpcode() == Opcodes.INVOKEDYNAMIC, "indy in the state machine");
    }
  }

  @Test
  void theCompletionTestComesBeforeAnySaveOrAllocation() throws Exception {
    MethodNode machine = machine(woven(), "plusOne");
    AbstractInsnNode isDone = find(machine, "isDone");
    assertNotNull(isDone);
    AbstractInsnNode body = machine.instructions.getFirst();
    while (!(body instanceof org.objectweb.asm.tree.LineNumberNode)) {
      body = body.getNext(); // the resume dispatch has no line; the body starts at its first line
    }
    for (AbstractInsnNode at = body; at != isDone; at = at.getNext()) {
      assertFalse(at.getOpcode() == Opcodes.NEW || at.getOpcode() == Opcodes.ANEWARRAY, "allocation before the test");
      assertFalse(at instanceof MethodInsnNode call && call.name.startsWith("new"), "frame made before the test");
    }
    assertEquals(Opcodes.DUP, isDone.getPrevious().getOpcode());
  }

  @Test
  void smallFramesUseFieldsAndLargeOnesArrays() throws Exception {
    ClassNode node = woven();
    assertEquals(List.of("dev/weft/internal/Frames$R1P0"), castTargets(machine(node, "plusOne")));
    assertTrue(find(helperCalledBy(node, machine(node, "plusOne")), "newFieldFrame") != null);
    assertEquals(List.of("dev/weft/internal/Frames$Arrays"), castTargets(machine(node, "wide")),
        "wide saves 5 references and 4 primitives");
    assertTrue(
        java.util.stream.StreamSupport.stream(machine(node, "wide").instructions.spliterator(), false)
            .filter(i -> i.getOpcode() == Opcodes.GETFIELD)
            .map(i -> ((org.objectweb.asm.tree.FieldInsnNode) i).owner)
            .allMatch("dev/weft/internal/Frames$Arrays"::equals),
        "the arrays are read from the array frame class");
    assertTrue(find(helperCalledBy(node, machine(node, "wide")), "newFrame") != null);
  }

  @Test
  void awaitSitesOfOneShapeShareOneSuspendHelper() throws Exception {
    ClassNode node = woven();
    MethodNode plusOne = machine(node, "plusOne");
    for (String inline : List.of("newFieldFrame", "newFrame", "suspend", "entryResult")) {
      assertNull(find(plusOne, inline), inline + " is in the shared helper, not in the state machine");
    }
    MethodNode helper = helperCalledBy(node, plusOne);
    assertEquals(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, helper.access);
    assertTrue(helper.name.contains("$weft$"), "async stack traces leave out names with $weft$");
    assertEquals(helper, helperCalledBy(node, machine(node, "plusTwo")), "same live values, same helper");
    assertTrue(helper != helperCalledBy(node, machine(node, "wide")));
  }

  /** The suspend helper {@code machine} calls. */
  private static MethodNode helperCalledBy(ClassNode node, MethodNode machine) {
    String name = null;
    for (AbstractInsnNode insn : machine.instructions) {
      if (insn instanceof MethodInsnNode call && call.name.startsWith("$weft$suspend$")) {
        assertTrue(name == null || name.equals(call.name), "one helper per site shape");
        name = call.name;
      }
    }
    String found = name;
    return node.methods.stream().filter(m -> m.name.equals(found)).findFirst().orElseThrow();
  }

  private static List<String> castTargets(MethodNode machine) {
    return java.util.stream.StreamSupport.stream(machine.instructions.spliterator(), false)
        .filter(i -> i.getOpcode() == Opcodes.CHECKCAST)
        .map(i -> ((TypeInsnNode) i).desc)
        .filter(d -> d.startsWith("dev/weft/internal/Frames$"))
        .distinct()
        .toList();
  }

  private static AbstractInsnNode find(MethodNode method, String name) {
    for (AbstractInsnNode insn : method.instructions) {
      if (insn instanceof MethodInsnNode call && call.owner.equals("dev/weft/internal/Coroutine") && call.name.equals(name)) {
        return insn;
      }
    }
    return null;
  }
}
