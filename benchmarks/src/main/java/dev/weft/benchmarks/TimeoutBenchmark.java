package dev.weft.benchmarks;

import dev.weft.Promise;
import dev.weft.Task;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
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

/**
 * A timeout on an operation that finishes in time, the common case: start a 30 s timeout on an
 * incomplete stage, then complete the stage, which cancels the timer.
 *
 * <ul>
 *   <li>{@code weft}: {@code Task.timeout(promise, 30 s)} on the loop thread; the timer lives in
 *       the loop's own wheel and its cancel unlinks it at once.
 *   <li>{@code completableFutureOrTimeout}: {@code cf.orTimeout(30, SECONDS)}; the JDK schedules
 *       the timeout on its shared {@code ScheduledThreadPoolExecutor} (a locked heap) and removes
 *       it again when the future completes.
 * </ul>
 *
 * <p>Both run {@value #BATCH} operations per hand-off on one loop thread ({@link LoopDriver}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g", PeerStates.PRE_TOUCH})
public class TimeoutBenchmark {
  static final int BATCH = 1024;
  private static final Duration THIRTY_SECONDS = Duration.ofSeconds(30);

  private LoopDriver driver;
  private final Future<?>[] results = new Future<?>[BATCH];
  private Runnable weftBatch;
  private Runnable orTimeoutBatch;

  @Setup(Level.Trial)
  public void setUp() {
    driver = new LoopDriver();
    weftBatch = () -> {
      for (int i = 0; i < BATCH; i++) {
        Promise<Integer> p = Task.promise();
        results[i] = Task.timeout(p, THIRTY_SECONDS);
        p.complete(i);
      }
    };
    orTimeoutBatch = () -> {
      for (int i = 0; i < BATCH; i++) {
        CompletableFuture<Integer> cf = new CompletableFuture<>();
        results[i] = cf.orTimeout(30, TimeUnit.SECONDS);
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
  public Future<?>[] weft() {
    driver.run(weftBatch, results);
    return results;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Future<?>[] completableFutureOrTimeout() {
    driver.run(orTimeoutBatch, results);
    return results;
  }
}
