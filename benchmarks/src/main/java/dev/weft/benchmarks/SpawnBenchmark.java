package dev.weft.benchmarks;

import static dev.weft.Task.await;

import dev.weft.Task;
import dev.weft.annotations.Async;
import dev.weft.benchmarks.kotlin.KotlinPeers;
import java.util.concurrent.TimeUnit;
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
 * Benchmark id {@code spawn}: start a unit of work that completes at once, or that suspends once
 * (gives way to the run queue once) and then completes. One operation is one start; each
 * invocation starts {@value #BATCH} and waits for all. Weft (an {@code @Async} call, which starts
 * eagerly) and the hand-written baseline run on one event loop thread ({@link LoopDriver});
 * kotlinx starts {@code async(start = UNDISPATCHED)} coroutines (eager, as Weft) in {@code
 * runBlocking}; the virtual-thread peer starts virtual threads on one carrier and joins them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgsAppend = {PeerStates.XMS, PeerStates.XMX, PeerStates.PRE_TOUCH})
public class SpawnBenchmark {
  static final int BATCH = 1024;

  /** Whether each started unit suspends once before completing. */
  @Param({"false", "true"})
  public boolean suspendOnce;

  private LoopDriver driver;
  private final Task<?>[] tasks = new Task<?>[BATCH];
  private final HandWritten.Cell[] cells = new HandWritten.Cell[BATCH];
  private final HandWritten.Queue queue = new HandWritten.Queue();
  private final Thread[] threads = new Thread[BATCH];
  private Runnable baselineBatch;
  private Runnable weftBatch;
  private Runnable vtBody;

  @Setup(Level.Trial)
  public void setUp() {
    driver = new LoopDriver();
    boolean s = suspendOnce;
    baselineBatch = () -> {
      for (int i = 0; i < BATCH; i++) {
        cells[i] = HandWritten.Spawned.start(queue, i, s);
      }
      queue.drain();
    };
    weftBatch = () -> {
      for (int i = 0; i < BATCH; i++) {
        tasks[i] = s ? childYielding(i) : child(i);
      }
    };
    vtBody = s ? Thread::yield : () -> { };
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    driver.close();
  }

  /** Hand-written: a frame run at once, or posted to a plain run queue once. */
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
  @Warmup(iterations = 6, time = 1) // kotlinx needs a longer warm-up to reach steady state
  public void kotlinx(Blackhole bh) {
    bh.consume(KotlinPeers.spawn(BATCH, suspendOnce));
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  @Fork(value = 3, jvmArgsAppend = {PeerStates.XMS, PeerStates.XMX, PeerStates.PRE_TOUCH, PeerStates.ONE_CARRIER})
  public void virtualThread(PeerStates.VirtualThreadsPresent vt, Blackhole bh) {
    for (int i = 0; i < BATCH; i++) {
      threads[i] = VirtualThreads.start(vtBody);
    }
    for (int i = 0; i < BATCH; i++) {
      VirtualThreads.join(threads[i]);
    }
    bh.consume(threads[BATCH - 1]);
  }

  @Async
  static Task<Integer> child(int i) {
    return Results.task(i);
  }

  @Async
  static Task<Integer> childYielding(int i) {
    await(Task.yieldNow());
    return Results.task(i);
  }
}
