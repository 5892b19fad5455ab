package dev.weft.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Programs woven directly (no processor), verified, loaded and run. */
class WeaverRunTest {

  private static Object run(String body) throws Exception {
    return WovenClasses.runProgram(body);
  }

  @Test
  void straightLineAcrossRealSuspensions() throws Exception {
    Object result =
        run(
            """
            public class P {
              static Task<Integer> later(int v) {
                Promise<Integer> p = Task.promise();
                new Thread(() -> { sleep(); p.complete(v); }).start();
                return p;
              }
              static void sleep() { try { Thread.sleep(5); } catch (InterruptedException e) { } }
              @Async static Task<String> work(String s, long l, double d) {
                int a = await(later(1));
                long b = l + await(later(2));
                double c = d * await(later(3));
                return Task.completed(s + a + b + c);
              }
              public static Object run() { return work("x", 10L, 1.5).join(); }
            }
            """);
    assertEquals("x1124.5", result);
  }

  @Test
  void constructorArgumentsAcrossAwaits() throws Exception {
    Object result =
        run(
            """
            public class P {
              record Pair(Object a, Object b) {}
              static Task<Integer> later(int v) {
                Promise<Integer> p = Task.promise();
                new Thread(() -> p.complete(v)).start();
                return p;
              }
              @Async static Task<Pair> work() {
                return Task.completed(new Pair(new Pair(await(later(1)), "k"), await(later(2))));
              }
              public static Object run() { return work().join().toString(); }
            }
            """);
    assertEquals("Pair[a=Pair[a=1, b=k], b=2]", result);
  }

  @Test
  void switchWithTryInConstructorArgumentSpillsTheUninitializedObject() throws Exception {
    // javac stores the operand stack, with the uninitialized Bar, in hidden locals across the try
    Object result =
        run(
            """
            public class P {
              record Bar(String s, int v) {}
              static Task<Integer> later(int v) {
                Promise<Integer> p = Task.promise();
                new Thread(() -> p.complete(v)).start();
                return p;
              }
              @Async static Task<String> work(int k, Task<Integer> s) {
                Bar b = new Bar("x", switch (k) {
                  case 0 -> 0;
                  default -> {
                    try {
                      yield await(s);
                    } catch (RuntimeException e) {
                      yield -1;
                    }
                  }
                });
                return Task.completed(b.toString());
              }
              public static Object run() {
                return work(0, later(5)).join() + work(1, later(5)).join() + work(1, Task.completed(6)).join()
                    + work(2, Task.failed(new IllegalStateException())).join();
              }
            }
            """);
    assertEquals("Bar[s=x, v=0]Bar[s=x, v=5]Bar[s=x, v=6]Bar[s=x, v=-1]", result);
  }

  @Test
  void catchAndFinallyAcrossAwaits() throws Exception {
    Object result =
        run(
            """
            public class P {
              static Task<Integer> later(int v) {
                Promise<Integer> p = Task.promise();
                new Thread(() -> p.complete(v)).start();
                return p;
              }
              static Task<Integer> failLater(Exception e) {
                Promise<Integer> p = Task.promise();
                new Thread(() -> p.fail(e)).start();
                return p;
              }
              @Async static Task<String> work() {
                StringBuilder log = new StringBuilder();
                int x = 7;
                for (int i = 0; i < 3; i++) {
                  try {
                    log.append(await(i == 1 ? failLater(new java.io.IOException("io" + i)) : later(i)));
                  } catch (Exception e) {
                    log.append("[").append(e.getMessage()).append(await(later(x))).append("]");
                  } finally {
                    log.append(await(later(100 + i)));
                  }
                }
                return Task.completed(log.toString());
              }
              public static Object run() { return work().join(); }
            }
            """);
    assertEquals("0100[io17]1012102", result);
  }

  @Test
  void aResumedFrameForgetsTheReferencesItRestored() throws Exception {
    WovenClasses classes =
        new WovenClasses(
            Map.of(
                "t.P",
                WovenClasses.PROGRAM_HEADER
                    + """
                    public class P {
                      public static Task<String> hold(Task<Integer> a, Task<Integer> b,
                          java.lang.ref.WeakReference<?>[] out) {
                        return body(a, b, out);
                      }
                      @Async static Task<String> body(Task<Integer> a, Task<Integer> b,
                          java.lang.ref.WeakReference<?>[] out) {
                        Object big = new byte[1 << 20];
                        out[0] = new java.lang.ref.WeakReference<>(big);
                        int x = await(a);            // big is saved in the frame here
                        String s = big.hashCode() * 0 + ":" + x;
                        int y = await(b);            // big is dead here
                        return Task.completed(s + y);
                      }
                    }
                    """));
    Class<?> p = classes.loadClass("t.P");
    dev.weft.Promise<Integer> a = dev.weft.Task.promise();
    dev.weft.Promise<Integer> b = dev.weft.Task.promise();
    java.lang.ref.WeakReference<?>[] out = new java.lang.ref.WeakReference<?>[1];
    dev.weft.Task<?> task =
        (dev.weft.Task<?>) p.getMethod("hold", dev.weft.Task.class, dev.weft.Task.class, out.getClass()).invoke(null, a, b, out);
    a.complete(1);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (out[0].get() != null && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(10);
    }
    assertTrue(
        out[0].get() == null, "the frame suspended at the second await still holds the first await's object");
    b.complete(2);
    assertEquals("0:12", task.join());
  }

  @Test
  void awaitDeclaringTwoCheckedTypesThrowsEachToItsCatch() throws Exception {
    Object result =
        run(
            """
            public class P {
              static class A extends Exception { A(String m) { super(m); } }
              static class B extends Exception { B(String m) { super(m); } }
              static Task<String> later(Exception failure) {
                Promise<String> p = Task.promise();
                new Thread(() -> { if (failure == null) p.complete("ok"); else p.fail(failure); }).start();
                return p;
              }
              @Async static Task<String> work(Exception failure) {
                String before = await(later(null));
                try {
                  return Task.completed(before + ":" + await(later(failure), A.class, B.class));
                } catch (A e) {
                  return Task.completed(before + ":A " + e.getMessage());
                } catch (B e) {
                  return Task.completed(before + ":B " + e.getMessage());
                }
              }
              public static Object run() {
                return work(null).join() + "," + work(new A("a")).join() + "," + work(new B("b")).join();
              }
            }
            """);
    assertEquals("ok:ok,ok:A a,ok:B b", result);
  }

  @Test
  void wovenClassIsMarkedAndNotWovenTwice() throws Exception {
    WovenClasses classes =
        new WovenClasses(
            Map.of(
                "t.P",
                WovenClasses.PROGRAM_HEADER
                    + """
                    public class P {
                      @Async static Task<Integer> one(Task<Integer> t) { return Task.completed(await(t) + 1); }
                    }
                    """));
    Weaver weaver = new Weaver(ClassHierarchy.fromResources(getClass().getClassLoader()));
    assertNull(weaver.weave(classes.woven.get("t/P")));
    byte[] again = new Weaver(classes.hierarchy()).weave(classes.original.get("t/P"));
    assertArrayEquals(classes.woven.get("t/P"), again);
  }
}
