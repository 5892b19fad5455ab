package dev.weft.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Classes whose {@code @Async} methods javac pairs with bridges, or whose generated members would
 * share a name and descriptor if they were named from the method alone, woven, loaded and run.
 */
class WeaverMemberNamesTest {

  private static Object run(String body) throws Exception {
    return WovenClasses.runProgram(body);
  }

  @Test
  void bridgeOfGenericInterfaceIsNotWoven() throws Exception {
    Object result =
        run(
            """
            public class P {
              static class J implements Supplier<Task<Integer>> {
                final Promise<Integer> p = Task.promise();
                @Async public Task<Integer> get() { return Task.completed(await(p) + 1); }
              }
              public static Object run() {
                J j = new J();
                Supplier<Task<Integer>> s = j;
                Task<Integer> t = s.get();
                j.p.complete(41);
                return t.join();
              }
            }
            """);
    assertEquals(42, result);
  }

  @Test
  void covariantOverrideBridgeIsNotWoven() throws Exception {
    Object result =
        run(
            """
            public class P {
              interface Source { CompletionStage<Integer> next(); }
              static class C implements Source {
                final Promise<Integer> p = Task.promise();
                @Async public Task<Integer> next() { return Task.completed(await(p) * 2); }
              }
              public static Object run() {
                C c = new C();
                Source s = c;
                CompletionStage<Integer> t = s.next();
                c.p.complete(21);
                return t.toCompletableFuture().join();
              }
            }
            """);
    assertEquals(42, result);
  }

  @Test
  void overloadsStaticAndInstanceWithSameMachineShapeWeave() throws Exception {
    Object result =
        run(
            """
            public class P {
              final Promise<Integer> p = Task.promise();
              @Async Task<String> m(int a) { return Task.completed("i" + (await(p) + a)); }
              @Async static Task<String> m(P o, int a) { return Task.completed("s" + (await(o.p) + a)); }
              @Async static Task<String> m(P o, long a) { return Task.completed("l" + (await(o.p) + a)); }
              @Async CompletableFuture<String> m(long a) { return CompletableFuture.completedFuture("c" + (await(p) + a)); }
              @Async CompletionStage<String> m() { return Task.completed("n" + await(p)); }
              @Async static Task<String> m(P o) { return Task.completed("o" + await(o.p)); }
              public static Object run() {
                P o = new P();
                Task<String> a = o.m(1);
                Task<String> b = m(o, 2);
                Task<String> c = m(o, 3L);
                CompletableFuture<String> d = o.m(4L);
                CompletionStage<String> e = o.m();
                Task<String> f = m(o);
                o.p.complete(10);
                return a.join() + b.join() + c.join() + d.join() + e.toCompletableFuture().join() + f.join();
              }
            }
            """);
    assertEquals("i11s12l13c14n10o10", result);
  }

  @Test
  void onlyTheSecondOfTwoStateMachinesWithOneDescriptorIsRenamed() throws Exception {
    WovenClasses classes =
        new WovenClasses(
            Map.of(
                "t.P",
                WovenClasses.PROGRAM_HEADER
                    + """
                    public class P {
                      @Async Task<Integer> m(int a) { return Task.completed(await(Task.completed(a))); }
                      @Async static Task<Integer> m(P o, int a) { return Task.completed(await(Task.completed(a))); }
                    }
                    """));
    ClassNode node = new ClassNode();
    new ClassReader(classes.woven.get("t/P")).accept(node, 0);
    List<String> machines = new ArrayList<>();
    for (MethodNode method : node.methods) {
      if (method.desc.endsWith("Ldev/weft/internal/Coroutine;)Ljava/lang/Object;")) {
        machines.add(method.name + method.desc);
      }
    }
    assertEquals(
        List.of(
            "m(Lt/P;ILdev/weft/internal/Coroutine;)Ljava/lang/Object;",
            "m$weft$1$machine(Lt/P;ILdev/weft/internal/Coroutine;)Ljava/lang/Object;"),
        machines);
  }

  @Test
  void awaitReachedThroughPromiseWeaves() throws Exception {
    Object result =
        run(
            """
            public class P {
              @Async static Task<Integer> work(Promise<Integer> p) { return Task.completed(Promise.await(p) + 1); }
              public static Object run() {
                Promise<Integer> p = Task.promise();
                Task<Integer> t = work(p);
                p.complete(41);
                return t.join();
              }
            }
            """);
    assertEquals(42, result);
  }
}
