package dev.weft.benchmarks;

import static dev.weft.Task.await;

import dev.weft.Promise;
import dev.weft.Task;
import dev.weft.annotations.Async;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * (c) A chain of depth {@value #DEPTH}: each level awaits the level below and adds one; the
 * bottom level awaits a leaf stage. Weft writes it as a recursive {@code @Async} method, by hand
 * it is {@value #DEPTH} nested {@code thenCompose} calls.
 *
 * <p>{@code *Completed}: the leaf is already complete, so nothing suspends (benchmark thread).
 * {@code *Suspended}: the leaf is completed only after the whole chain is built, so every level
 * suspends and the completion cascades up; that runs on one event loop thread exactly as in
 * {@link SuspendResumeBenchmark}, in batches of {@value #BATCH} chains.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g", PeerStates.PRE_TOUCH})
public class ChainBenchmark {

  static final int DEPTH = 10;
  static final int BATCH = 256;

  private static final Function<Integer, CompletableFuture<Integer>> PLUS_ONE =
      v -> CompletableFuture.completedFuture(v + 1);

  private final Task<Integer> completedTask = Task.completed(0);
  private final CompletableFuture<Integer> completedFuture = CompletableFuture.completedFuture(0);

  private LoopDriver driver;
  private final Task<?>[] tasks = new Task<?>[BATCH];
  private final CompletableFuture<?>[] futures = new CompletableFuture<?>[BATCH];
  private Runnable weftBatch;
  private Runnable thenComposeBatch;

  @Setup(Level.Trial)
  public void setUp() {
    driver = new LoopDriver();
    weftBatch = () -> {
      for (int i = 0; i < BATCH; i++) {
        Promise<Integer> leaf = Task.promise();
        tasks[i] = chain(DEPTH, leaf);
        leaf.complete(i);
      }
    };
    thenComposeBatch = () -> {
      for (int i = 0; i < BATCH; i++) {
        CompletableFuture<Integer> leaf = new CompletableFuture<>();
        futures[i] = thenComposeChain(DEPTH, leaf);
        leaf.complete(i);
      }
    };
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    driver.close();
  }

  @Benchmark
  public void weftCompleted(Blackhole bh) {
    bh.consume(chain(DEPTH, completedTask));
  }

  @Benchmark
  public void completableFutureCompleted(Blackhole bh) {
    bh.consume(thenComposeChain(DEPTH, completedFuture));
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void weftSuspended(Blackhole bh) {
    driver.run(weftBatch, tasks);
    bh.consume(tasks[BATCH - 1].join());
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void completableFutureSuspended(Blackhole bh) {
    driver.run(thenComposeBatch, futures);
    bh.consume(futures[BATCH - 1].join());
  }

  /** Level {@code depth} of the chain; level 1 awaits the leaf. */
  @Async
  static Task<Integer> chain(int depth, CompletionStage<Integer> leaf) {
    int v;
    if (depth == 1) {
      v = await(leaf);
    } else {
      v = await(chain(depth - 1, leaf));
    }
    return Task.completed(v + 1);
  }

  /** The same chain by hand. */
  static CompletableFuture<Integer> thenComposeChain(int depth, CompletableFuture<Integer> leaf) {
    CompletableFuture<Integer> below = depth == 1 ? leaf : thenComposeChain(depth - 1, leaf);
    return below.thenCompose(PLUS_ONE);
  }
}
