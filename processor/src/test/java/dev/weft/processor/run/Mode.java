package dev.weft.processor.run;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where a run test's program is woven. All must give the same bytes (README, semantics 8), so
 * every run test runs in every mode. {@code -Dweft.run.modes=DIRECT} restricts the runs to the
 * listed modes (comma-separated), for working on the weaver before the processor weaves.
 */
enum Mode {
  /** javac with {@code WeftProcessor}, which weaves each class as javac writes it. */
  PROCESSOR,
  /** plain javac ({@code -proc:none}), then {@code new Weaver(hierarchy).weave(bytes)} per class. */
  DIRECT,
  /**
   * plain javac, then each class file through the agent's {@code WeavingTransformer.transform}, as
   * the JVM calls it at load time (a {@code null} result leaves the class as it was).
   */
  AGENT,
  /**
   * plain javac into a directory, then the Maven plugin's {@code DirectoryWeaver} over it in place,
   * then the directory read back.
   */
  PLUGIN;

  static List<Mode> enabled() {
    String property = System.getProperty("weft.run.modes", "");
    if (property.isBlank()) {
      return List.of(values());
    }
    return Arrays.stream(property.split(","))
        .map(String::trim)
        .filter(name -> !name.isEmpty())
        .map(Mode::valueOf)
        .collect(Collectors.toUnmodifiableList());
  }
}
