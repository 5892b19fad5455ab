package dev.weft.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Classes whose {@code @Async} methods javac pairs with bridges, or whose generated members would
 * share a name and descriptor if they were named from the method alone, woven, loaded and run.
 */
class WeaverMemberNamesTest {

  private static final String HEADER =
      """
      package t;
      import dev.weft.*;
      import dev.weft.annotations.Async;
      import static dev.weft.Task.await;
      import java.util.concurrent.*;
      import java.util.function.*;
      """;

  private static Object run(String body) throws Exception {
    WovenClasses classes = new WovenClasses(Map.of("t.P", HEADER + body));
    return classes.call("t.P", "run");
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
