package dev.weft.benchmarks;

import dev.weft.EventLoop;
import dev.weft.Promise;
import dev.weft.Task;
import dev.weft.TimerHandle;
import java.time.Duration;
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
 * What one {@code Task.sleep} costs in bytes: {@value #BATCH} zero-length sleeps started on a loop
 * thread, then waited for (they are due at once and fire at the loop's next turn). {@code sleep} is {@link Task#sleep};
 * {@code promiseAndTimer} is the same built from the public pieces (a {@link Promise}, a timer
 * completing it, a callback cancelling the timer), close to how {@code Task.sleep} was built
 * before. The time per operation includes waiting for the tick; read {@code gc.alloc.rate.norm}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g", PeerStates.PRE_TOUCH})
public class SleepBenchmark {
  static final int BATCH = 1024;

  private EventLoop loop;
  private final Task<?>[] results = new Task<?>[BATCH];
  private Runnable sleepBatch;
  private Runnable promiseBatch;

  @Setup(Level.Trial)
  public void setUp() {
    loop = new EventLoop();
    sleepBatch = () -> {
      for (int i = 0; i < BATCH; i++) {
        results[i] = Task.sleep(Duration.ZERO);
      }
    };
    promiseBatch = () -> {
      for (int i = 0; i < BATCH; i++) {
        Promise<Void> p = Task.promise();
        TimerHandle timer = loop.schedule(() -> p.complete(null), 0, TimeUnit.NANOSECONDS);
        p.whenComplete((v, e) -> timer.cancel());
        results[i] = p;
      }
    };
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    loop.close();
  }

  private void run(Runnable batch) {
    Promise<Void> started = Task.promise();
    loop.execute(() -> {
      batch.run();
      started.complete(null);
    });
    started.join();
    for (Task<?> t : results) {
      t.join();
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Task<?>[] sleep() {
    run(sleepBatch);
    return results;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Task<?>[] promiseAndTimer() {
    run(promiseBatch);
    return results;
  }
}
