package dev.weft.processor.run;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code @Async} on every kind of method: instance (fields, {@code this}), static, generic,
 * recursive, overloaded, in inner, nested, local classes and interface default methods, returning
 * {@code Task}, {@code CompletableFuture} and {@code CompletionStage}; and many awaits in a row.
 */
class MethodKindsTest {
  static final String KINDS =
      """
      package prog;

      import static dev.weft.Task.await;
      import static prog.Support.later;
      import static prog.Support.s;

      import dev.weft.Task;
      import dev.weft.annotations.Async;
      import java.util.ArrayList;
      import java.util.List;
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.CompletionStage;

      public class Kinds {
        int base = 10;
        final List<String> seen = new ArrayList<>();

        @Async
        Task<Integer> instance(int x) {
          int y = await(s(x));
          base += y;
          seen.add("after " + y);
          return Task.completed(base + await(s(this.base)) + seen.size());
        }

        public static Task<Integer> onInstance() {
          return new Kinds().instance(5);
        }

        class Inner {
          final int k;
          Inner(int k) { this.k = k; }

          @Async
          Task<Integer> sum() {
            int one = await(s(1));
            return Task.completed(base + k + one + await(s(base)));
          }
        }

        public static Task<Integer> inner() {
          Kinds outer = new Kinds();
          outer.base = 100;
          return outer.new Inner(20).sum();
        }

        static class Nested {
          final String prefix;
          Nested(String prefix) { this.prefix = prefix; }

          @Async
          static Task<String> staticOne(String v) {
            return Task.completed("<" + await(s(v)) + ">");
          }

          @Async
          Task<String> instanceOne() {
            return Task.completed(prefix + await(staticOne(await(s("n")))));
          }
        }

        public static Task<String> nested() {
          return new Nested("p").instanceOne();
        }

        interface Greeter {
          String name();

          @Async
          default Task<String> greet(CompletionStage<String> greeting) {
            String g = await(greeting);
            return Task.completed(g + ", " + name() + await(s("!")));
          }
        }

        public static Task<String> defaultMethod(CompletionStage<String> greeting) {
          Greeter bob = () -> "Bob";
          return bob.greet(greeting);
        }

        public static Task<String> localClass() {
          final int captured = 3;
          class Local {
            @Async
            Task<String> go() {
              return Task.completed("local" + (captured + await(s(4))));
            }
          }
          return new Local().go();
        }

        @Async
        static <T extends Comparable<T>> Task<T> max(CompletionStage<T> a, CompletionStage<T> b) {
          T x = await(a);
          T y = await(b);
          return Task.completed(x.compareTo(y) >= 0 ? x : y);
        }

        @Async
        public static Task<String> generic() {
          return Task.completed(await(max(s("pear"), s("apple"))) + await(max(s(3), s(11))));
        }

        static final class Holder<T> {
          final List<T> items = new ArrayList<>();

          @Async
          Task<List<T>> addAll(List<? extends CompletionStage<? extends T>> stages) {
            for (CompletionStage<? extends T> stage : stages) {
              items.add(await(stage));
            }
            return Task.completed(items);
          }
        }

        public static Task<List<String>> genericClass() {
          return new Holder<String>().addAll(List.of(s("a"), s("b"), s("c")));
        }

        @Async
        static Task<Long> fib(int n) {
          if (n < 2) {
            return s((long) n);
          }
          long a = await(fib(n - 1));
          long b = await(fib(n - 2));
          return Task.completed(a + b);
        }

        @Async
        static Task<Integer> sumTo(int n) {
          if (n == 0) {
            return later(0);
          }
          return Task.completed(n + await(sumTo(n - 1)));
        }

        @Async
        static Task<String> over(int v) {
          return Task.completed("int" + await(s(v)));
        }

        @Async
        static Task<String> over(String v) {
          return Task.completed("string" + await(s(v)) + await(over(v.length())));
        }

        @Async
        static CompletableFuture<Integer> futureReturn() {
          int a = await(s(20));
          return CompletableFuture.completedFuture(a + await(s(22)));
        }

        @Async
        static CompletionStage<String> stageReturn() {
          return s(await(s("st")) + "age");
        }

        @Async
        static Task<Integer> returnsStageCompletedLater() {
          int a = await(s(1));
          return later(a + 1);
        }

        @Async
        private static Task<String> varargs(String sep, CompletionStage<?>... stages) {
          StringBuilder out = new StringBuilder();
          for (CompletionStage<?> stage : stages) {
            out.append(await(stage)).append(sep);
          }
          return Task.completed(out.toString());
        }

        public static Task<String> varargs() {
          return varargs("-", s(1), s("two"), s(3.0));
        }

        @Async
        static Task<Integer> manyAwaits() {
          int a = await(s(1)), b = await(s(2)), c = await(s(3)), d = await(s(4)), e = await(s(5));
          int f = await(s(6)), g = await(s(7)), h = await(s(8)), i = await(s(9)), j = await(s(10));
          int k = await(s(11)), l = await(s(12)), m = await(s(13)), n = await(s(14));
          int o = await(s(15)), p = await(s(16)), q = await(s(17)), r = await(s(18));
          int t = await(s(19)), u = await(s(20)), v = await(s(21)), w = await(s(22));
          int x = await(s(23)), y = await(s(24)), z = await(s(25));
          return Task.completed(a * 1 + b * 2 + c * 3 + d * 4 + e * 5 + f * 6 + g * 7 + h * 8 + i * 9
              + j * 10 + k * 11 + l * 12 + m * 13 + n * 14 + o * 15 + p * 16 + q * 17 + r * 18
              + t * 19 + u * 20 + v * 21 + w * 22 + x * 23 + y * 24 + z * 25);
        }
      }
      """;

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void instanceMethodUsingFields(Run run) {
    assertThat(run.load(KINDS).join("Kinds", "onInstance")).isEqualTo(31);
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void innerClassReadingTheOuterInstance(Run run) {
    assertThat(run.load(KINDS).join("Kinds", "inner")).isEqualTo(221);
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void staticNestedClassStaticAndInstanceMethods(Run run) {
    assertThat(run.load(KINDS).join("Kinds", "nested")).isEqualTo("p<n>");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void interfaceDefaultMethod(Run run) {
    Program program = run.load(KINDS);
    assertThat(program.join("Kinds", "defaultMethod", CompletableFuture.completedFuture("Hi")))
        .isEqualTo("Hi, Bob!");
    CompletableFuture<String> later = new CompletableFuture<>();
    Object task = program.call("Kinds", "defaultMethod", later);
    later.complete("Hello");
    assertThat(Program.value(task)).isEqualTo("Hello, Bob!");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void localClassCapturingAVariable(Run run) {
    assertThat(run.load(KINDS).join("Kinds", "localClass")).isEqualTo("local7");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void genericMethod(Run run) {
    assertThat(run.load(KINDS).join("Kinds", "generic")).isEqualTo("pear11");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void genericClassInstanceMethod(Run run) {
    assertThat(run.load(KINDS).join("Kinds", "genericClass")).isEqualTo(List.of("a", "b", "c"));
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void recursiveFibonacci(Run run) {
    assertThat(run.load(KINDS).join("Kinds", "fib", 15)).isEqualTo(610L);
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void recursionThatSuspendsAtTheBottom(Run run) {
    assertThat(run.load(KINDS).join("Kinds", "sumTo", 300)).isEqualTo(45150);
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void overloadedAsyncMethods(Run run) {
    Program program = run.load(KINDS);
    assertThat(program.join("Kinds", "over", 7)).isEqualTo("int7");
    assertThat(program.join("Kinds", "over", "abc")).isEqualTo("stringabcint3");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void returningCompletableFuture(Run run) {
    Object result = run.load(KINDS).call("Kinds", "futureReturn");
    assertThat(result).isInstanceOf(CompletableFuture.class);
    assertThat(Program.value(result)).isEqualTo(42);
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void returningCompletionStage(Run run) {
    Object result = run.load(KINDS).call("Kinds", "stageReturn");
    assertThat(result).isInstanceOf(CompletionStage.class);
    assertThat(Program.value(result)).isEqualTo("stage");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void returnedStageCompletesTheTaskWhenItCompletes(Run run) {
    assertThat(run.load(KINDS).join("Kinds", "returnsStageCompletedLater")).isEqualTo(2);
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void privateVarargsMethod(Run run) {
    assertThat(run.load(KINDS).join("Kinds", "varargs")).isEqualTo("1-two-3.0-");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void twentyFiveAwaitsInSequence(Run run) {
    int expected = 0;
    for (int i = 1; i <= 25; i++) {
      expected += i * i;
    }
    assertThat(run.load(KINDS).join("Kinds", "manyAwaits")).isEqualTo(expected);
  }
}
