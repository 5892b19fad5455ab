package dev.weft.benchmarks;

import static dev.weft.Task.await;

import dev.weft.Task;
import dev.weft.annotations.Async;
import dev.weft.benchmarks.kotlin.KotlinPeers;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Benchmark id {@code timers}, second part: {@value #UNITS} units each sleeping {@value #SLEEPS}
 * times 1 ms, all on one thread. One operation is the whole run, in milliseconds; the ideal is
 * {@value #SLEEPS} ms, and what matters is the time over it. Weft: coroutines awaiting {@link
 * Task#sleep} on one event loop; kotlinx: {@code delay} in {@code runBlocking}; virtual threads:
 * {@code Thread.sleep} on one carrier.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 3, jvmArgsAppend = {PeerStates.XMS, PeerStates.XMX, PeerStates.PRE_TOUCH})
public class SleepsBenchmark {
  static final int UNITS = 10_000;
  static final int SLEEPS = 10;
  private static final Duration ONE_MS = Duration.ofMillis(1);

  private LoopDriver driver;
  private final Task<?>[] tasks = new Task<?>[UNITS];
  private final Thread[] threads = new Thread[UNITS];
  private Runnable weftBatch;

  @Setup(Level.Trial)
  public void setUp() {
    driver = new LoopDriver();
    weftBatch = () -> {
      for (int i = 0; i < UNITS; i++) {
        tasks[i] = sleeper(SLEEPS);
      }
    };
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    driver.close();
  }

  @Benchmark
  public void weft(Blackhole bh) {
    driver.run(weftBatch, tasks);
    bh.consume(tasks[UNITS - 1].join());
  }

  @Benchmark
  @Warmup(iterations = 6) // kotlinx needs a longer warm-up to reach steady state
  public void kotlinx(Blackhole bh) {
    bh.consume(KotlinPeers.sleeps(UNITS, SLEEPS, 1));
  }

  @Benchmark
  @Fork(value = 3, jvmArgsAppend = {PeerStates.XMS, PeerStates.XMX, PeerStates.PRE_TOUCH, PeerStates.ONE_CARRIER})
  public void virtualThread(PeerStates.VirtualThreadsPresent vt, Blackhole bh) {
    Runnable body = () -> {
      try {
        for (int s = 0; s < SLEEPS; s++) {
          Thread.sleep(1);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    for (int i = 0; i < UNITS; i++) {
      threads[i] = VirtualThreads.start(body);
    }
    for (int i = 0; i < UNITS; i++) {
      VirtualThreads.join(threads[i]);
    }
    bh.consume(threads[UNITS - 1]);
  }

  @Async
  static Task<Integer> sleeper(int sleeps) {
    for (int s = 0; s < sleeps; s++) {
      await(Task.sleep(ONE_MS));
    }
    return Results.task(sleeps);
  }
}
