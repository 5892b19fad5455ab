package dev.weft.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Replays every stored regression program ({@code regressions/seed-<seed>.java}): each must run
 * woven exactly as under the reference await. Programs under {@code regressions/open/} are
 * weaver bugs not fixed yet: they are run and reported, and do not fail the build.
 */
class RegressionTest {
  private static final Pattern NAME = Pattern.compile("seed-(-?\\d+)\\.java");

  @Test
  void storedRegressionsPass() throws IOException {
    Path dir = Path.of(System.getProperty("weft.fuzz.regressions", "src/test/resources/regressions"));
    List<String> failures = new ArrayList<>();
    for (Path file : files(dir)) {
      Oracle.Result r = replay(file);
      if (r.refused()) {
        System.out.println("fuzz regression " + file.getFileName() + ": " + r.refusal());
      }
      if (r.mismatch()) {
        failures.add(file.getFileName() + ": " + r.problem() + "\n  woven:     " + r.wovenTrace()
            + "\n  reference: " + r.referenceTrace());
      }
    }
    for (Path file : files(dir.resolve("open"))) {
      Oracle.Result r = replay(file);
      System.out.println("fuzz regression (open) " + file.getFileName() + ": "
          + (r.mismatch() ? "still fails: " + r.problem().lines().findFirst().orElse("") : "PASSES now; move it out of open/"));
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  private static Oracle.Result replay(Path file) throws IOException {
    Matcher m = NAME.matcher(file.getFileName().toString());
    if (!m.matches()) {
      throw new AssertionError("regression file not named seed-<seed>.java: " + file);
    }
    long seed = Long.parseLong(m.group(1));
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return Oracle.check(Map.of(seed, text)).get(0);
  }

  private static List<Path> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".java")).sorted().toList();
    }
  }
}
