package dev.weft.benchmarks;

import static dev.weft.Task.await;

import dev.weft.Promise;
import dev.weft.Task;
import dev.weft.annotations.Async;
import java.util.concurrent.CompletableFuture;
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
 * (b) One suspend/resume round trip: await an incomplete stage, have it completed, resume,
 * return value + 1.
 *
 * <p>Thread setup, the same for every method here: the whole body runs on one dedicated event
 * loop thread ({@link LoopDriver}). For each of {@value #BATCH} operations it makes an incomplete
 * stage, starts the consumer (Weft: an {@code @Async} method, which suspends and is bound to this
 * loop; by hand: {@code thenCompose}), and completes the stage from that same loop thread. Weft
 * then resumes the coroutine through the loop's run queue. Plain {@code thenCompose} runs its
 * dependent inline on the completing thread; {@code thenComposeAsync} on the loop is the
 * hand-written equivalent of Weft's hop through the run queue. One hand-off to the loop and back
 * per batch is shared by all methods and spread over the batch.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g", PeerStates.PRE_TOUCH})
public class SuspendResumeBenchmark {

  static final int BATCH = 1024;

  private static final Function<Integer, CompletableFuture<Integer>> PLUS_ONE =
      v -> CompletableFuture.completedFuture(v + 1);

  private LoopDriver driver;
  private final Task<?>[] tasks = new Task<?>[BATCH];
  private final CompletableFuture<?>[] futures = new CompletableFuture<?>[BATCH];
  private Runnable weftBatch;
  private Runnable thenComposeBatch;
  private Runnable thenComposeAsyncBatch;

  @Setup(Level.Trial)
  public void setUp() {
    driver = new LoopDriver();
    weftBatch = () -> {
      for (int i = 0; i < BATCH; i++) {
        Promise<Integer> p = Task.promise();
        tasks[i] = plusOne(p);
        p.complete(i);
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
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    driver.close();
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
  public void completableFutureThenComposeAsync(Blackhole bh) {
    driver.run(thenComposeAsyncBatch, futures);
    bh.consume(futures[BATCH - 1].join());
  }

  @Async
  static Task<Integer> plusOne(Promise<Integer> p) {
    int v = await(p);
    return Task.completed(v + 1);
  }
}
