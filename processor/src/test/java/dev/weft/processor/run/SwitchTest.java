package dev.weft.processor.run;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code switch} on int (table and lookup), String (hash then equals, with javac's synthetic
 * locals), enum (through the synthetic {@code $SwitchMap$} class) and switch expressions, with
 * awaits in the selector and in the cases.
 */
class SwitchTest {
  static final String SWITCHES =
      """
      package prog;

      import static dev.weft.Task.await;
      import static prog.Support.s;

      import dev.weft.Task;
      import dev.weft.annotations.Async;

      public class Switches {
        enum Color { RED, GREEN, BLUE }

        @Async
        public static Task<String> onInt(int k) {
          String r;
          switch (await(s(k))) {
            case 1:
              r = "one";
              break;
            case 2:
              r = "two:" + await(s(2 * k));
              break;
            case 3:
            case 4:
              r = "three-or-four";
              r += await(s("!"));
              break;
            default:
              r = "other" + await(s(k));
          }
          return Task.completed(r + ".");
        }

        @Async
        public static Task<Integer> sparse(int k) {
          int r = 0;
          switch (await(s(k))) {
            case -50000: r = await(s(1)); break;
            case 10: r = await(s(2)); // fall through
            case 1000: r += await(s(30)); break;
            case 100000: r = 4; break;
            default: r = -1;
          }
          return Task.completed(r);
        }

        @Async
        public static Task<Integer> onString(String key) {
          switch (await(s(key))) {
            case "alpha":
              return Task.completed(await(s(1)));
            case "beta": {
              int b = await(s(2));
              return Task.completed(b * 10);
            }
            case "Aa": // same hashCode as "BB"
              return Task.completed(await(s(3)));
            case "BB":
              return Task.completed(4 + await(s(0)));
            default:
              return Task.completed(-1);
          }
        }

        @Async
        public static Task<String> onEnum(String name) {
          Color c = await(s(Color.valueOf(name)));
          String r = "";
          switch (c) {
            case RED:
              r = "r";
              break;
            case GREEN:
              r = "g" + await(s(c.ordinal()));
              break;
            default:
              r = await(s(c.name().toLowerCase()));
          }
          return Task.completed(r + c.ordinal());
        }

        @Async
        public static Task<Integer> arrowExpression(int k) {
          int r = 100 + switch (await(s(k))) {
            case 1 -> await(s(10));
            case 2 -> {
              int t = await(s(5));
              yield t * 2 + await(s(1));
            }
            case 3, 4 -> k * await(s(100));
            default -> 0;
          };
          return Task.completed(r);
        }

        @Async
        public static Task<String> yieldExpression(String key) {
          String r = "<" + switch (await(s(key))) {
            case "a":
              yield await(s("A"));
            case "b":
              String t = await(s("B"));
              yield t + t;
            default:
              yield "?" + key;
          } + ">";
          return Task.completed(r);
        }

        @Async
        public static Task<Long> enumExpression(String name) {
          long base = 1L << 33;
          long r = base + switch (await(s(Color.valueOf(name)))) {
            case RED -> 1;
            case GREEN -> await(s(2));
            case BLUE -> await(s(3)) * await(s(7));
          };
          return Task.completed(r - base);
        }

        @Async
        public static Task<String> nestedSwitch(int a, String b) {
          String r = switch (await(s(a))) {
            case 0 -> "zero";
            default -> switch (await(s(b))) {
              case "x" -> "a" + a + "x" + await(s(a * 2));
              default -> "a" + a + "?";
            };
          };
          return Task.completed(r);
        }
      }
      """;

  static final String SWITCH_WITH_TRY_IN_CONSTRUCTOR =
      """
      package prog;

      import static dev.weft.Task.await;
      import static prog.Support.fails;
      import static prog.Support.s;

      import dev.weft.Task;
      import dev.weft.annotations.Async;

      public class Spilled {
        record Bar(String s, int v) {}

        @Async
        public static Task<String> make(int k) {
          Bar b = new Bar("x", switch (k) {
            case 0 -> 0;
            default -> {
              try {
                yield k > 1 ? await(fails(new IllegalStateException())) : await(s(5));
              } catch (RuntimeException e) {
                yield -1;
              }
            }
          });
          return Task.completed(b.toString());
        }
      }
      """;

  /** javac spills the operand stack, the uninitialized {@code Bar} with it, into locals around the try. */
  @ParameterizedTest
  @MethodSource(Run.ALL)
  void switchExpressionWithTryInConstructorArgument(Run run) {
    Program program = run.load(SWITCH_WITH_TRY_IN_CONSTRUCTOR);
    assertThat(program.join("Spilled", "make", 0)).isEqualTo("Bar[s=x, v=0]");
    assertThat(program.join("Spilled", "make", 1)).isEqualTo("Bar[s=x, v=5]");
    assertThat(program.join("Spilled", "make", 2)).isEqualTo("Bar[s=x, v=-1]");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void intSwitchStatement(Run run) {
    Program program = run.load(SWITCHES);
    assertThat(program.join("Switches", "onInt", 1)).isEqualTo("one.");
    assertThat(program.join("Switches", "onInt", 2)).isEqualTo("two:4.");
    assertThat(program.join("Switches", "onInt", 3)).isEqualTo("three-or-four!.");
    assertThat(program.join("Switches", "onInt", 4)).isEqualTo("three-or-four!.");
    assertThat(program.join("Switches", "onInt", 9)).isEqualTo("other9.");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void sparseIntSwitchWithFallThrough(Run run) {
    Program program = run.load(SWITCHES);
    assertThat(program.join("Switches", "sparse", -50000)).isEqualTo(1);
    assertThat(program.join("Switches", "sparse", 10)).isEqualTo(32);
    assertThat(program.join("Switches", "sparse", 1000)).isEqualTo(30);
    assertThat(program.join("Switches", "sparse", 100000)).isEqualTo(4);
    assertThat(program.join("Switches", "sparse", 7)).isEqualTo(-1);
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void stringSwitchIncludingHashCollision(Run run) {
    Program program = run.load(SWITCHES);
    assertThat(program.join("Switches", "onString", "alpha")).isEqualTo(1);
    assertThat(program.join("Switches", "onString", "beta")).isEqualTo(20);
    assertThat(program.join("Switches", "onString", "Aa")).isEqualTo(3);
    assertThat(program.join("Switches", "onString", "BB")).isEqualTo(4);
    assertThat(program.join("Switches", "onString", "gamma")).isEqualTo(-1);
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void enumSwitchStatement(Run run) {
    Program program = run.load(SWITCHES);
    assertThat(program.join("Switches", "onEnum", "RED")).isEqualTo("r0");
    assertThat(program.join("Switches", "onEnum", "GREEN")).isEqualTo("g11");
    assertThat(program.join("Switches", "onEnum", "BLUE")).isEqualTo("blue2");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void arrowSwitchExpressionWithValueBelowOnStack(Run run) {
    Program program = run.load(SWITCHES);
    assertThat(program.join("Switches", "arrowExpression", 1)).isEqualTo(110);
    assertThat(program.join("Switches", "arrowExpression", 2)).isEqualTo(111);
    assertThat(program.join("Switches", "arrowExpression", 3)).isEqualTo(400);
    assertThat(program.join("Switches", "arrowExpression", 4)).isEqualTo(500);
    assertThat(program.join("Switches", "arrowExpression", 7)).isEqualTo(100);
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void yieldSwitchExpressionOnString(Run run) {
    Program program = run.load(SWITCHES);
    assertThat(program.join("Switches", "yieldExpression", "a")).isEqualTo("<A>");
    assertThat(program.join("Switches", "yieldExpression", "b")).isEqualTo("<BB>");
    assertThat(program.join("Switches", "yieldExpression", "c")).isEqualTo("<?c>");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void enumSwitchExpressionWithLongBelowOnStack(Run run) {
    Program program = run.load(SWITCHES);
    assertThat(program.join("Switches", "enumExpression", "RED")).isEqualTo(1L);
    assertThat(program.join("Switches", "enumExpression", "GREEN")).isEqualTo(2L);
    assertThat(program.join("Switches", "enumExpression", "BLUE")).isEqualTo(21L);
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void switchExpressionNestedInSwitchExpression(Run run) {
    Program program = run.load(SWITCHES);
    assertThat(program.join("Switches", "nestedSwitch", 0, "x")).isEqualTo("zero");
    assertThat(program.join("Switches", "nestedSwitch", 5, "x")).isEqualTo("a5x10");
    assertThat(program.join("Switches", "nestedSwitch", 5, "y")).isEqualTo("a5?");
  }
}
