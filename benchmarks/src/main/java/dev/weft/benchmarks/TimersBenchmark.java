package dev.weft.benchmarks;

import dev.weft.EventLoop;
import dev.weft.TimerHandle;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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
 * Benchmark id {@code timers}, first part: schedule a 30 s timer and cancel it (a timeout whose
 * operation finished in time) while {@value #PENDING} long timers (one to two hours) are pending.
 * One operation is one schedule plus cancel; each invocation does {@value #BATCH}. Weft: {@link
 * EventLoop#schedule} and {@link TimerHandle#cancel} on the loop thread ({@link LoopDriver});
 * baseline: a {@link ScheduledThreadPoolExecutor} with remove-on-cancel, from the benchmark
 * thread. Both run on one thread, so time per operation is CPU per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms2g", "-Xmx2g", PeerStates.PRE_TOUCH})
public class TimersBenchmark {
  static final int PENDING = 1_000_000;
  static final int BATCH = 1024;
  private static final long HOUR_NS = TimeUnit.HOURS.toNanos(1);
  private static final long SHORT_NS = TimeUnit.SECONDS.toNanos(30);

  private LoopDriver driver;
  private ScheduledThreadPoolExecutor stpe;
  private final Runnable task = () -> { };
  private final TimerHandle[] pendingTimers = new TimerHandle[PENDING];
  private final ScheduledFuture<?>[] pendingFutures = new ScheduledFuture<?>[PENDING];
  private final TimerHandle[] handles = new TimerHandle[BATCH];
  private final ScheduledFuture<?>[] futures = new ScheduledFuture<?>[BATCH];
  private Runnable weftBatch;
  private long seq;

  @Setup(Level.Trial)
  public void setUp() {
    driver = new LoopDriver();
    EventLoop loop = driver.loop();
    stpe = new ScheduledThreadPoolExecutor(1);
    stpe.setRemoveOnCancelPolicy(true);
    SplittableRandom random = new SplittableRandom(42);
    driver.run(() -> {
      for (int i = 0; i < PENDING; i++) {
        long at = HOUR_NS + random.nextLong(HOUR_NS);
        pendingTimers[i] = loop.schedule(task, at, TimeUnit.NANOSECONDS);
        pendingFutures[i] = stpe.schedule(task, at, TimeUnit.NANOSECONDS);
      }
    });
    weftBatch = () -> {
      for (int i = 0; i < BATCH; i++) {
        TimerHandle t = loop.schedule(task, SHORT_NS + jitter(), TimeUnit.NANOSECONDS);
        t.cancel();
        handles[i] = t;
      }
    };
  }

  /** Spreads the short timers over 1,000 ms so they do not all land in one bucket. */
  private long jitter() {
    return (seq++ * 7919) % 1000 * 1_000_000L;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    driver.close();
    stpe.shutdownNow();
  }

  /** {@code ScheduledThreadPoolExecutor.schedule} then {@code cancel}. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void baseline(Blackhole bh) {
    for (int i = 0; i < BATCH; i++) {
      ScheduledFuture<?> f = stpe.schedule(task, SHORT_NS + jitter(), TimeUnit.NANOSECONDS);
      f.cancel(false);
      futures[i] = f;
    }
    bh.consume(futures[BATCH - 1]);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void weft(Blackhole bh) {
    driver.run(weftBatch);
    bh.consume(handles[BATCH - 1]);
  }
}
