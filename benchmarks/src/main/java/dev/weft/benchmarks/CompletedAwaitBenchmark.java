package dev.weft.benchmarks;

import static dev.weft.Task.await;

import dev.weft.Task;
import dev.weft.annotations.Async;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * (a) Awaiting a stage that is already complete, then returning value + 1.
 *
 * <p>Weft must take its fast path: a branch, no suspension, no frame. The hand-written peers
 * are {@code thenCompose} on a completed {@code CompletableFuture}, and the
 * {@code isDone() ? join()} shortcut a careful programmer writes by hand. Everything runs on
 * the benchmark thread; nothing here suspends.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g", PeerStates.PRE_TOUCH})
public class CompletedAwaitBenchmark {

  private static final Function<Integer, CompletableFuture<Integer>> PLUS_ONE =
      v -> CompletableFuture.completedFuture(v + 1);

  private final Task<Integer> completedTask = Task.completed(41);
  private final CompletableFuture<Integer> completedFuture = CompletableFuture.completedFuture(41);

  @Benchmark
  public void weft(Blackhole bh) {
    bh.consume(plusOne(completedTask));
  }

  /** Weft awaiting a foreign stage (a completed {@code CompletableFuture}). */
  @Benchmark
  public void weftAwaitingCompletableFuture(Blackhole bh) {
    bh.consume(plusOne(completedFuture));
  }

  @Benchmark
  public void completableFutureThenCompose(Blackhole bh) {
    bh.consume(completedFuture.thenCompose(PLUS_ONE));
  }

  @Benchmark
  public void completableFutureJoinIfDone(Blackhole bh) {
    CompletableFuture<Integer> cf = completedFuture;
    bh.consume(cf.isDone() ? PLUS_ONE.apply(cf.join()) : cf.thenCompose(PLUS_ONE));
  }

  @Async
  static Task<Integer> plusOne(CompletionStage<Integer> stage) {
    int v = await(stage);
    return Task.completed(v + 1);
  }
}
