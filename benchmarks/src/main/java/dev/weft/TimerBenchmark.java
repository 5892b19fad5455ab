package dev.weft;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The event loop's timer structures side by side, each holding {@link #pending} long timers
 * (deadlines spread over one to two hours of a virtual clock), while the benchmark churns short
 * ones: the shape of a server with a million idle connections and a stream of request timeouts.
 *
 * <ul>
 *   <li>{@link #scheduleCancel}: add a 30 s timer and cancel it, as a timeout whose operation
 *       finished in time does. The structure never grows.
 *   <li>{@link #scheduleExpire}: add a 10 ms timer, advance the virtual clock by 1 µs and run what
 *       is due: about 10,000 short timers are in flight and each one expires.
 * </ul>
 *
 * <p>{@code heap} is {@link TimerHeap} (binary heap, O(log n)); {@code wheel} is {@link
 * TimerWheel} (two-level hashed wheel, 1 ms ticks, O(1)). The structures are driven directly on
 * the benchmark thread, without an event loop, which is how the loop thread uses them. This class
 * lives in package {@code dev.weft} to reach them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class TimerBenchmark {
  private static final long MS = 1_000_000L;
  private static final long HOUR = 3_600_000 * MS;

  /** Which structure: {@code heap} or {@code wheel}. */
  @Param({"heap", "wheel"})
  public String structure;

  /** Long timers pending throughout. */
  @Param({"1000000"})
  public int pending;

  private TimerQueue timers;
  private long now;
  private long seq;
  private int fired;
  private final Runnable task = () -> fired++;

  @Setup(Level.Trial)
  public void setUp() {
    timers = structure.equals("heap") ? new TimerHeap() : new TimerWheel();
    now = 0;
    timers.runExpired(now, null);
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < pending; i++) {
      timers.add(new TimerHandle(null, task, HOUR + random.nextLong(HOUR)));
    }
  }

  /** One timeout that is cancelled before it fires: schedule plus cancel. */
  @Benchmark
  public TimerHandle scheduleCancel() {
    long jitter = (seq++ * 7919) % 1000 * MS; // spread over 1,000 ticks
    TimerHandle t = new TimerHandle(null, task, now + 30_000 * MS + jitter);
    timers.add(t);
    timers.remove(t);
    return t;
  }

  /** One short timer that fires: schedule, then the loop's turn that finds it due. */
  @Benchmark
  public int scheduleExpire() {
    TimerHandle t = new TimerHandle(null, task, now + 10 * MS);
    timers.add(t);
    now += 1_000;
    return timers.runExpired(now, null);
  }
}
