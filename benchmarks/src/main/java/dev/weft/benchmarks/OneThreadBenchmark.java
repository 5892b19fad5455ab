package dev.weft.benchmarks;

import dev.weft.DrivenLoop;
import dev.weft.Promise;
import dev.weft.Task;
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
 * The suspend, depth and spawn operations of {@link SuspendBenchmark}, {@link DepthBenchmark} and
 * {@link SpawnBenchmark}, run on the benchmark thread alone: Weft on a {@link DrivenLoop} that
 * thread drives, the hand-written baseline on its plain queue. There is no hand-off between
 * threads per batch, so the figures (and a profile of them) are the machinery's only. Not part
 * of {@code run.sh}'s tables; for profiling the suspend path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgsAppend = {PeerStates.XMS, PeerStates.XMX})
public class OneThreadBenchmark {
  static final int BATCH = 1024;
  static final int DEPTH = 10;

  private DrivenLoop loop;
  private final Task<?>[] tasks = new Task<?>[BATCH];
  private final HandWritten.Cell[] cells = new HandWritten.Cell[BATCH];
  private final HandWritten.Queue queue = new HandWritten.Queue();

  @Setup(Level.Trial)
  public void setUp() {
    loop = new DrivenLoop("one-thread", System::nanoTime);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    loop.close();
  }

  private void drain() {
    while (loop.runDue() > 0) {
      // run until nothing is queued
    }
  }

  /** Hand-written: one suspend/resume round trip through a plain queue. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void suspendBaseline(Blackhole bh) {
    for (int i = 0; i < BATCH; i++) {
      HandWritten.Cell leaf = new HandWritten.Cell(queue);
      cells[i] = HandWritten.PlusOne.start(leaf);
      leaf.complete(i);
    }
    queue.drain();
    bh.consume(cells[BATCH - 1].value);
  }

  /** Weft: one suspend/resume round trip on a promise. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void suspendWeft(Blackhole bh) {
    for (int i = 0; i < BATCH; i++) {
      Promise<Integer> p = Task.promise();
      tasks[i] = SuspendBenchmark.plusOne(p);
      p.complete(i);
    }
    drain();
    bh.consume(tasks[BATCH - 1].join());
  }

  /** Hand-written: a chain {@value #DEPTH} deep, every level suspending. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void depthBaseline(Blackhole bh) {
    for (int i = 0; i < BATCH; i++) {
      HandWritten.Cell leaf = new HandWritten.Cell(queue);
      cells[i] = HandWritten.Chain.start(DEPTH, leaf);
      leaf.complete(i);
    }
    queue.drain();
    bh.consume(cells[BATCH - 1].value);
  }

  /** Weft: a chain {@value #DEPTH} deep, every level suspending. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void depthWeft(Blackhole bh) {
    for (int i = 0; i < BATCH; i++) {
      Promise<Integer> leaf = Task.promise();
      tasks[i] = DepthBenchmark.chain(DEPTH, leaf);
      leaf.complete(i);
    }
    drain();
    bh.consume(tasks[BATCH - 1].join());
  }

  /** Hand-written: a unit of work posted once, then complete. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void spawnBaseline(Blackhole bh) {
    for (int i = 0; i < BATCH; i++) {
      cells[i] = HandWritten.Spawned.start(queue, i, true);
    }
    queue.drain();
    bh.consume(cells[BATCH - 1].value);
  }

  /** Weft: an {@code @Async} call that yields once, then returns. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void spawnWeft(Blackhole bh) {
    for (int i = 0; i < BATCH; i++) {
      tasks[i] = SpawnBenchmark.childYielding(i);
    }
    drain();
    bh.consume(tasks[BATCH - 1].join());
  }
}
