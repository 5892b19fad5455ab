package dev.weft.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the weaver over class files (Jazzer). Inputs are class files mutated
 * from real compiled {@code @Async} programs (the seed corpus in {@code
 * src/test/resources/dev/weft/fuzz/WeaverFuzzTestInputs/weaveClassFile/}); the property is {@link
 * ClassFileCheck}'s: the weaver returns nothing, throws {@code WeaveException}, or returns a class
 * that verifies whenever the input verifies; it never hangs and never throws anything else.
 *
 * <p>A plain {@code mvn verify} replays the stored corpus and findings (regression mode); {@code
 * JAZZER_FUZZ=1} fuzzes (see {@code fuzz/README.md}).
 */
class WeaverFuzzTest {
  /** The support classes and every class of the seed programs: what inputs may refer to. */
  private static final Map<String, byte[]> CONTEXT = SeedPrograms.compileAll();
  private static final ClassFileCheck CHECK =
      new ClassFileCheck(CONTEXT, ClassFileCheck.weaver(CONTEXT), Long.getLong("weft.fuzz.weaveTimeoutMillis", 60_000L));

  @FuzzTest(maxDuration = "30m")
  void weaveClassFile(byte[] classFile) {
    CHECK.check(classFile);
  }
}
