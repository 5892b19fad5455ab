package dev.weft.benchmarks;

import static dev.weft.Task.await;

import dev.weft.Task;
import dev.weft.annotations.Async;
import dev.weft.benchmarks.ea.EaPeers;
import dev.weft.benchmarks.kotlin.KotlinPeers;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Benchmark id {@code completed}: await of an already-completed stage, then return value + 1
 * (a cached completed result, see {@link Results}, so that only the await is measured). The
 * baseline is the {@code isDone() ? join()} shortcut written by hand. All on the benchmark
 * thread; kotlinx runs batches of {@value #BATCH} calls inside one {@code runBlocking}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgsAppend = {PeerStates.XMS, PeerStates.XMX, PeerStates.PRE_TOUCH})
public class CompletedBenchmark {
  static final int BATCH = 1024;

  private final Task<Integer> completedTask = Task.completed(41);
  private final CompletableFuture<Integer> completedFuture = CompletableFuture.completedFuture(41);

  /** {@code cf.isDone() ? join() + 1 : thenCompose(...)}. */
  @Benchmark
  public void baseline(Blackhole bh) {
    CompletableFuture<Integer> cf = completedFuture;
    bh.consume(cf.isDone() ? Results.future(cf.join() + 1) : cf.thenCompose(v -> Results.future(v + 1)));
  }

  @Benchmark
  public void weft(Blackhole bh) {
    bh.consume(plusOne(completedTask));
  }

  /** Weft awaiting a completed {@code CompletableFuture} (a foreign stage). */
  @Benchmark
  public void weftForeign(Blackhole bh) {
    bh.consume(plusOne(completedFuture));
  }

  @Benchmark
  public void completableFutureThenCompose(Blackhole bh) {
    bh.consume(completedFuture.thenCompose(v -> Results.future(v + 1)));
  }

  @Benchmark
  @Fork(value = 3, jvmArgsAppend = {PeerStates.XMS, PeerStates.XMX, PeerStates.PRE_TOUCH, BuildPaths.EA_AGENT})
  public void eaAsync(PeerStates.EaAgentPresent ea, Blackhole bh) {
    bh.consume(EaPeers.plusOneCompleted());
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  @Warmup(iterations = 6, time = 1) // kotlinx needs a longer warm-up to reach steady state
  public void kotlinx(Blackhole bh) {
    bh.consume(KotlinPeers.completed(BATCH));
  }

  @Async
  static Task<Integer> plusOne(CompletionStage<Integer> stage) {
    int v = await(stage);
    return Results.task(v + 1);
  }
}
