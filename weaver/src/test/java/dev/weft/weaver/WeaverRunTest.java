package dev.weft.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Programs woven directly (no processor), verified, loaded and run. */
class WeaverRunTest {

  /** Stands for {@link #LATER} in a program's source. */
  private static final String LATER_MARKER = "// later(int)";
  /** A promise of {@code v} completed from another thread, so that awaiting it suspends. */
  private static final String LATER =
      """
      static Task<Integer> later(int v) {
        Promise<Integer> p = Task.promise();
        new Thread(() -> p.complete(v)).start();
        return p;
      }
      """;

  private static Object run(String body) throws Exception {
    return WovenClasses.runProgram(body.replace(LATER_MARKER, LATER));
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
  void returnedValuesCompleteTheTaskWithAndWithoutAFrame() throws Exception {
    // a value returned after a suspension (the frame completes), without one (the task is
    // returned as it is), null, and the two arms of a conditional that meet at one areturn
    Object result =
        run(
            """
            public class P {
              // later(int)
              @Async static Task<String> value(CompletionStage<Integer> s, boolean nothing) {
                int v = await(s);
                if (nothing) {
                  return Task.completed(null);
                }
                return Task.completed("v" + v);
              }
              @Async static Task<Integer> either(CompletionStage<Integer> s, boolean b) {
                int v = await(s);
                return b ? Task.completed(v) : Task.completed(-v);
              }
              public static Object run() {
                return value(later(1), false).join() + "/" + value(later(2), true).join()
                    + "/" + value(Task.completed(3), false).join() + "/" + value(Task.completed(4), true).join()
                    + "/" + either(later(5), true).join() + "/" + either(later(6), false).join()
                    + "/" + either(Task.completed(7), false).join();
              }
            }
            """);
    assertEquals("v1/null/v3/null/5/-6/-7", result);
  }

  @Test
  void everyLabelResumesWhereItSuspendedWithCompareAndTableDispatch() throws Exception {
    // three labels are dispatched by comparisons, six by a tableswitch whose default is the last
    Object result =
        run(
            """
            public class P {
              // later(int)
              @Async static Task<String> three(String s) {
                int a = await(later(1));
                String b = s + a + await(later(2));
                return Task.completed(b + await(later(3)));
              }
              @Async static Task<String> six(String s) {
                int a = await(later(1));
                long b = a + await(later(2));
                String c = s + b + await(later(3));
                double d = await(later(4)) + 0.5;
                int e = await(later(5)) * 2;
                return Task.completed(c + d + e + await(later(6)));
              }
              public static Object run() { return three("x").join() + "/" + six("y").join(); }
            }
            """);
    assertEquals("x123/y334.5106", result);
  }

  @Test
  void siteWithMoreLiveSlotsThanAHelperTakesSavesInline() throws Exception {
    // 130 live longs and a String are 261 argument slots, over the 255 of a method descriptor:
    // that site cannot go through a shared suspend helper
    Object result =
        run(
            """
            public class P {
              // later(int)
              @Async static Task<String> work(long a, String s) {
                long %s;
                int x = await(later(7));
                int y = await(later(8));
                return Task.completed(s + (%s + x + y));
              }
              public static Object run() { return work(1L, "sum=").join(); }
            }
            """.formatted("l0 = a + 0, l1 = a + 1, l2 = a + 2, l3 = a + 3, l4 = a + 4, l5 = a + 5, l6 = a + 6, l7 = a + 7, l8 = a + 8, l9 = a + 9, l10 = a + 10, l11 = a + 11, l12 = a + 12, l13 = a + 13, l14 = a + 14, l15 = a + 15, l16 = a + 16, l17 = a + 17, l18 = a + 18, l19 = a + 19, l20 = a + 20, l21 = a + 21, l22 = a + 22, l23 = a + 23, l24 = a + 24, l25 = a + 25, l26 = a + 26, l27 = a + 27, l28 = a + 28, l29 = a + 29, l30 = a + 30, l31 = a + 31, l32 = a + 32, l33 = a + 33, l34 = a + 34, l35 = a + 35, l36 = a + 36, l37 = a + 37, l38 = a + 38, l39 = a + 39, l40 = a + 40, l41 = a + 41, l42 = a + 42, l43 = a + 43, l44 = a + 44, l45 = a + 45, l46 = a + 46, l47 = a + 47, l48 = a + 48, l49 = a + 49, l50 = a + 50, l51 = a + 51, l52 = a + 52, l53 = a + 53, l54 = a + 54, l55 = a + 55, l56 = a + 56, l57 = a + 57, l58 = a + 58, l59 = a + 59, l60 = a + 60, l61 = a + 61, l62 = a + 62, l63 = a + 63, l64 = a + 64, l65 = a + 65, l66 = a + 66, l67 = a + 67, l68 = a + 68, l69 = a + 69, l70 = a + 70, l71 = a + 71, l72 = a + 72, l73 = a + 73, l74 = a + 74, l75 = a + 75, l76 = a + 76, l77 = a + 77, l78 = a + 78, l79 = a + 79, l80 = a + 80, l81 = a + 81, l82 = a + 82, l83 = a + 83, l84 = a + 84, l85 = a + 85, l86 = a + 86, l87 = a + 87, l88 = a + 88, l89 = a + 89, l90 = a + 90, l91 = a + 91, l92 = a + 92, l93 = a + 93, l94 = a + 94, l95 = a + 95, l96 = a + 96, l97 = a + 97, l98 = a + 98, l99 = a + 99, l100 = a + 100, l101 = a + 101, l102 = a + 102, l103 = a + 103, l104 = a + 104, l105 = a + 105, l106 = a + 106, l107 = a + 107, l108 = a + 108, l109 = a + 109, l110 = a + 110, l111 = a + 111, l112 = a + 112, l113 = a + 113, l114 = a + 114, l115 = a + 115, l116 = a + 116, l117 = a + 117, l118 = a + 118, l119 = a + 119, l120 = a + 120, l121 = a + 121, l122 = a + 122, l123 = a + 123, l124 = a + 124, l125 = a + 125, l126 = a + 126, l127 = a + 127, l128 = a + 128, l129 = a + 129", "l0 + l1 + l2 + l3 + l4 + l5 + l6 + l7 + l8 + l9 + l10 + l11 + l12 + l13 + l14 + l15 + l16 + l17 + l18 + l19 + l20 + l21 + l22 + l23 + l24 + l25 + l26 + l27 + l28 + l29 + l30 + l31 + l32 + l33 + l34 + l35 + l36 + l37 + l38 + l39 + l40 + l41 + l42 + l43 + l44 + l45 + l46 + l47 + l48 + l49 + l50 + l51 + l52 + l53 + l54 + l55 + l56 + l57 + l58 + l59 + l60 + l61 + l62 + l63 + l64 + l65 + l66 + l67 + l68 + l69 + l70 + l71 + l72 + l73 + l74 + l75 + l76 + l77 + l78 + l79 + l80 + l81 + l82 + l83 + l84 + l85 + l86 + l87 + l88 + l89 + l90 + l91 + l92 + l93 + l94 + l95 + l96 + l97 + l98 + l99 + l100 + l101 + l102 + l103 + l104 + l105 + l106 + l107 + l108 + l109 + l110 + l111 + l112 + l113 + l114 + l115 + l116 + l117 + l118 + l119 + l120 + l121 + l122 + l123 + l124 + l125 + l126 + l127 + l128 + l129"));
    assertEquals("sum=" + (130L + 129L * 130 / 2 + 15), result);
  }

  @Test
  void constructorArgumentsAcrossAwaits() throws Exception {
    Object result =
        run(
            """
            public class P {
              record Pair(Object a, Object b) {}
              // later(int)
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
              // later(int)
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
              // later(int)
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
