package dev.weft.processor.run;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every loop form across an await (README, semantics 6). */
class LoopsTest {
  static final String LOOPS =
      """
      package prog;

      import static dev.weft.Task.await;
      import static prog.Support.s;

      import dev.weft.Task;
      import dev.weft.annotations.Async;
      import java.util.ArrayList;
      import java.util.List;

      public class Loops {
        @Async
        public static Task<Integer> forLoop(int n) {
          int sum = 0;
          for (int i = 0; i < n; i++) {
            sum += await(s(i));
          }
          return Task.completed(sum);
        }

        @Async
        public static Task<String> forAwaitInHeader() {
          StringBuilder out = new StringBuilder();
          for (int i = await(s(1)); i < await(s(4)); i = await(s(i + 1))) {
            out.append(i);
          }
          return Task.completed(out.toString());
        }

        @Async
        public static Task<Integer> whileLoop() {
          int i = 0;
          int product = 1;
          while (await(s(i)) < 5) {
            product *= await(s(i + 1));
            i++;
          }
          return Task.completed(product);
        }

        @Async
        public static Task<String> doWhile() {
          StringBuilder out = new StringBuilder();
          int i = 0;
          do {
            out.append(await(s((char) ('a' + i))));
            i++;
          } while (await(s(i)) < 4);
          return Task.completed(out.toString());
        }

        @Async
        public static Task<Integer> forEachArray() {
          int[] digits = {3, 1, 4, 1, 5, 9};
          int number = 0;
          for (int d : digits) {
            number = number * 10 + await(s(d));
          }
          return Task.completed(number);
        }

        @Async
        public static Task<String> forEachObjectArray() {
          String out = "";
          for (String w : new String[] {"p", "q", "r"}) {
            out += await(s(w)) + w.length();
          }
          return Task.completed(out);
        }

        @Async
        public static Task<String> forEachIterable() {
          List<String> words = List.of("x", "y", "z");
          String out = "";
          for (String w : words) {
            out = out + await(s(w.toUpperCase())) + ";";
          }
          return Task.completed(out);
        }

        @Async
        public static Task<List<Integer>> forEachAwaitedIterable() {
          List<Integer> squares = new ArrayList<>();
          for (int v : await(s(List.of(1, 2, 3, 4)))) {
            squares.add(v * await(s(v)));
          }
          return Task.completed(squares);
        }

        @Async
        public static Task<String> labelled() {
          StringBuilder out = new StringBuilder();
          outer:
          for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
              int v = await(s(i * 10 + j));
              if (j > i) {
                continue outer;
              }
              if (v == 33) {
                break outer;
              }
              out.append(v).append(',');
            }
          }
          return Task.completed(out.toString());
        }

        @Async
        public static Task<String> labelledWhile() {
          StringBuilder out = new StringBuilder();
          int i = 0;
          rows:
          while (true) {
            i++;
            int j = 0;
            do {
              j++;
              if (await(s(j)) == 2 && i % 2 == 0) {
                continue rows;
              }
              if (i > 3) {
                break rows;
              }
              out.append(i).append(j).append(' ');
            } while (j < 3);
          }
          return Task.completed(out.toString().trim() + " end" + await(s(i)));
        }

        @Async
        public static Task<Integer> labelledBlock(int target) {
          int index = -1;
          found:
          {
            int[] values = {4, 8, 15, 16, 23, 42};
            for (int k = 0; k < values.length; k++) {
              if (await(s(values[k])) == target) {
                index = k;
                break found;
              }
            }
            index = -100;
          }
          return Task.completed(index + await(s(0)));
        }

        @Async
        public static Task<Long> nestedLoops() {
          long total = 0;
          for (int a = 1; a <= 3; a++) {
            int b = 0;
            while (b < a) {
              int c = 0;
              do {
                total += (long) await(s(a * 100 + b * 10 + c));
                c++;
              } while (c < 2);
              b++;
            }
          }
          return Task.completed(total);
        }
      }
      """;

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void forLoop(Run run) {
    assertThat(run.load(LOOPS).join("Loops", "forLoop", 10)).isEqualTo(45);
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void forLoopZeroIterations(Run run) {
    assertThat(run.load(LOOPS).join("Loops", "forLoop", 0)).isEqualTo(0);
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void forWithAwaitsInInitConditionAndUpdate(Run run) {
    assertThat(run.load(LOOPS).join("Loops", "forAwaitInHeader")).isEqualTo("123");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void whileWithAwaitInCondition(Run run) {
    assertThat(run.load(LOOPS).join("Loops", "whileLoop")).isEqualTo(120);
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void doWhileWithAwaitInCondition(Run run) {
    assertThat(run.load(LOOPS).join("Loops", "doWhile")).isEqualTo("abcd");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void enhancedForOverIntArray(Run run) {
    assertThat(run.load(LOOPS).join("Loops", "forEachArray")).isEqualTo(314159);
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void enhancedForOverObjectArray(Run run) {
    assertThat(run.load(LOOPS).join("Loops", "forEachObjectArray")).isEqualTo("p1q1r1");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void enhancedForOverIterable(Run run) {
    assertThat(run.load(LOOPS).join("Loops", "forEachIterable")).isEqualTo("X;Y;Z;");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void enhancedForOverAwaitedIterable(Run run) {
    assertThat(run.load(LOOPS).join("Loops", "forEachAwaitedIterable"))
        .isEqualTo(java.util.List.of(1, 4, 9, 16));
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void labelledBreakAndContinueInNestedFor(Run run) {
    assertThat(run.load(LOOPS).join("Loops", "labelled"))
        .isEqualTo("0,10,11,20,21,22,30,31,32,");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void labelledContinueAndBreakFromDoWhileInWhile(Run run) {
    assertThat(run.load(LOOPS).join("Loops", "labelledWhile"))
        .isEqualTo("11 12 13 21 31 32 33 end4");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void breakOutOfLabelledBlock(Run run) {
    Program program = run.load(LOOPS);
    assertThat(program.join("Loops", "labelledBlock", 23)).isEqualTo(4);
    assertThat(program.join("Loops", "labelledBlock", 5)).isEqualTo(-100);
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void forWhileDoWhileNested(Run run) {
    // a=1: 100,101; a=2: 200,201,210,211; a=3: 300,301,310,311,320,321
    assertThat(run.load(LOOPS).join("Loops", "nestedLoops")).isEqualTo(2886L);
  }
}
