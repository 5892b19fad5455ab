package dev.weft.processor.run;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where a run test's program is woven. Both must give the same bytes (DESIGN.md, semantics 8), so
 * every run test runs in both. {@code -Dweft.run.modes=DIRECT} restricts the runs to the listed
 * modes (comma-separated), for working on the weaver before the processor weaves.
 */
enum Mode {
  /** javac with {@code WeftProcessor}, which weaves each class as javac writes it. */
  PROCESSOR,
  /** plain javac ({@code -proc:none}), then {@code new Weaver(hierarchy).weave(bytes)} per class. */
  DIRECT;

  static List<Mode> enabled() {
    String property = System.getProperty("weft.run.modes", "");
    if (property.isBlank()) {
      return List.of(values());
    }
    return Arrays.stream(property.split(","))
        .map(String::trim)
        .map(Mode::valueOf)
        .collect(Collectors.toUnmodifiableList());
  }
}
