package dev.weft.benchmarks;

import static dev.weft.Task.await;

import dev.weft.Promise;
import dev.weft.Task;
import dev.weft.annotations.Async;
import dev.weft.benchmarks.ea.EaPeers;
import dev.weft.benchmarks.kotlin.KotlinPeers;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Benchmark id {@code depth}: a call chain {@link #depth} deep, each level awaiting the level
 * below and adding one, the bottom level awaiting a leaf. {@link #suspending}: the leaf is
 * completed only after the whole chain is built, so every level suspends and resumes; else the
 * leaf is already complete and nothing suspends. One operation is one whole chain; each
 * invocation runs {@value #BATCH} chains, on one event loop thread ({@link LoopDriver}), except
 * kotlinx, which runs them in {@code runBlocking} on the benchmark thread. Results are cached
 * ({@link Results}) so the bytes are the machinery's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgsAppend = {PeerStates.XMS, PeerStates.XMX, PeerStates.PRE_TOUCH})
public class DepthBenchmark {
  static final int BATCH = 256;

  private static final Function<Integer, CompletableFuture<Integer>> PLUS_ONE = v -> Results.future(v + 1);

  /** Levels in the chain. */
  @Param({"1", "3", "10", "30"})
  public int depth;

  /** Whether the leaf is incomplete while the chain is built (every level suspends). */
  @Param({"false", "true"})
  public boolean suspending;

  private LoopDriver driver;
  private final Task<?>[] tasks = new Task<?>[BATCH];
  private final CompletableFuture<?>[] futures = new CompletableFuture<?>[BATCH];
  private final HandWritten.Cell[] cells = new HandWritten.Cell[BATCH];
  private final HandWritten.Queue queue = new HandWritten.Queue();
  private Runnable baselineBatch;
  private Runnable weftBatch;
  private Runnable thenComposeBatch;
  private Runnable eaBatch;

  @Setup(Level.Trial)
  public void setUp() {
    driver = new LoopDriver();
    boolean s = suspending;
    int d = depth;
    baselineBatch = () -> {
      for (int i = 0; i < BATCH; i++) {
        HandWritten.Cell leaf = s ? new HandWritten.Cell(queue) : new HandWritten.Cell(queue, i);
        cells[i] = HandWritten.Chain.start(d, leaf);
        if (s) {
          leaf.complete(i);
        }
      }
      queue.drain();
    };
    weftBatch = () -> {
      for (int i = 0; i < BATCH; i++) {
        if (s) {
          Promise<Integer> leaf = Task.promise();
          tasks[i] = chain(d, leaf);
          leaf.complete(i);
        } else {
          tasks[i] = chain(d, Results.task(i));
        }
      }
    };
    thenComposeBatch = () -> {
      for (int i = 0; i < BATCH; i++) {
        if (s) {
          CompletableFuture<Integer> leaf = new CompletableFuture<>();
          futures[i] = thenComposeChain(d, leaf);
          leaf.complete(i);
        } else {
          futures[i] = thenComposeChain(d, Results.future(i));
        }
      }
    };
    eaBatch = () -> {
      for (int i = 0; i < BATCH; i++) {
        if (s) {
          CompletableFuture<Integer> leaf = new CompletableFuture<>();
          futures[i] = EaPeers.chain(d, leaf);
          leaf.complete(i);
        } else {
          futures[i] = EaPeers.chain(d, Results.future(i));
        }
      }
    };
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    driver.close();
  }

  /** Hand-written state machines over a plain run queue. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void baseline(Blackhole bh) {
    driver.run(baselineBatch);
    bh.consume(cells[BATCH - 1].value);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void weft(Blackhole bh) {
    driver.run(weftBatch, tasks);
    bh.consume(tasks[BATCH - 1].join());
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void completableFutureThenCompose(Blackhole bh) {
    driver.run(thenComposeBatch, futures);
    bh.consume(futures[BATCH - 1].join());
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  @Fork(value = 3, jvmArgsAppend = {PeerStates.XMS, PeerStates.XMX, PeerStates.PRE_TOUCH, BuildPaths.EA_AGENT})
  public void eaAsync(PeerStates.EaAgentPresent ea, Blackhole bh) {
    driver.run(eaBatch, futures);
    bh.consume(futures[BATCH - 1].join());
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  @Warmup(iterations = 6, time = 1) // kotlinx needs a longer warm-up to reach steady state
  public void kotlinx(Blackhole bh) {
    bh.consume(KotlinPeers.depth(BATCH, depth, suspending));
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
    return Results.task(v + 1);
  }

  static CompletableFuture<Integer> thenComposeChain(int depth, CompletableFuture<Integer> leaf) {
    CompletableFuture<Integer> below = depth == 1 ? leaf : thenComposeChain(depth - 1, leaf);
    return below.thenCompose(PLUS_ONE);
  }
}
