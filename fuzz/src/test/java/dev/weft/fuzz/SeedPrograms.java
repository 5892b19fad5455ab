package dev.weft.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The programs whose class files seed the class-file fuzz target ({@link WeaverFuzzTest}): a few
 * generated programs and hand-written ones with loops, try/catch/finally, switches on ints,
 * strings and enums, every primitive type, instance, generic and interface default methods, an
 * inner class and a checked exception. Compiled together with the support classes they are also
 * the context every fuzz input is loaded against.
 */
final class SeedPrograms {
  /** Generated programs among the seeds (small ones: the corpus stays tens of files). */
  static final long[] GENERATED = {20261122L, 20261123L, 20261130L, 20261141L, 20261157L};

  private SeedPrograms() {}

  /** Every class file of the seed programs and the support classes, by internal name. */
  static Map<String, byte[]> compileAll() {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("fz/Fz", Support.FZ);
    for (long seed : GENERATED) {
      // the base generator, whatever -Dweft.fuzz.features says: the stored corpus is built from it
      sources.put("fz/" + Gen.className(seed), Gen.woven(Gen.program(seed, java.util.EnumSet.noneOf(Feature.class))));
    }
    handWritten().forEach((name, text) -> sources.put("fz/" + name, text));
    try {
      return Javac.compile(sources, null);
    } catch (Javac.CompileError e) {
      throw new IllegalStateException("seed programs do not compile:\n" + e.getMessage(), e);
    }
  }

  /** The seeds of the corpus: the class files among {@code classes} with an {@code @Async} method. */
  static Map<String, byte[]> seeds(Map<String, byte[]> classes) {
    Map<String, byte[]> seeds = new TreeMap<>();
    classes.forEach((name, bytes) -> {
      if (new String(bytes, StandardCharsets.ISO_8859_1).contains("Ldev/weft/annotations/Async;")) {
        seeds.put(name, bytes);
      }
    });
    return seeds;
  }

  /** Hand-written seed sources by class name (package {@code fz}), with {@code Task.await}. */
  static Map<String, String> handWritten() {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("SLoops", """
        package fz;

        import static dev.weft.Task.await;

        import dev.weft.Task;
        import dev.weft.annotations.Async;

        public final class SLoops {
          @Async
          static Task<Long> sum(int n) {
            long acc = 0;
            outer:
            for (int i = 0; i < n; i++) {
              int j = 0;
              while (j < i) {
                j++;
                if (j == 3) continue outer;
                acc += await(Fz.si(j, i & 1));
              }
              do {
                acc ^= await(Fz.sl(acc, 0));
              } while (acc < 0);
            }
            return Task.completed(acc);
          }
        }
        """);
    sources.put("STry", """
        package fz;

        import static dev.weft.Task.await;

        import dev.weft.Task;
        import dev.weft.annotations.Async;
        import fz.Fz.FzEx;
        import fz.Fz.Res;

        public final class STry {
          @Async
          static Task<String> run(int k) {
            String s = "";
            try (Res r = new Res(k)) {
              try {
                s += await(Fz.<String>fl(k, 1));
              } catch (FzEx e) {
                s += "caught" + e.code;
                if (k > 3) throw e;
              } finally {
                s += await(Fz.ss("fin", 0));
              }
            } catch (RuntimeException e) {
              s += "outer";
            }
            synchronized (STry.class) {
              s += k;
            }
            return Task.completed(s);
          }
        }
        """);
    sources.put("SSwitch", """
        package fz;

        import static dev.weft.Task.await;

        import dev.weft.Task;
        import dev.weft.annotations.Async;

        public final class SSwitch {
          enum Color { RED, GREEN, BLUE }

          @Async
          static Task<Integer> pick(int i, String s, Color c) {
            int r = switch (i) {
              case 0 -> await(Fz.si(1, 1));
              case 1 -> { int t = await(Fz.si(2, 0)); yield t * 2; }
              default -> 7;
            };
            switch (s) {
              case "a": r += await(Fz.si(10, 1)); break;
              case "b": r -= 1;
              default: r *= 3;
            }
            switch (c) {
              case RED -> r += await(Fz.si(100, 0));
              case GREEN -> r += 200;
              default -> { }
            }
            int w = switch (c) { case RED -> 1; case GREEN -> await(Fz.si(2, 1)); case BLUE -> 3; };
            return Task.completed(r + w);
          }
        }
        """);
    sources.put("SPrims", """
        package fz;

        import static dev.weft.Task.await;

        import dev.weft.Task;
        import dev.weft.annotations.Async;

        public final class SPrims {
          @Async
          static Task<Double> mix(byte b, short s, char c, float f, long l, double d, boolean z) {
            byte b2 = (byte) (b + await(Fz.si(1, 1)));
            short s2 = (short) (s * await(Fz.si(3, 0)));
            char c2 = (char) (c + await(Fz.si(1, 1)));
            float f2 = f * await(Fz.st(2.5f, 1));
            long l2 = l + await(Fz.sl(l, 1));
            double d2 = d / await(Fz.sd(2.0, 1));
            boolean z2 = z ^ await(Fz.sb(true, 1));
            return Task.completed(b2 + s2 + c2 + f2 + l2 + d2 + (z2 ? 1 : 0));
          }
        }
        """);
    sources.put("SKinds", """
        package fz;

        import static dev.weft.Task.await;

        import dev.weft.Task;
        import dev.weft.annotations.Async;
        import java.util.concurrent.CompletionStage;

        public class SKinds {
          private int base = 5;

          @Async
          Task<Integer> add(int v) {
            base += await(Fz.si(v, 1));
            return Task.completed(base);
          }

          @Async
          static <T extends Comparable<T>> Task<T> max(CompletionStage<T> a, CompletionStage<T> b) {
            T x = await(a);
            T y = await(b);
            return Task.completed(x.compareTo(y) >= 0 ? x : y);
          }

          interface Greeter {
            @Async
            default Task<String> greet(CompletionStage<String> name) {
              return Task.completed("hi " + await(name));
            }
          }

          class Inner {
            @Async
            Task<Integer> twice() {
              int v = await(add(1));
              return Task.completed(v * 2 + base);
            }
          }
        }
        """);
    sources.put("SChecked", """
        package fz;

        import static dev.weft.Task.await;

        import dev.weft.Task;
        import dev.weft.annotations.Async;
        import java.util.concurrent.CompletionStage;

        public final class SChecked {
          static final class Oops extends Exception {
            Oops(String m) { super(m); }
          }

          @Async
          static Task<String> guarded(CompletionStage<String> stage) {
            try {
              return Task.completed(await(stage, Oops.class));
            } catch (Oops e) {
              return Task.completed("oops:" + e.getMessage());
            }
          }

          @Async
          static Task<Integer> recursive(int n) {
            if (n == 0) return Task.completed(0);
            return Task.completed(n + await(recursive(n - 1)));
          }
        }
        """);
    return sources;
  }
}
