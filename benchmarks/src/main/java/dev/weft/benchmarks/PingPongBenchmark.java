package dev.weft.benchmarks;

import static dev.weft.Task.await;

import dev.weft.Task;
import dev.weft.annotations.Async;
import dev.weft.benchmarks.kotlin.KotlinPeers;
import dev.weft.sync.Channel;
import java.util.concurrent.SynchronousQueue;
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
 * Benchmark id {@code pingpong}: two units on one thread hand elements over a rendezvous channel;
 * one operation is one element handed over (one switch from sender to receiver). Each invocation
 * hands over {@value #BATCH}. Weft: {@code Channel.bounded(0)} between two coroutines on one
 * event loop ({@link LoopDriver}); the baseline: two hand-written state machines over a
 * rendezvous slot and a plain run queue on that loop; kotlinx: a {@code RENDEZVOUS} channel in {@code runBlocking};
 * virtual threads: a {@link SynchronousQueue} between two virtual threads on one carrier.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgsAppend = {PeerStates.XMS, PeerStates.XMX, PeerStates.PRE_TOUCH})
public class PingPongBenchmark {
  static final int BATCH = 4096;

  private LoopDriver driver;
  private final Task<?>[] tasks = new Task<?>[2];
  private Runnable weftBatch;
  private final HandWritten.Queue queue = new HandWritten.Queue();
  private HandWritten.PingPong pingPong;
  private Runnable baselineBatch;

  @Setup(Level.Trial)
  public void setUp() {
    driver = new LoopDriver();
    baselineBatch = () -> {
      pingPong = new HandWritten.PingPong(queue, BATCH);
      pingPong.start();
      queue.drain();
      if (pingPong.received != BATCH || pingPong.sum != (long) BATCH * (BATCH - 1) / 2) {
        throw new IllegalStateException("hand-written ping-pong received " + pingPong.received + " of " + BATCH + ", sum " + pingPong.sum);
      }
    };
    weftBatch = () -> {
      Channel<Integer> channel = Channel.bounded(0);
      tasks[0] = receiver(channel, BATCH);
      tasks[1] = sender(channel, BATCH);
    };
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    driver.close();
  }

  /** Hand-written state machines over a rendezvous slot and a plain run queue. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void baseline(Blackhole bh) {
    driver.run(baselineBatch);
    bh.consume(pingPong.sum);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void weft(Blackhole bh) {
    driver.run(weftBatch, tasks);
    bh.consume(tasks[0].join());
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  @Warmup(iterations = 6, time = 1) // kotlinx needs a longer warm-up to reach steady state
  public void kotlinx(Blackhole bh) {
    bh.consume(KotlinPeers.pingPong(BATCH));
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  @Fork(value = 3, jvmArgsAppend = {PeerStates.XMS, PeerStates.XMX, PeerStates.PRE_TOUCH, PeerStates.ONE_CARRIER})
  public void virtualThread(PeerStates.VirtualThreadsPresent vt, Blackhole bh) {
    SynchronousQueue<Integer> queue = new SynchronousQueue<>();
    long[] sum = new long[1];
    Thread receiver = VirtualThreads.start(() -> {
      try {
        for (int i = 0; i < BATCH; i++) {
          sum[0] += queue.take();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    Thread sender = VirtualThreads.start(() -> {
      try {
        for (int i = 0; i < BATCH; i++) {
          queue.put(Results.future(i).join());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    VirtualThreads.join(sender);
    VirtualThreads.join(receiver);
    bh.consume(sum[0]);
  }

  @Async
  static Task<Long> receiver(Channel<Integer> channel, int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += await(channel.receive());
    }
    return Task.completed(sum);
  }

  @Async
  static Task<Void> sender(Channel<Integer> channel, int n) {
    for (int i = 0; i < n; i++) {
      await(channel.send(Results.task(i).join()));
    }
    return Task.completed(null);
  }
}
