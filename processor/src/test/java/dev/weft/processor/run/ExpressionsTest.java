package dev.weft.processor.run;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Awaits inside expressions, where values the await must not lose sit on the operand stack:
 * constructor arguments after an uninitialized {@code NEW}, call arguments after the receiver,
 * array references and indexes, string concatenation, compound assignments, conditionals.
 */
class ExpressionsTest {
  static final String EXPRS =
      """
      package prog;

      import static dev.weft.Task.await;
      import static prog.Support.s;

      import dev.weft.Task;
      import dev.weft.annotations.Async;
      import java.util.Arrays;
      import java.util.List;

      public class Exprs {
        record Pair(Object a, Object b) {}

        static final class Box {
          final Object v;
          Box(Object v) { this.v = v; }
          @Override public String toString() { return "Box(" + v + ")"; }
        }

        static final class Outer {
          final Box box;
          final int n;
          Outer(Box box, int n) { this.box = box; this.n = n; }
          @Override public String toString() { return "Outer(" + box + "," + n + ")"; }
        }

        static int evaluated;
        static long staticTotal = 5;
        int field = 1;
        String text = "t";

        static String join3(String a, int b, String c) {
          return a + b + c;
        }

        static Task<Boolean> tracked(boolean v) {
          evaluated++;
          return s(v);
        }

        @Async
        public static Task<String> constructorArgs() {
          Pair p = new Pair(await(s("x")), await(s(2)));
          return Task.completed(p.toString());
        }

        @Async
        public static Task<String> nestedConstructors() {
          return Task.completed(new Outer(new Box(await(s(7))), await(s(8))).toString()
              + new Box(new Box(new Box(await(s("deep"))))));
        }

        @Async
        public static Task<String> callArguments() {
          String x = "x";
          StringBuilder sb = new StringBuilder("[");
          sb.append(await(s("q"))).append(join3(x, await(s(1)), "y")).append(']');
          return Task.completed(sb + join3(await(s("a")), 2, await(s("c"))));
        }

        @Async
        public static Task<String> arrays() {
          int[] ints = new int[4];
          ints[await(s(2))] = await(s(9));
          ints[await(s(0))] += await(s(5));
          ints[1] = ints[await(s(2))] * 2;
          long[] longs = new long[2];
          longs[await(s(1))] = await(s(1L << 40));
          double[] doubles = {0.5, 0};
          doubles[1] = doubles[0] + await(s(0.25));
          String[][] grid = new String[2][2];
          grid[await(s(1))][await(s(0))] = await(s("g"));
          return Task.completed(Arrays.toString(ints) + Arrays.toString(longs)
              + Arrays.toString(doubles) + Arrays.deepToString(grid));
        }

        @Async
        public static Task<String> conditionals(boolean flag) {
          String a = await(s(flag)) ? await(s("yes")) : await(s("no"));
          int b = flag ? 1 : await(s(2));
          int c = (flag ? await(s(10)) : 20) + await(s(3));
          return Task.completed(a + b + c);
        }

        @Async
        public static Task<String> concatenation() {
          int x = 4;
          char c = 'c';
          String r = "a" + x + await(s("b")) + c + await(s(5L)) + 1.5 + await(s(true)) + x;
          return Task.completed(r);
        }

        @Async
        public static Task<String> compoundAssignments() {
          int local = 10;
          local += await(s(5));
          local *= await(s(2));
          long wide = 1;
          wide <<= await(s(40));
          String str = "s";
          str += await(s("t"));
          staticTotal += await(s(10L));
          int[] arr = {1, 2};
          arr[1] -= await(s(7));
          Exprs self = new Exprs();
          self.field += await(s(41));
          self.text += await(s("ext"));
          return Task.completed(local + "," + wide + "," + str + "," + staticTotal + ","
              + arr[1] + "," + self.field + "," + self.text);
        }

        @Async
        public Task<Integer> fieldCompound() {
          field += await(s(2));
          this.field *= await(s(10));
          return Task.completed(field);
        }

        public static Task<Integer> onInstance() {
          return new Exprs().fieldCompound();
        }

        @Async
        public static Task<String> shortCircuit() {
          evaluated = 0;
          boolean a = await(tracked(false)) && await(tracked(true));
          boolean b = await(tracked(true)) || await(tracked(false));
          boolean c = await(tracked(true)) && await(tracked(false));
          boolean d = await(tracked(false)) || await(tracked(true));
          return Task.completed(a + "," + b + "," + c + "," + d + "," + evaluated);
        }

        @Async
        public static Task<Integer> nestedAwaits() {
          int v = await(s(await(s(3)) + 1));
          return Task.completed(v * 10 + await(s(await(s(await(s(2)))))));
        }

        @Async
        public static Task<Integer> chainedCalls() {
          int n = await(s("abc")).length() + await(s(List.of(1, 2))).size();
          Object o = await(s((Object) "string"));
          if (o instanceof String str && await(s(str.length())) == 6) {
            n += str.length();
          }
          return Task.completed(n + ((String) await(s((Object) "xy"))).length());
        }
      }
      """;

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void constructorArgumentsAfterUninitializedNew(Run run) {
    assertThat(run.load(EXPRS).join("Exprs", "constructorArgs")).isEqualTo("Pair[a=x, b=2]");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void nestedConstructorsWithAwaitInTheInnermost(Run run) {
    assertThat(run.load(EXPRS).join("Exprs", "nestedConstructors"))
        .isEqualTo("Outer(Box(7),8)Box(Box(Box(deep)))");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void callArgumentsAroundAnAwait(Run run) {
    assertThat(run.load(EXPRS).join("Exprs", "callArguments")).isEqualTo("[qx1y]a2c");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void arrayIndexAndStore(Run run) {
    assertThat(run.load(EXPRS).join("Exprs", "arrays"))
        .isEqualTo("[5, 18, 9, 0][0, 1099511627776][0.5, 0.75][[null, null], [g, null]]");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void ternaries(Run run) {
    Program program = run.load(EXPRS);
    assertThat(program.join("Exprs", "conditionals", true)).isEqualTo("yes113");
    assertThat(program.join("Exprs", "conditionals", false)).isEqualTo("no223");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void stringConcatenation(Run run) {
    assertThat(run.load(EXPRS).join("Exprs", "concatenation")).isEqualTo("a4bc51.5true4");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void compoundAssignmentsToLocalsStaticsArraysAndFields(Run run) {
    assertThat(run.load(EXPRS).join("Exprs", "compoundAssignments"))
        .isEqualTo("30,1099511627776,st,15,-5,42,text");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void compoundAssignmentToThisField(Run run) {
    assertThat(run.load(EXPRS).join("Exprs", "onInstance")).isEqualTo(30);
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void shortCircuitSkipsTheSecondAwait(Run run) {
    assertThat(run.load(EXPRS).join("Exprs", "shortCircuit")).isEqualTo("false,true,false,true,6");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void awaitsNestedInAwaits(Run run) {
    assertThat(run.load(EXPRS).join("Exprs", "nestedAwaits")).isEqualTo(42);
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void chainedCallsCastsAndPatterns(Run run) {
    assertThat(run.load(EXPRS).join("Exprs", "chainedCalls")).isEqualTo(13);
  }
}
