package dev.weft.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The generator's optional features: each appears only when picked, and keeps its own rules. */
class GenTest {
  private static final int SEEDS = 120;

  /** Text only the feature's constructs produce. */
  private static final Map<Feature, List<String>> MARKS = Map.of(
      Feature.BRIDGES, List.of("implements java.util.function.Supplier<Task<Long>>", "implements Q"),
      Feature.OVERLOADS, List.of(" self, int d, long x)"),
      Feature.SWITCH_TRY, List.of("default -> { try { yield await("),
      Feature.SYNC, List.of("synchronized ("),
      Feature.LOCAL, List.of("class Loc", "return new Object() {"));

  @Test
  void eachFeatureShowsAllItsConstructsAndNoOtherFeaturesOnes() {
    for (Feature feature : Feature.values()) {
      StringBuilder all = new StringBuilder();
      for (long seed = 0; seed < SEEDS; seed++) {
        all.append(Gen.program(seed, EnumSet.of(feature)));
      }
      for (Map.Entry<Feature, List<String>> marks : MARKS.entrySet()) {
        for (String mark : marks.getValue()) {
          assertEquals(marks.getKey() == feature, all.indexOf(mark) >= 0, feature + " and '" + mark + "'");
        }
      }
    }
  }

  @Test
  void withoutFeaturesNoneOfTheirConstructs() {
    for (long seed = 0; seed < SEEDS; seed++) {
      String program = Gen.program(seed, EnumSet.noneOf(Feature.class));
      MARKS.values().stream().flatMap(List::stream)
          .forEach(mark -> assertFalse(program.contains(mark), mark));
    }
  }

  /** Awaits declaring two checked types, failing with either, each with its catch. */
  @Test
  void checkedAwaitsDeclareOneOrTwoTypes() {
    StringBuilder all = new StringBuilder();
    for (long seed = 0; seed < SEEDS; seed++) {
      all.append(Gen.program(seed, Feature.parse("all")));
    }
    assertTrue(all.indexOf("), FzChecked.class);") >= 0, "one type");
    assertTrue(all.indexOf(">sk2(") >= 0 && all.indexOf(">sk(") >= 0, "both failures");
    for (String two : List.of("), FzChecked.class, FzOther.class);", "} catch (FzOther ")) {
      assertTrue(all.indexOf(two) >= 0, two);
    }
  }

  /** An await inside synchronized is a compile error for the processor: never generated. */
  @Test
  void synchronizedBlocksHoldNoAwait() {
    int blocks = 0;
    for (long seed = 0; seed < SEEDS; seed++) {
      String program = Gen.program(seed, Feature.parse("all"));
      for (int at = program.indexOf("synchronized ("); at >= 0; at = program.indexOf("synchronized (", at + 1)) {
        String block = braced(program, program.indexOf('{', at));
        assertFalse(block.contains("await("), "seed " + seed + ": " + block);
        blocks++;
      }
    }
    assertTrue(blocks > SEEDS / 2, "only " + blocks + " synchronized blocks");
  }

  @Test
  void featureIds() {
    assertEquals(EnumSet.allOf(Feature.class), Feature.parse("all"));
    assertEquals(EnumSet.allOf(Feature.class), Feature.parse(""));
    assertEquals(Set.of(), Feature.parse("none"));
    assertEquals(EnumSet.of(Feature.BRIDGES, Feature.SWITCH_TRY), Feature.parse("bridges, switchTry"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Feature.parse("bridges,nope"));
    assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains("overloads"), e.getMessage());
  }

  /** The text from the brace at {@code open} through its matching brace. */
  private static String braced(String text, int open) {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return text.substring(open, i + 1);
      }
    }
    throw new AssertionError("unbalanced braces after " + open);
  }
}
