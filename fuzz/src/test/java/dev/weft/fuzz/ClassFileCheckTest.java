package dev.weft.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.weaver.WeaveException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The class-file property ({@link ClassFileCheck}) catches each kind of weaver failure, accepts
 * the real weaver on every seed, and the stored seed corpus is there for Jazzer to replay.
 */
class ClassFileCheckTest {
  private static final Map<String, byte[]> CONTEXT = SeedPrograms.compileAll();
  private static final Map<String, byte[]> SEEDS = SeedPrograms.seeds(CONTEXT);
  static final Path CORPUS = Path.of(System.getProperty("weft.fuzz.corpus",
      "src/test/resources/dev/weft/fuzz/WeaverFuzzTestInputs/weaveClassFile"));

  @Test
  void realWeaverWeavesEverySeedIntoAVerifiedClass() {
    ClassFileCheck check = new ClassFileCheck(CONTEXT, ClassFileCheck.weaver(CONTEXT), 30_000);
    assertTrue(SEEDS.size() >= 10, "seeds: " + SEEDS.keySet());
    SEEDS.forEach((name, bytes) ->
        assertEquals(ClassFileCheck.Outcome.WOVEN_VERIFIED, check.check(bytes), name));
  }

  @Test
  void unverifiableOutputForAVerifiedInputIsAFinding() {
    ClassFileCheck check = new ClassFileCheck(CONTEXT, ClassFileCheck::breakFirstAsyncMethod, 30_000);
    ClassFileCheck.Finding f = assertThrows(ClassFileCheck.Finding.class, () -> check.check(SEEDS.get("fz/SLoops")));
    assertTrue(f.getMessage().contains("(JVM)"), f.getMessage());
  }

  @Test
  void anUnverifiableInputMayGiveAnUnverifiableOutput() {
    ClassFileCheck check = new ClassFileCheck(CONTEXT, ClassFileCheck::breakFirstAsyncMethod, 30_000);
    byte[] broken = ClassFileCheck.breakFirstAsyncMethod(SEEDS.get("fz/SLoops"));
    assertTrue(!check.verifies("fz/SLoops", broken), "the JVM verifier runs at link time");
    assertEquals(ClassFileCheck.Outcome.WOVEN_UNCHECKED, check.check(broken));
  }

  @Test
  void anyExceptionButWeaveExceptionIsAFinding() {
    ClassFileCheck check = new ClassFileCheck(CONTEXT, bytes -> {
      throw new ArrayIndexOutOfBoundsException(7);
    }, 30_000);
    ClassFileCheck.Finding f = assertThrows(ClassFileCheck.Finding.class, () -> check.check(SEEDS.get("fz/STry")));
    assertTrue(f.getMessage().contains("ArrayIndexOutOfBoundsException"), f.getMessage());
    ClassFileCheck rejecting = new ClassFileCheck(CONTEXT, bytes -> {
      throw new WeaveException(java.util.List.of());
    }, 30_000);
    assertEquals(ClassFileCheck.Outcome.REJECTED, rejecting.check(SEEDS.get("fz/STry")));
  }

  @Test
  void aWeaveThatNeverReturnsIsAFinding() {
    CountDownLatch never = new CountDownLatch(1);
    ClassFileCheck check = new ClassFileCheck(CONTEXT, bytes -> {
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return bytes;
    }, 200);
    ClassFileCheck.Finding f = assertThrows(ClassFileCheck.Finding.class, () -> check.check(SEEDS.get("fz/STry")));
    assertTrue(f.getMessage().contains("did not return"), f.getMessage());
  }

  /**
   * The stored corpus holds every seed ({@code -Dweft.fuzz.writeSeeds=true} rewrites it from
   * {@link SeedPrograms}).
   */
  @Test
  void storedCorpusHoldsTheSeeds() throws IOException {
    if (Boolean.getBoolean("weft.fuzz.writeSeeds")) {
      Files.createDirectories(CORPUS);
      for (Map.Entry<String, byte[]> seed : SEEDS.entrySet()) {
        Files.write(CORPUS.resolve("seed-" + seed.getKey().substring(seed.getKey().lastIndexOf('/') + 1)), seed.getValue());
      }
    }
    for (String name : SEEDS.keySet()) {
      Path file = CORPUS.resolve("seed-" + name.substring(name.lastIndexOf('/') + 1));
      assertTrue(Files.isRegularFile(file), "missing seed " + file + " (-Dweft.fuzz.writeSeeds=true writes them)");
    }
    try (Stream<Path> files = Files.list(CORPUS)) {
      assertTrue(files.count() < 100, "the corpus stays small");
    }
  }

  /**
   * Class-file findings not fixed yet ({@code class-findings-open/}, see fuzz/README.md): each is
   * checked and its status printed, without failing the build; a file whose check passes is to
   * move into the Jazzer inputs directory, where it fails the build if it ever breaks again.
   */
  @Test
  void openFindingsAreReported() throws IOException {
    Path dir = Path.of(System.getProperty("weft.fuzz.openClassFindings", "src/test/resources/class-findings-open"));
    ClassFileCheck check = new ClassFileCheck(CONTEXT, ClassFileCheck.weaver(CONTEXT), 120_000);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        String status;
        long started = System.nanoTime();
        try {
          ClassFileCheck.Outcome outcome = check.check(Files.readAllBytes(file));
          status = "passes now (" + outcome + " after " + (System.nanoTime() - started) / 1_000_000
              + " ms); move it to the Jazzer inputs if that is fast enough";
        } catch (ClassFileCheck.Finding f) {
          status = "still fails: " + f.getMessage();
        }
        System.out.println("fuzz class finding (open) " + file.getFileName() + ": " + status);
      }
    }
  }
}
