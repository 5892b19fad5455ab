package dev.weft.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@code -Dweft.fuzz.programs=N -Dweft.fuzz.seed=S}: N generated programs, seeds S, S+1, ...,
 * each run woven and under the reference await; prints {@code fuzz: N programs, M mismatches} and
 * each mismatching seed, writes each mismatch (reduced) as a regression source, and fails on any.
 */
class FuzzTest {
  @Test
  void wovenAgreesWithReference() throws IOException {
    int programs = Integer.getInteger("weft.fuzz.programs", 500);
    long seed = Long.getLong("weft.fuzz.seed", 20261122L);
    int batchSize = Math.max(1, Integer.getInteger("weft.fuzz.batch", 100));
    boolean reduce = Boolean.parseBoolean(System.getProperty("weft.fuzz.reduce", "true"));
    String outDir = System.getProperty("weft.fuzz.out", "");
    boolean verbose = Boolean.getBoolean("weft.fuzz.verbose");
    long reduceMillis = Long.getLong("weft.fuzz.reduceMillis", 60_000L);
    int maxReduced = Integer.getInteger("weft.fuzz.maxReduced", 5);

    int threads = Math.max(1, Integer.getInteger("weft.fuzz.threads",
        Math.min(2, Runtime.getRuntime().availableProcessors())));
    long started = System.nanoTime();
    List<Oracle.Result> mismatches = new ArrayList<>();
    List<Oracle.Result> refused = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "weft-fuzz");
      t.setDaemon(true);
      return t;
    });
    List<Future<List<Oracle.Result>>> batches = new ArrayList<>();
    for (int from = 0; from < programs; from += batchSize) {
      Map<Long, String> batch = Oracle.batch();
      for (int i = from; i < Math.min(programs, from + batchSize); i++) {
        batch.put(seed + i, Gen.program(seed + i));
      }
      batches.add(pool.submit(() -> Oracle.check(batch)));
    }
    int done = 0;
    for (Future<List<Oracle.Result>> batch : batches) {
      List<Oracle.Result> results;
      try {
        results = batch.get();
      } catch (InterruptedException | ExecutionException e) {
        throw new AssertionError("fuzz batch failed: " + e, e);
      }
      for (Oracle.Result r : results) {
        done++;
        if (r.refused()) {
          refused.add(r);
          System.out.println("fuzz refusal: seed " + r.seed() + " " + r.refusal());
        }
        if (r.mismatch()) {
          mismatches.add(r);
          System.out.println("fuzz mismatch: seed " + r.seed() + " " + r.problem().lines().findFirst().orElse(""));
          System.out.flush();
        }
      }
      if (verbose) {
        System.out.printf("fuzz progress: %d/%d programs, %d mismatches, %.1f s%n",
            done, programs, mismatches.size(), (System.nanoTime() - started) / 1e9);
      }
    }
    pool.shutdown();
    StringBuilder details = new StringBuilder();
    for (Oracle.Result r : mismatches) {
      String text = Gen.program(r.seed());
      // reduce the first few mismatches only: each reduction recompiles the program many times
      String reduced = reduce && reduced(mismatches, r) < maxReduced
          ? Reducer.reduce(r.seed(), text, r.problem(), reduceMillis) : text;
      Oracle.Result again = Oracle.check(Map.of(r.seed(), reduced)).get(0);
      details.append("---- seed ").append(r.seed()).append(": ").append(r.problem()).append('\n')
          .append("woven:     ").append(r.wovenTrace()).append('\n')
          .append("reference: ").append(r.referenceTrace()).append('\n')
          .append("reduced program (").append(again.problem()).append("):\n")
          .append("woven:     ").append(again.wovenTrace()).append('\n')
          .append("reference: ").append(again.referenceTrace()).append('\n')
          .append(Gen.woven(reduced)).append('\n');
      if (!outDir.isBlank()) {
        Path dir = Path.of(outDir);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("seed-" + r.seed() + ".java"),
            header(r, again) + reduced, StandardCharsets.UTF_8);
      }
    }
    if (!mismatches.isEmpty()) {
      System.out.println(details);
    }
    System.out.printf("fuzz: %d programs, %d mismatches%n", programs, mismatches.size());
    if (!refused.isEmpty()) {
      System.out.printf("fuzz: %d of them refused clearly as too large once woven (growth at most %.1f times)%n",
          refused.size(), TooLarge.MAX_GROWTH);
    }
    for (Oracle.Result r : mismatches) {
      System.out.println(r.seed());
    }
    System.out.flush();
    assertEquals(0, mismatches.size(), "mismatching seeds: "
        + mismatches.stream().map(r -> String.valueOf(r.seed())).toList());
  }

  private static int reduced(List<Oracle.Result> all, Oracle.Result r) {
    return all.indexOf(r);
  }

  static String header(Oracle.Result original, Oracle.Result reduced) {
    StringBuilder b = new StringBuilder();
    b.append("// weft-fuzz regression, seed ").append(original.seed()).append('\n');
    b.append("// Replayed by RegressionTest: AWAIT_HOLDER becomes dev.weft.Task (woven) or fz.Ref (reference).\n");
    b.append("// Found as: ").append(original.problem().lines().findFirst().orElse("")).append('\n');
    for (String line : (reduced.problem() == null ? "(reduced program passes)" : reduced.problem()).split("\n")) {
      b.append("// ").append(line).append('\n');
    }
    b.append("// woven:     ").append(reduced.wovenTrace()).append('\n');
    b.append("// reference: ").append(reduced.referenceTrace()).append('\n');
    return b.toString();
  }
}
