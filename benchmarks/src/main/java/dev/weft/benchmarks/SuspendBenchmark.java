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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Benchmark id {@code suspend}: one await of an incomplete stage, completed on the same thread,
 * then resumed, returning value + 1. One operation is one such round trip; each invocation runs
 * a batch of {@value #BATCH}.
 *
 * <p>{@code baseline}, Weft, {@code CompletableFuture} and EA Async run the batch on one event
 * loop thread ({@link LoopDriver}): per operation the batch makes an incomplete stage, starts the
 * consumer and completes the stage; Weft and the baseline resume through a run queue (Weft's
 * loop, the baseline's plain {@code ArrayDeque}), {@code thenCompose} and EA Async run the
 * dependent inline. kotlinx runs the batch in {@code runBlocking} on the benchmark thread
 * (its own one-thread event loop). The virtual-thread peer is one park/unpark of a worker
 * virtual thread per operation, driven by a second virtual thread on the same single carrier.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgsAppend = {PeerStates.XMS, PeerStates.XMX, PeerStates.PRE_TOUCH})
public class SuspendBenchmark {

  static final int BATCH = 1024;

  private static final Function<Integer, CompletableFuture<Integer>> PLUS_ONE =
      v -> CompletableFuture.completedFuture(v + 1);

  private LoopDriver driver;
  private final Task<?>[] tasks = new Task<?>[BATCH];
  private final CompletableFuture<?>[] futures = new CompletableFuture<?>[BATCH];
  private final HandWritten.Cell[] cells = new HandWritten.Cell[BATCH];
  private final HandWritten.Queue queue = new HandWritten.Queue();
  private Runnable baselineBatch;
  private Runnable weftBatch;
  private Runnable weftForeignBatch;
  private Runnable thenComposeBatch;
  private Runnable thenComposeAsyncBatch;
  private Runnable eaBatch;

  @Setup(Level.Trial)
  public void setUp() {
    driver = new LoopDriver();
    baselineBatch = () -> {
      for (int i = 0; i < BATCH; i++) {
        HandWritten.Cell leaf = new HandWritten.Cell(queue);
        cells[i] = HandWritten.PlusOne.start(leaf);
        leaf.complete(i);
      }
      queue.drain();
    };
    weftBatch = () -> {
      for (int i = 0; i < BATCH; i++) {
        Promise<Integer> p = Task.promise();
        tasks[i] = plusOne(p);
        p.complete(i);
      }
    };
    weftForeignBatch = () -> {
      for (int i = 0; i < BATCH; i++) {
        CompletableFuture<Integer> cf = new CompletableFuture<>();
        tasks[i] = plusOne(cf);
        cf.complete(i);
      }
    };
    thenComposeBatch = () -> {
      for (int i = 0; i < BATCH; i++) {
        CompletableFuture<Integer> cf = new CompletableFuture<>();
        futures[i] = cf.thenCompose(PLUS_ONE);
        cf.complete(i);
      }
    };
    thenComposeAsyncBatch = () -> {
      for (int i = 0; i < BATCH; i++) {
        CompletableFuture<Integer> cf = new CompletableFuture<>();
        futures[i] = cf.thenComposeAsync(PLUS_ONE, driver.executor());
        cf.complete(i);
      }
    };
    eaBatch = () -> {
      for (int i = 0; i < BATCH; i++) {
        CompletableFuture<Integer> cf = new CompletableFuture<>();
        futures[i] = EaPeers.plusOne(cf);
        cf.complete(i);
      }
    };
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    driver.close();
  }

  /** Hand-written state machine over a plain run queue. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void baseline(Blackhole bh) {
    driver.run(baselineBatch);
    bh.consume(cells[BATCH - 1].value);
  }

  /** Weft awaiting an incomplete {@code Promise} (a {@code Task}). */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void weft(Blackhole bh) {
    driver.run(weftBatch, tasks);
    bh.consume(tasks[BATCH - 1].join());
  }

  /** Weft awaiting an incomplete {@code CompletableFuture} (a foreign stage). */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void weftForeign(Blackhole bh) {
    driver.run(weftForeignBatch, tasks);
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
  public void completableFutureThenComposeAsync(Blackhole bh) {
    driver.run(thenComposeAsyncBatch, futures);
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
    bh.consume(KotlinPeers.suspendResume(BATCH));
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  @Fork(value = 3, jvmArgsAppend = {PeerStates.XMS, PeerStates.XMX, PeerStates.PRE_TOUCH, PeerStates.ONE_CARRIER})
  public void virtualThread(PeerStates.VirtualThreadsPresent vt, Blackhole bh) {
    bh.consume(VirtualThreads.parkUnpark(BATCH));
  }

  @Async
  static Task<Integer> plusOne(CompletionStage<Integer> stage) {
    int v = await(stage);
    return Task.completed(v + 1);
  }
}
