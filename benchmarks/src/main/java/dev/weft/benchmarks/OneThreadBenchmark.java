package dev.weft.benchmarks;

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
 * The suspend, depth and spawn operations of {@link SuspendBenchmark}, {@link DepthBenchmark} and
 * {@link SpawnBenchmark} ({@link OneThreadOps}), run on the benchmark thread alone: Weft on a
 * {@link dev.weft.DrivenLoop} that thread drives, the hand-written baseline on its plain queue.
 * There is no hand-off between threads per batch, so the figures (and a profile of them) are the
 * machinery's only. Not part of {@code run.sh}'s tables; for profiling the suspend path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgsAppend = {PeerStates.XMS, PeerStates.XMX, PeerStates.PRE_TOUCH})
public class OneThreadBenchmark {
  private OneThreadOps ops;

  @Setup(Level.Trial)
  public void setUp() {
    ops = new OneThreadOps();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    ops.close();
  }

  /** Hand-written: one suspend/resume round trip through a plain queue. */
  @Benchmark
  @OperationsPerInvocation(OneThreadOps.BATCH)
  public Object suspendBaseline() {
    return ops.suspendBaseline();
  }

  /** Weft: one suspend/resume round trip on a promise. */
  @Benchmark
  @OperationsPerInvocation(OneThreadOps.BATCH)
  public Object suspendWeft() {
    return ops.suspend();
  }

  /** Hand-written: a chain {@value OneThreadOps#DEPTH} deep, every level suspending. */
  @Benchmark
  @OperationsPerInvocation(OneThreadOps.BATCH)
  public Object depthBaseline() {
    return ops.depthBaseline();
  }

  /** Weft: a chain {@value OneThreadOps#DEPTH} deep, every level suspending. */
  @Benchmark
  @OperationsPerInvocation(OneThreadOps.BATCH)
  public Object depthWeft() {
    return ops.depth();
  }

  /** Hand-written: a unit of work posted once, then complete. */
  @Benchmark
  @OperationsPerInvocation(OneThreadOps.BATCH)
  public Object spawnBaseline() {
    return ops.spawnBaseline();
  }

  /** Weft: an {@code @Async} call that yields once, then returns. */
  @Benchmark
  @OperationsPerInvocation(OneThreadOps.BATCH)
  public Object spawnWeft() {
    return ops.spawn();
  }
}
