package dev.weft.benchmarks;

import static dev.weft.Task.await;

import dev.weft.Promise;
import dev.weft.Task;
import dev.weft.TaskLocal;
import dev.weft.annotations.Async;
import dev.weft.sync.Channel;
import dev.weft.sync.Semaphore;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletionStage;
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
 * (d) The concurrency primitives: a {@link Channel} and a {@link Semaphore} on their fast paths
 * (nothing waits, one thread) beside {@link ArrayBlockingQueue} and {@link
 * java.util.concurrent.Semaphore}; a suspend/resume round trip through a channel receive; and the
 * round trip of {@link SuspendResumeBenchmark} with a {@link TaskLocal} bound, to price carrying
 * the binding across the resume.
 *
 * <p>Thread setup: the fast paths run on the benchmark thread; the round trips run on one event
 * loop thread ({@link LoopDriver}) as in {@link SuspendResumeBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g", PeerStates.PRE_TOUCH})
public class ConcurrencyBenchmark {

  static final int BATCH = 1024;
  private static final TaskLocal<String> LOCAL = new TaskLocal<>();

  private final Channel<Integer> channel = Channel.bounded(16);
  private final ArrayBlockingQueue<Integer> queue = new ArrayBlockingQueue<>(16);
  private final Semaphore semaphore = new Semaphore(4);
  private final java.util.concurrent.Semaphore jucSemaphore = new java.util.concurrent.Semaphore(4);
  private final Integer element = 42;

  private LoopDriver driver;
  private final Task<?>[] tasks = new Task<?>[BATCH];
  private Runnable channelBatch;
  private Runnable promiseBatch;
  private Runnable localBatch;

  @Setup(Level.Trial)
  public void setUp() {
    driver = new LoopDriver();
    Channel<Integer> rendezvous = Channel.bounded(0);
    channelBatch = () -> {
      for (int i = 0; i < BATCH; i++) {
        tasks[i] = plusOne(rendezvous.receive());
        rendezvous.trySend(i);
      }
    };
    promiseBatch = () -> {
      for (int i = 0; i < BATCH; i++) {
        Promise<Integer> p = Task.promise();
        tasks[i] = plusOne(p);
        p.complete(i);
      }
    };
    localBatch = () -> LOCAL.with("request-1", () -> {
      promiseBatch.run();
      return null;
    });
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    driver.close();
  }

  @Benchmark
  public Integer channelSendReceive() {
    channel.send(element);
    return channel.receive().getNow(null);
  }

  @Benchmark
  public Integer arrayBlockingQueueOfferPoll() {
    queue.offer(element);
    return queue.poll();
  }

  @Benchmark
  public boolean semaphoreAcquireRelease() {
    boolean granted = semaphore.acquire().isDone();
    semaphore.release();
    return granted;
  }

  @Benchmark
  public boolean jucSemaphoreTryAcquireRelease() {
    boolean granted = jucSemaphore.tryAcquire();
    jucSemaphore.release();
    return granted;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void suspendResumeThroughChannel(Blackhole bh) {
    driver.run(channelBatch, tasks);
    bh.consume(tasks[BATCH - 1].join());
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void suspendResumeOnPromise(Blackhole bh) {
    driver.run(promiseBatch, tasks);
    bh.consume(tasks[BATCH - 1].join());
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void suspendResumeWithTaskLocalBound(Blackhole bh) {
    driver.run(localBatch, tasks);
    bh.consume(tasks[BATCH - 1].join());
  }

  @Async
  static Task<Integer> plusOne(CompletionStage<Integer> s) {
    int v = await(s);
    return Task.completed(v + 1);
  }
}
