package dev.weft.weaver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the weaver refuses: each error names class, method and source line. */
class WeaveErrorTest {

  private static final String HEADER =
      """
      package t;
      import dev.weft.*;
      import dev.weft.annotations.Async;
      import static dev.weft.Task.await;
      """;

  private static List<WeaveProblem> problems(String body) {
    Map<String, byte[]> classes = InMemoryJavac.compile(Map.of("t.P", HEADER + body));
    byte[] original = classes.get("t/P");
    Weaver weaver = new Weaver(ClassHierarchy.fromResources(WeaveErrorTest.class.getClassLoader()));
    WeaveException e = assertThrows(WeaveException.class, () -> weaver.weave(original));
    return e.problems();
  }

  @Test
  void awaitInsideSynchronizedBlock() {
    List<WeaveProblem> problems =
        problems(
            """
            public class P {
              final Object lock = new Object();
              @Async Task<Integer> m(Task<Integer> t) {
                synchronized (lock) {
                  return Task.completed(await(t));
                }
              }
            }
            """);
    assertEquals(1, problems.size());
    WeaveProblem p = problems.get(0);
    assertEquals("t/P", p.className());
    assertEquals("m", p.methodName());
    assertEquals(9, p.line());
    assertTrue(p.message().contains("synchronized"), p.message());
    assertEquals(WeaveProblem.Kind.AWAIT_IN_SYNCHRONIZED, p.kind());
    assertEquals("t/P.java", p.sourcePath());
    assertEquals("t/P.java:9: [WeftAwaitInSynchronized] could not weave t.P.m: " + p.message(), p.report(p.sourcePath()));
  }

  @Test
  void sourcePathIsThePackageDirectoryAndTheFileTheClassRecords() {
    assertEquals("com/acme/Orders.java", new WeaveProblem("com/acme/Orders$1", "m", "Orders.java", 12, "x").sourcePath());
    assertEquals("Top.java", new WeaveProblem("Top", "m", "Top.java", -1, "x").sourcePath());
    assertEquals("com/acme/Orders.java", new WeaveProblem("com/acme/Orders$In", "m", null, 3, "x").sourcePath());
    assertEquals(WeaveProblem.Kind.WEAVE_FAILED, new WeaveProblem("Top", "m", "Top.java", -1, "x").kind());
    assertEquals("src/Top.java:?: [WeftWeaveFailed] could not weave Top: boom",
        new WeaveProblem("Top", "?", "Top.java", -1, "boom").report("src/Top.java"));
  }

  @Test
  void methodNamedLikeAGeneratedMemberIsRefused() {
    List<WeaveProblem> problems =
        problems(
            """
            public class P {
              @Async Task<Integer> m(Task<Integer> t) {
                return Task.completed(await(t));
              }
              static void m$weft$0$resumer() {}
            }
            """);
    assertEquals(1, problems.size());
    WeaveProblem p = problems.get(0);
    assertEquals("m", p.methodName());
    assertEquals(7, p.line());
    assertTrue(p.message().contains("m$weft$0$resumer"), p.message());
    assertEquals(WeaveProblem.Kind.WEAVE_FAILED, p.kind());
  }

  @Test
  void awaitAfterSynchronizedBlockIsFine() throws Exception {
    Map<String, byte[]> classes =
        InMemoryJavac.compile(
            Map.of(
                "t.P",
                HEADER
                    + """
                    public class P {
                      final Object lock = new Object();
                      int n;
                      @Async Task<Integer> m(Task<Integer> t) {
                        synchronized (lock) { n++; }
                        return Task.completed(await(t) + n);
                      }
                    }
                    """));
    assertTrue(new Weaver(ClassHierarchy.fromResources(getClass().getClassLoader())).weave(classes.get("t/P")).length > 0);
  }

  @Test
  void awaitInLambdaAndOutsideAsync() {
    List<WeaveProblem> problems =
        problems(
            """
            public class P {
              @Async Task<Integer> m(Task<Integer> t) {
                java.util.function.Supplier<Integer> s = () -> await(t);
                return Task.completed(s.get());
              }
              Integer plain(Task<Integer> t) {
                return await(t);
              }
            }
            """);
    assertEquals(2, problems.size());
    assertEquals(11, problems.get(0).line());
    assertTrue(problems.get(0).message().contains("which is not an @Async method"), problems.get(0).message());
    assertEquals(WeaveProblem.Kind.AWAIT_OUTSIDE_ASYNC, problems.get(0).kind());
    assertEquals("plain", problems.get(0).methodName());
    WeaveProblem inLambda = problems.get(1);
    assertEquals(7, inLambda.line());
    assertEquals(WeaveProblem.Kind.AWAIT_IN_LAMBDA, inLambda.kind());
    // the source method, not javac's lambda$m$0
    assertEquals("m", inLambda.methodName());
    assertTrue(inLambda.message().startsWith("await() inside a lambda in P.m cannot suspend m"), inLambda.message());
    assertEquals("t/P.java:7: [WeftAwaitInLambda] could not weave t.P.m: " + inLambda.message(),
        inLambda.report(inLambda.sourcePath()));
    assertTrue(!inLambda.report("x").contains("lambda$"), inLambda.report("x"));
  }

  @Test
  void awaitInALambdaOfAPlainMethodIsOutsideAsyncNamedByTheSourceMethod() {
    List<WeaveProblem> problems =
        problems(
            """
            public class P {
              java.util.function.Supplier<Integer> later(Task<Integer> t) {
                return () -> await(t);
              }
            }
            """);
    assertEquals(1, problems.size());
    WeaveProblem p = problems.get(0);
    assertEquals(WeaveProblem.Kind.AWAIT_OUTSIDE_ASYNC, p.kind());
    assertEquals("later", p.methodName());
    assertTrue(p.message().startsWith("await() in a lambda in P.later, which is not an @Async method"), p.message());
  }

  @Test
  void wrongReturnTypeAndSynchronizedMethod() {
    List<WeaveProblem> problems =
        problems(
            """
            public class P {
              @Async Integer m(Task<Integer> t) {
                return await(t);
              }
              @Async synchronized Task<Integer> s(Task<Integer> t) {
                return Task.completed(await(t));
              }
            }
            """);
    assertEquals(2, problems.size());
    assertEquals("m", problems.get(0).methodName());
    assertTrue(problems.get(0).message().contains("must return Task, CompletableFuture or CompletionStage"));
    assertEquals("s", problems.get(1).methodName());
    assertTrue(problems.get(1).message().contains("synchronized"));
    assertEquals(WeaveProblem.Kind.ASYNC_RETURN_TYPE, problems.get(0).kind());
    assertEquals(WeaveProblem.Kind.ASYNC_SYNCHRONIZED, problems.get(1).kind());
  }

  @Test
  void eachKindCarriesTheProcessorsId() {
    assertEquals("WeftAwaitOutsideAsync", WeaveProblem.Kind.AWAIT_OUTSIDE_ASYNC.id());
    assertEquals("WeftAwaitInLambda", WeaveProblem.Kind.AWAIT_IN_LAMBDA.id());
    assertEquals("WeftAwaitInSynchronized", WeaveProblem.Kind.AWAIT_IN_SYNCHRONIZED.id());
    assertEquals("WeftAsyncWithoutBody", WeaveProblem.Kind.ASYNC_WITHOUT_BODY.id());
    assertEquals("WeftAsyncReturnType", WeaveProblem.Kind.ASYNC_RETURN_TYPE.id());
    assertEquals("WeftAsyncSynchronized", WeaveProblem.Kind.ASYNC_SYNCHRONIZED.id());
    assertEquals("WeftWeaveFailed", WeaveProblem.Kind.WEAVE_FAILED.id());
  }

  @Test
  void awaitWithTwoCheckedTypesInALambdaIsRefusedLikeAnyAwait() {
    List<WeaveProblem> problems =
        problems(
            """
            public class P {
              @Async Task<Integer> m(Task<Integer> t) {
                java.util.concurrent.Callable<Integer> c =
                    () -> await(t, java.io.IOException.class, java.util.concurrent.TimeoutException.class);
                return Task.completed(1);
              }
            }
            """);
    assertEquals(1, problems.size());
    assertEquals(WeaveProblem.Kind.AWAIT_IN_LAMBDA, problems.get(0).kind());
    assertEquals(8, problems.get(0).line());
  }

  @Test
  void unknownClassInHierarchyIsReportedNotThrown() {
    Map<String, byte[]> classes =
        InMemoryJavac.compile(
            Map.of(
                "t.P",
                HEADER
                    + """
                    public class P {
                      @Async Task<Object> m(Task<Integer> t, boolean b) {
                        Object o = b ? new java.util.ArrayList<String>() : new java.util.LinkedList<String>();
                        await(t);
                        return Task.completed(o);
                      }
                    }
                    """));
    Weaver blind = new Weaver(name -> null);
    WeaveException e = assertThrows(WeaveException.class, () -> blind.weave(classes.get("t/P")));
    assertTrue(e.getMessage().contains("cannot find class"), e.getMessage());
  }

  @Test
  void aClassWovenInAFormatThisVersionDoesNotRunIsRefusedNamingTheFormats() throws Exception {
    Map<String, byte[]> classes = InMemoryJavac.compile(Map.of("t.P", HEADER + """
        public class P {
          @Async Task<Integer> m(Task<Integer> t) { return Task.completed(await(t) + 1); }
        }
        """));
    Weaver weaver = new Weaver(ClassHierarchy.fromResources(WeaveErrorTest.class.getClassLoader()));
    byte[] woven = weaver.weave(classes.get("t/P"));
    assertNull(weaver.weave(woven), "woven in this format: left alone");
    assertNull(weaver.weave(withWovenFormat(woven, 3)), "woven in format 3, which still runs: left alone");
    for (int format : new int[] {2, Weaver.FORMAT + 1}) {
      byte[] other = withWovenFormat(woven, format);
      WeaveException e = assertThrows(WeaveException.class, () -> weaver.weave(other));
      assertTrue(e.getMessage().contains("t.P") && e.getMessage().contains("woven format " + format + " ")
          && e.getMessage().contains("writes format " + Weaver.FORMAT)
          && e.getMessage().contains("runs formats 3 to " + Weaver.FORMAT), e.getMessage());
    }
  }

  /** {@code classFile} with the format of its {@code @Woven} mark replaced by {@code format}. */
  private static byte[] withWovenFormat(byte[] classFile, int format) {
    org.objectweb.asm.tree.ClassNode node = new org.objectweb.asm.tree.ClassNode();
    new org.objectweb.asm.ClassReader(classFile).accept(node, 0);
    for (org.objectweb.asm.tree.AnnotationNode a : node.invisibleAnnotations) {
      if (a.desc.equals("Ldev/weft/annotations/Woven;")) {
        a.values = new java.util.ArrayList<>(List.of("format", format));
      }
    }
    org.objectweb.asm.ClassWriter w = new org.objectweb.asm.ClassWriter(0);
    node.accept(w);
    return w.toByteArray();
  }

  @Test
  void classesWithoutAsyncAreLeftAlone() throws Exception {
    Map<String, byte[]> classes =
        InMemoryJavac.compile(Map.of("t.P", HEADER + "public class P { int f(int x) { return x + 1; } }"));
    assertNull(new Weaver(name -> null).weave(classes.get("t/P")));
  }

  @Test
  void garbageIsReportedNotThrown() {
    byte[] garbage = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 0, 99};
    WeaveException e = assertThrows(WeaveException.class, () -> new Weaver(name -> null).weave(garbage));
    assertTrue(e.getMessage().contains("unreadable class file"), e.getMessage());
    assertArrayEquals(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 0, 99}, garbage);
  }

  /** A class ASM reads but whose @Async method has a malformed descriptor (found by fuzzing). */
  @Test
  void malformedDescriptorIsAWeaveExceptionNotACrash() {
    org.objectweb.asm.ClassWriter writer = new org.objectweb.asm.ClassWriter(0);
    writer.visit(org.objectweb.asm.Opcodes.V17, org.objectweb.asm.Opcodes.ACC_PUBLIC, "t/Bad", null,
        "java/lang/Object", null);
    org.objectweb.asm.MethodVisitor m = writer.visitMethod(
        org.objectweb.asm.Opcodes.ACC_STATIC, "m", "(I", null, null);
    m.visitAnnotation("Ldev/weft/annotations/Async;", false).visitEnd();
    m.visitCode();
    m.visitInsn(org.objectweb.asm.Opcodes.ACONST_NULL);
    m.visitInsn(org.objectweb.asm.Opcodes.ARETURN);
    m.visitMaxs(1, 1);
    m.visitEnd();
    writer.visitEnd();
    byte[] bad = writer.toByteArray();
    Weaver weaver = new Weaver(ClassHierarchy.fromResources(WeaveErrorTest.class.getClassLoader()));
    WeaveException e = assertThrows(WeaveException.class, () -> weaver.weave(bad));
    assertEquals("t/Bad", e.problems().get(0).className());
    assertTrue(e.problems().get(0).message().startsWith("malformed class file"), e.problems().get(0).message());
  }

  @Test
  void aNonStandardAttributeInsideCodeIsRefusedNotMovedOutOfIt() {
    org.objectweb.asm.ClassWriter writer = new org.objectweb.asm.ClassWriter(0);
    writer.visit(org.objectweb.asm.Opcodes.V17, org.objectweb.asm.Opcodes.ACC_PUBLIC, "t/Attr", null,
        "java/lang/Object", null);
    org.objectweb.asm.MethodVisitor m = writer.visitMethod(org.objectweb.asm.Opcodes.ACC_STATIC,
        "m", "()Ldev/weft/Task;", null, null);
    m.visitAnnotation("Ldev/weft/annotations/Async;", false).visitEnd();
    m.visitCode();
    m.visitInsn(org.objectweb.asm.Opcodes.ACONST_NULL);
    m.visitInsn(org.objectweb.asm.Opcodes.ARETURN);
    m.visitAttribute(new org.objectweb.asm.Attribute("Code") {
      @Override
      public boolean isCodeAttribute() {
        return true; // written inside this method's Code attribute, as a mutated class file has it
      }

      @Override
      protected org.objectweb.asm.ByteVector write(org.objectweb.asm.ClassWriter cw, byte[] code,
          int len, int maxStack, int maxLocals) {
        return new org.objectweb.asm.ByteVector().putInt(0);
      }
    });
    m.visitMaxs(1, 0);
    m.visitEnd();
    writer.visitEnd();
    byte[] withAttribute = writer.toByteArray();
    Weaver weaver = new Weaver(ClassHierarchy.fromResources(WeaveErrorTest.class.getClassLoader()));
    WeaveException e = assertThrows(WeaveException.class, () -> weaver.weave(withAttribute));
    assertEquals("t/Attr", e.problems().get(0).className());
    assertTrue(e.problems().get(0).message().contains(
        "non-standard attribute inside the Code of m()Ldev/weft/Task; (Code)"), e.problems().get(0).message());
  }

  @Test
  void methodTooLargeOnceWovenIsOneLineWithItsSize() {
    // 60 live ints spilled and restored at each of 150 awaits: small as written, over 64 KB woven
    StringBuilder body = new StringBuilder("public class P {\n  @Async static Task<Integer> big(Task<Integer> t, int k) {\n");
    for (int i = 0; i < 60; i++) {
      body.append("    int a").append(i).append(" = k + ").append(i).append(";\n");
    }
    body.append("    int s = 0;\n");
    for (int i = 0; i < 150; i++) {
      body.append("    s += await(t);\n");
    }
    body.append("    return Task.completed(s");
    for (int i = 0; i < 60; i++) {
      body.append(" + a").append(i);
    }
    body.append(");\n  }\n}\n");
    Map<String, byte[]> classes = InMemoryJavac.compile(Map.of("t.P", HEADER + body));
    Weaver weaver = new Weaver(ClassHierarchy.fromResources(WeaveErrorTest.class.getClassLoader()));
    WeaveException e = assertThrows(WeaveException.class, () -> weaver.weave(classes.get("t/P")));
    assertEquals(1, e.problems().size());
    WeaveProblem p = e.problems().get(0);
    assertEquals("big", p.methodName());
    assertEquals(7, p.line());
    assertTrue(p.message().contains("too large"), p.message());
    assertTrue(p.message().contains("(Ldev/weft/Task;I)Ldev/weft/Task;"), p.message());
    assertTrue(p.message().matches(".*\\d{5,} bytes.*"), p.message());
    assertTrue(p.message().contains("split"), p.message());
    assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    assertNull(e.getCause(), "no method dump");
  }
}
