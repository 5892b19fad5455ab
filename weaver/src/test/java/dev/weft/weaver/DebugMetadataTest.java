package dev.weft.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.junit.jupiter.api.Test;

/**
 * The debug metadata of woven format 4 (the source file and the line of each await, handed to the
 * runtime by the resumer's bootstrap), and the formats the runtime runs: a class woven in format 3
 * still runs, without lines; a class of a format the runtime does not know is refused when its
 * method first suspends.
 */
class DebugMetadataTest {
  /** Line numbers matter: {@code await(a)} is on line 7, {@code await(b)} on line 9. */
  private static final String SOURCE = """
      package t;
      import dev.weft.*;
      import dev.weft.annotations.Async;
      import static dev.weft.Task.await;
      public class P {
        @Async public static Task<Integer> sum(Task<Integer> a, Task<Integer> b) {
          int x = await(a);
          int y =
              await(b);
          return Task.completed(x + y);
        }
      }
      """;

  private static final Handle FORMAT_3_BOOTSTRAP = new Handle(Opcodes.H_INVOKESTATIC,
      "dev/weft/internal/Coroutine", "resumer",
      "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;"
          + "Ljava/lang/invoke/MethodHandle;)Ldev/weft/internal/Coroutine$Resumer;", false);

  private static byte[] woven() throws Exception {
    return weave(InMemoryJavac.compile(Map.of("t.P", SOURCE)).get("t/P"));
  }

  private static byte[] weave(byte[] compiled) throws Exception {
    return new Weaver(ClassHierarchy.fromResources(DebugMetadataTest.class.getClassLoader())).weave(compiled);
  }

  /** Calls {@code P.sum(a, b)} of the class {@code classFile}. */
  private static CompletableFuture<?> sum(byte[] classFile, CompletableFuture<Integer> a,
      CompletableFuture<Integer> b) throws Exception {
    Class<?> p = new ByteLoader(Map.of("t/P", classFile)).loadClass("t.P");
    Object task = p.getMethod("sum", dev.weft.Task.class, dev.weft.Task.class).invoke(null, task(a), task(b));
    return ((dev.weft.Task<?>) task).toCompletableFuture();
  }

  private static dev.weft.Task<Integer> task(CompletableFuture<Integer> f) {
    dev.weft.Promise<Integer> p = dev.weft.Task.promise();
    f.thenAccept(p::complete);
    return p;
  }

  /** {@code Continuation.suspendedAt()} of {@code task}. */
  private static StackTraceElement suspendedAt(Object task) throws Exception {
    Method m = dev.weft.Continuation.class.getDeclaredMethod("suspendedAt");
    m.setAccessible(true);
    return (StackTraceElement) m.invoke(task);
  }

  /** Calls {@code sum} so that it suspends at {@code await(a)} or, with {@code a} done, at {@code await(b)}. */
  private static Object suspendedSum(byte[] classFile, boolean firstDone) throws Exception {
    Class<?> p = new ByteLoader(Map.of("t/P", classFile)).loadClass("t.P");
    dev.weft.Promise<Integer> a = dev.weft.Task.promise();
    if (firstDone) {
      a.complete(1);
    }
    return p.getMethod("sum", dev.weft.Task.class, dev.weft.Task.class)
        .invoke(null, a, dev.weft.Task.promise());
  }

  @Test
  void aSuspendedCoroutineIsAtTheFileAndLineOfItsAwait() throws Exception {
    byte[] woven = woven();
    assertEquals(new StackTraceElement("t.P", "sum", "P.java", 7), suspendedAt(suspendedSum(woven, false)));
    assertEquals(new StackTraceElement("t.P", "sum", "P.java", 9), suspendedAt(suspendedSum(woven, true)));
  }

  @Test
  void aClassWithoutSourceFileGivesNoFileAndStillItsLines() throws Exception {
    ClassNode node = read(InMemoryJavac.compile(Map.of("t.P", SOURCE)).get("t/P"));
    node.sourceFile = null;
    byte[] noFile = weave(write(node));
    assertEquals(new StackTraceElement("t.P", "sum", null, 9), suspendedAt(suspendedSum(noFile, true)));
  }

  @Test
  void aClassWovenInFormat3StillRunsAndIsLeftAsWovenWithoutLines() throws Exception {
    byte[] format3 = asFormat3(woven());
    assertNull(new Weaver(name -> null).weave(format3), "woven already, in a format that runs");
    Object suspended = suspendedSum(format3, true);
    assertEquals(new StackTraceElement("t.P", "sum", null, -1), suspendedAt(suspended));
    CompletableFuture<Integer> a = new CompletableFuture<>();
    CompletableFuture<Integer> b = new CompletableFuture<>();
    CompletableFuture<?> result = sum(format3, a, b);
    a.complete(2);
    b.complete(3);
    assertEquals(5, result.get(10, java.util.concurrent.TimeUnit.SECONDS));
  }

  @Test
  void aFormatTheRuntimeDoesNotRunIsRefusedAtTheFirstSuspensionNamingClassMethodAndFormats()
      throws Exception {
    ClassNode node = read(woven());
    for (LdcInsnNode ldc : resumerConstants(node)) {
      ConstantDynamic c = (ConstantDynamic) ldc.cst;
      ldc.cst = new ConstantDynamic(c.getName(), c.getDescriptor(), c.getBootstrapMethod(),
          c.getBootstrapMethodArgument(0), 99, c.getBootstrapMethodArgument(2),
          c.getBootstrapMethodArgument(3));
    }
    Object task = suspendedSum(write(node), true);
    CompletionException e = assertThrows(CompletionException.class, ((dev.weft.Task<?>) task)::join);
    assertTrue(e.getCause() instanceof BootstrapMethodError, () -> "a BootstrapMethodError: " + e.getCause());
    String message = e.getCause().getMessage();
    assertEquals("t.P.sum was woven in Weft's woven format 99, but this runtime runs formats 3 to 4:"
        + " rebuild t.P with the weaver (weft-processor, weft-agent or weft-maven-plugin) of the same"
        + " version as this weft-runtime", message);
  }

  /** {@code classFile} as the weaver of format 3 wrote it: marked 3, its resumers made without metadata. */
  private static byte[] asFormat3(byte[] classFile) {
    ClassNode node = read(classFile);
    List<LdcInsnNode> constants = resumerConstants(node);
    assertEquals(1, constants.size(), "one resumer constant");
    for (LdcInsnNode ldc : constants) {
      ConstantDynamic c = (ConstantDynamic) ldc.cst;
      ldc.cst = new ConstantDynamic(c.getName(), c.getDescriptor(), FORMAT_3_BOOTSTRAP,
          c.getBootstrapMethodArgument(0));
    }
    for (AnnotationNode a : node.invisibleAnnotations) {
      if (a.desc.equals(Names.WOVEN_DESC)) {
        a.values = new ArrayList<>(List.of("format", 3));
      }
    }
    return write(node);
  }

  private static List<LdcInsnNode> resumerConstants(ClassNode node) {
    List<LdcInsnNode> found = new ArrayList<>();
    for (MethodNode m : node.methods) {
      for (AbstractInsnNode insn : m.instructions) {
        if (insn instanceof LdcInsnNode ldc && ldc.cst instanceof ConstantDynamic c
            && c.getBootstrapMethod().equals(Names.RESUMER_BOOTSTRAP)) {
          found.add(ldc);
        }
      }
    }
    return found;
  }

  private static ClassNode read(byte[] classFile) {
    ClassNode node = new ClassNode();
    new ClassReader(classFile).accept(node, 0);
    return node;
  }

  private static byte[] write(ClassNode node) {
    ClassWriter w = new ClassWriter(0);
    node.accept(w);
    return w.toByteArray();
  }
}
