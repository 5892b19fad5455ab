package dev.weft.benchmarks;

import static dev.weft.Task.await;

import dev.weft.EventLoop;
import dev.weft.Task;
import dev.weft.annotations.Async;
import dev.weft.benchmarks.kotlin.KotlinPeers;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
 * Benchmark id {@code blocking}: a round trip from a coroutine on the event loop to a blocking
 * pool thread that runs a no-op and back. One operation is one round trip; each invocation does
 * {@value #BATCH} one after the other. Weft: {@code await(Task.blocking(noop))}; baseline by
 * hand: submit to a fixed pool of 64 threads (the shape of Weft's blocking pool) whose task posts the continuation back to the loop;
 * {@code CompletableFuture}: {@code supplyAsync(noop, pool).thenApplyAsync(f, loop)}; kotlinx:
 * {@code withContext(Dispatchers.IO)} from {@code runBlocking}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgsAppend = {PeerStates.XMS, PeerStates.XMX, PeerStates.PRE_TOUCH})
public class BlockingBenchmark {
  static final int BATCH = 256;
  private static final Callable<Integer> NOOP = () -> 1;

  private LoopDriver driver;
  private ExecutorService pool;
  private final Task<?>[] tasks = new Task<?>[1];
  private final CompletableFuture<?>[] futures = new CompletableFuture<?>[1];
  private Runnable weftBatch;
  private Runnable baselineBatch;
  private Runnable completableFutureBatch;

  @Setup(Level.Trial)
  public void setUp() {
    driver = new LoopDriver(false); // the pool threads need the second core
    // The shape of Weft's blocking pool: a fixed pool with an unbounded queue.
    ThreadPoolExecutor fixed = new ThreadPoolExecutor(64, 64, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    fixed.prestartAllCoreThreads();
    pool = fixed;
    EventLoop loop = driver.loop();
    weftBatch = () -> tasks[0] = roundTrips(BATCH);
    baselineBatch = () -> {
      CompletableFuture<Integer> done = new CompletableFuture<>();
      futures[0] = done;
      new Runnable() {
        int left = BATCH;

        @Override
        public void run() {
          if (left-- == 0) {
            done.complete(BATCH);
            return;
          }
          pool.execute(() -> {
            try {
              NOOP.call();
            } catch (Exception e) {
              done.completeExceptionally(e);
            }
            loop.execute(this);
          });
        }
      }.run();
    };
    completableFutureBatch = () -> futures[0] = cfRoundTrips(BATCH, loop);
  }

  private CompletableFuture<Integer> cfRoundTrips(int left, EventLoop loop) {
    if (left == 0) {
      return Results.future(BATCH);
    }
    return CompletableFuture.supplyAsync(() -> 1, pool)
        .thenComposeAsync(v -> cfRoundTrips(left - 1, loop), loop);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    driver.close();
    pool.shutdownNow();
  }

  /** Hand-written: the pool task posts the continuation back to the loop. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void baseline(Blackhole bh) {
    driver.run(baselineBatch, futures);
    bh.consume(futures[0].join());
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void weft(Blackhole bh) {
    driver.run(weftBatch, tasks);
    bh.consume(tasks[0].join());
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void completableFuture(Blackhole bh) {
    driver.run(completableFutureBatch, futures);
    bh.consume(futures[0].join());
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  @Warmup(iterations = 6, time = 1) // kotlinx needs a longer warm-up to reach steady state
  public void kotlinx(Blackhole bh) {
    bh.consume(KotlinPeers.blocking(BATCH));
  }

  @Async
  static Task<Integer> roundTrips(int n) {
    int sum = 0;
    for (int i = 0; i < n; i++) {
      sum += await(Task.blocking(NOOP));
    }
    return Results.task(sum);
  }
}
