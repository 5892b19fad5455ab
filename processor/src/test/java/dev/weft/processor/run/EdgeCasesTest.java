package dev.weft.processor.run;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Shapes that stress the weaver beyond the plain constructs: uninitialized objects under branches
 * and failures, more than 256 local slots ({@code wide} loads and stores), reassigned parameters,
 * {@code Task<Void>} awaits from the runtime, and {@code @Async} in enum constant bodies,
 * anonymous classes and records, with private nestmate access.
 */
class EdgeCasesTest {
  static final String EDGES =
      """
      package prog;

      import static dev.weft.Task.await;
      import static prog.Support.fails;
      import static prog.Support.s;

      import dev.weft.Task;
      import dev.weft.annotations.Async;
      import java.time.Duration;
      import java.util.concurrent.Callable;

      public class Edges {
        private static int secret = 40;

        record Mixed(long l, double d, String s) {}

        record Point(int x, int y) {
          @Async
          Task<Integer> distanceTo(Point other) {
            int dx = await(s(other.x)) - x;
            int dy = await(s(other.y)) - y;
            return Task.completed(dx * dx + dy * dy);
          }
        }

        enum Op {
          ADD {
            @Async
            @Override
            Task<Integer> apply(int a, int b) {
              return Task.completed(await(s(a)) + await(s(b)));
            }
          },
          MUL {
            @Async
            @Override
            Task<Integer> apply(int a, int b) {
              return Task.completed(await(s(a)) * b + secret);
            }
          };

          abstract Task<Integer> apply(int a, int b);
        }

        interface Source {
          Task<String> read();
        }

        @Async
        public static Task<String> uninitializedUnderTernary(boolean flag) {
          Mixed m = new Mixed(1L << 36, 0.5, flag ? await(s("yes")) : "no");
          Mixed n = new Mixed(await(s(2L)), flag ? 1.5 : await(s(2.5)), "n");
          return Task.completed(m + ";" + n);
        }

        @Async
        public static Task<String> failureWhileConstructorArgumentsAreStacked() {
          String out = "";
          for (int i = 0; i < 3; i++) {
            try {
              Mixed m = new Mixed(i, i * 0.5,
                  i == 1 ? await(Support.<String>fails(new IllegalStateException("f" + i))) : "ok");
              out += m.s() + i;
            } catch (IllegalStateException e) {
              out += "[" + await(s(e.getMessage())) + "]";
            }
          }
          return Task.completed(out);
        }

        @Async
        public static Task<Integer> reassignedParameters(int a, String b) {
          a = await(s(a + 1));
          b = b + await(s(a));
          a += b.length();
          return Task.completed(a);
        }

        @Async
        public static Task<String> runtimeVoidTasks() {
          Object slept = await(Task.sleep(Duration.ofMillis(2)));
          Object yielded = await(Task.yieldNow());
          Callable<String> work = () -> "blocking";
          String fromPool = await(Task.blocking(work));
          return Task.completed(slept + "," + yielded + "," + fromPool + await(s("!")));
        }

        public static Task<Integer> enumConstants() {
          return Op.ADD.apply(Op.MUL.apply(2, 3).join(), 1);
        }

        @Async
        public static Task<String> anonymousClass() {
          Source source = new Source() {
            @Async
            @Override
            public Task<String> read() {
              return Task.completed("anon" + await(s(secret)));
            }
          };
          return Task.completed(await(source.read()) + await(s("?")));
        }

        public static Task<Integer> recordMethod() {
          return new Point(1, 2).distanceTo(new Point(4, 6));
        }
      }
      """;

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void uninitializedObjectUnderATernary(Run run) {
    Program program = run.load(EDGES);
    assertThat(program.join("Edges", "uninitializedUnderTernary", true))
        .isEqualTo("Mixed[l=68719476736, d=0.5, s=yes];Mixed[l=2, d=1.5, s=n]");
    assertThat(program.join("Edges", "uninitializedUnderTernary", false))
        .isEqualTo("Mixed[l=68719476736, d=0.5, s=no];Mixed[l=2, d=2.5, s=n]");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void failedAwaitAmongConstructorArgumentsIsCaught(Run run) {
    assertThat(run.load(EDGES).join("Edges", "failureWhileConstructorArgumentsAreStacked"))
        .isEqualTo("ok0[f1]ok2");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void reassignedParameters(Run run) {
    assertThat(run.load(EDGES).join("Edges", "reassignedParameters", 4, "xy")).isEqualTo(8);
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void awaitsOfSleepYieldAndBlockingTasks(Run run) {
    assertThat(run.load(EDGES).join("Edges", "runtimeVoidTasks")).isEqualTo("null,null,blocking!");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void enumConstantBodies(Run run) {
    assertThat(run.load(EDGES).join("Edges", "enumConstants")).isEqualTo(47);
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void anonymousClassReadingAPrivateOuterField(Run run) {
    assertThat(run.load(EDGES).join("Edges", "anonymousClass")).isEqualTo("anon40?");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void recordInstanceMethod(Run run) {
    assertThat(run.load(EDGES).join("Edges", "recordMethod")).isEqualTo(25);
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void moreThan256LocalSlotsAcrossAnAwait(Run run) {
    assertThat(run.load(wideLocals(140)).join("Wide", "sum")).isEqualTo(expectedWideSum(140));
  }

  /** {@code n} long locals (2n slots) live across awaits, so loads and stores need {@code wide}. */
  static String wideLocals(int n) {
    StringBuilder body = new StringBuilder();
    StringBuilder sum = new StringBuilder("0L");
    for (int i = 0; i < n; i++) {
      body.append("    long v").append(i).append(" = ").append(i).append("L * 1_000_003L;\n");
      sum.append(" + v").append(i);
    }
    return """
        package prog;

        import static dev.weft.Task.await;
        import static prog.Support.s;

        import dev.weft.Task;
        import dev.weft.annotations.Async;

        public class Wide {
          @Async
          public static Task<Long> sum() {
        %s    long first = await(s(1L));
            int last = await(s(2));
            return Task.completed(%s + first + last);
          }
        }
        """.formatted(body, sum);
  }

  static long expectedWideSum(int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += i * 1_000_003L;
    }
    return sum + 1 + 2;
  }
}
