package dev.weft.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The reducer's expression and block simplifications produce the expected candidates. */
class ReducerTest {
  @Test
  void eachAwaitBecomesAConstantOfItsType() {
    assertEquals(
        List.of("    int v = 0 + Fz.li(await(Fz.sl(4L, 1)));", "    int v = await(Fz.si(3, 1)) + Fz.li(0L);"),
        Reducer.withoutAwaits("    int v = await(Fz.si(3, 1)) + Fz.li(await(Fz.sl(4L, 1)));"));
    assertEquals(List.of("    char c = 'a';"), Reducer.withoutAwaits("    char c = await(Fz.<Character>fl(3, 0));"));
    assertEquals(List.of("    acc += 0L;"),
        Reducer.withoutAwaits("    acc += await(d > 0 && Fz.c() ? P1.m1(d - 1, 2L) : Fz.sl(\")\", 0));"));
    // an await of a checked exception stays: its catch needs it
    assertEquals(List.of(), Reducer.withoutAwaits("    int v = await(Fz.<Integer>sk(1, 2, 0), FzChecked.class);"));
    assertEquals(List.of(),
        Reducer.withoutAwaits("    int v = await(Fz.<Integer>sk2(1, 2, 0), FzChecked.class, FzOther.class);"));
  }

  @Test
  void compoundStatementsUnwrapIntoEachOfTheirParts() {
    List<String> lines = List.of(
        "  static void m() {",
        "    L1:",
        "    for (int i = 0; i < 3; i++) {",
        "      Fz.tI(i);",
        "    }",
        "    if (x) {",
        "      a();",
        "    } else {",
        "      b();",
        "    }",
        "  }");
    assertEquals(List.of(List.of("  static void m() {", "      Fz.tI(i);", "    if (x) {", "      a();",
        "    } else {", "      b();", "    }", "  }")), Reducer.unwrapped(lines, 1));
    List<List<String>> branches = Reducer.unwrapped(lines, 5);
    assertEquals(2, branches.size());
    assertEquals(List.of("  static void m() {", "    L1:", "    for (int i = 0; i < 3; i++) {", "      Fz.tI(i);",
        "    }", "      b();", "  }"), branches.get(1));
    assertEquals(List.of(), Reducer.unwrapped(lines, 3));
  }

  /** Found reducing a program: run() cut down to its timeout branch reports TIMEOUT without running. */
  @Test
  void runsTryStaysWhole() {
    List<String> lines = List.of(
        "  public static String run() {",
        "    String outcome;",
        "    try {",
        "      outcome = \"ok:\" + P1.m0(1, 2L).get(20, java.util.concurrent.TimeUnit.SECONDS);",
        "    } catch (java.util.concurrent.TimeoutException e) {",
        "      outcome = \"TIMEOUT\";",
        "    }",
        "    return outcome;",
        "  }");
    assertEquals(List.of(), Reducer.unwrapped(lines, 2));
  }
}
