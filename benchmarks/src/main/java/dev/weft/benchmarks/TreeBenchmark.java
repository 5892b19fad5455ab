package dev.weft.benchmarks;

import static dev.weft.Task.await;

import dev.weft.Task;
import dev.weft.annotations.Async;
import dev.weft.benchmarks.ea.EaPeers;
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
 * Benchmark id {@code tree}: a fan-out tree of {@value #SIZE} leaves, {@value #FAN_OUT} children
 * per node, each child its own unit of work; each leaf returns its number and each node the sum
 * of its children. One operation is one whole tree (result 499,999,500,000). Every peer runs on
 * one thread: Weft on one event loop ({@link LoopDriver}), kotlinx in {@code runBlocking} (each
 * child an {@code async}), virtual threads on one carrier (each child a virtual thread, joined),
 * EA Async on the benchmark thread. The baseline is plain recursion, the floor. Weft and EA Async
 * start a child by calling it, so a leaf completes before its parent awaits it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms2g", "-Xmx2g", PeerStates.PRE_TOUCH})
public class TreeBenchmark {
  static final int SIZE = 1_000_000;
  static final int FAN_OUT = 10;

  private LoopDriver driver;
  private final Task<?>[] tasks = new Task<?>[1];
  private Runnable weftBatch;

  @Setup(Level.Trial)
  public void setUp() {
    driver = new LoopDriver();
    weftBatch = () -> tasks[0] = node(0, SIZE, FAN_OUT);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    driver.close();
  }

  /** Plain recursion, no concurrency at all. */
  @Benchmark
  public long baseline() {
    return sum(0, SIZE, FAN_OUT);
  }

  @Benchmark
  public void weft(Blackhole bh) {
    driver.run(weftBatch, tasks);
    bh.consume(tasks[0].join());
  }

  @Benchmark
  @Warmup(iterations = 6, time = 1) // kotlinx needs a longer warm-up to reach steady state
  public void kotlinx(Blackhole bh) {
    bh.consume(KotlinPeers.tree(SIZE, FAN_OUT));
  }

  @Benchmark
  @Fork(value = 3, jvmArgsAppend = {"-Xms2g", "-Xmx2g", PeerStates.PRE_TOUCH, BuildPaths.EA_AGENT})
  public void eaAsync(PeerStates.EaAgentPresent ea, Blackhole bh) {
    bh.consume(EaPeers.tree(0, SIZE, FAN_OUT).join());
  }

  @Benchmark
  @Fork(value = 3, jvmArgsAppend = {"-Xms2g", "-Xmx2g", PeerStates.PRE_TOUCH, PeerStates.ONE_CARRIER})
  public void virtualThread(PeerStates.VirtualThreadsPresent vt, Blackhole bh) {
    long[] out = new long[1];
    VirtualThreads.run(() -> out[0] = vtNode(0, SIZE, FAN_OUT));
    bh.consume(out[0]);
  }

  static long sum(long num, int size, int fanOut) {
    if (size == 1) {
      return num;
    }
    int step = size / fanOut;
    long s = 0;
    for (int i = 0; i < fanOut; i++) {
      s += sum(num + (long) i * step, step, fanOut);
    }
    return s;
  }

  @Async
  static Task<Long> node(long num, int size, int fanOut) {
    if (size == 1) {
      return Task.completed(num);
    }
    int step = size / fanOut;
    @SuppressWarnings("unchecked")
    Task<Long>[] children = new Task[fanOut];
    for (int i = 0; i < fanOut; i++) {
      children[i] = node(num + (long) i * step, step, fanOut);
    }
    long s = 0;
    for (int i = 0; i < fanOut; i++) {
      s += await(children[i]);
    }
    return Task.completed(s);
  }

  static long vtNode(long num, int size, int fanOut) {
    if (size == 1) {
      return num;
    }
    int step = size / fanOut;
    long[] results = new long[fanOut];
    Thread[] children = new Thread[fanOut];
    for (int i = 0; i < fanOut; i++) {
      int k = i;
      children[i] = VirtualThreads.start(() -> results[k] = vtNode(num + (long) k * step, step, fanOut));
    }
    long s = 0;
    for (int i = 0; i < fanOut; i++) {
      VirtualThreads.join(children[i]);
      s += results[i];
    }
    return s;
  }
}
