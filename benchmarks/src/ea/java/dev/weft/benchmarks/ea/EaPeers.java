package dev.weft.benchmarks.ea;

import static com.ea.async.Async.await;

import java.util.concurrent.CompletableFuture;

/**
 * The EA Async peer of the benchmark workloads: methods that call {@code Async.await}, which the
 * EA Async agent ({@code -javaagent:ea-async.jar}) rewrites into state machines when the class
 * loads. Without the agent, {@code await} blocks and the numbers mean nothing: the JMH methods
 * that call this class fork with the agent. Compiled with {@code --release 11}, the newest class
 * file version the agent rewrites. EA Async resumes a suspended method inline on the thread that
 * completes the awaited future. Any thread may call these methods.
 */
public final class EaPeers {
  private static final CompletableFuture<Integer> DONE = CompletableFuture.completedFuture(41);

  private EaPeers() {}

  /** Whether the agent rewrote this class (else {@code await} would block). */
  public static boolean instrumented() {
    CompletableFuture<Integer> never = new CompletableFuture<>();
    CompletableFuture<Integer> f = plusOne(never);
    boolean suspended = !f.isDone();
    never.complete(0);
    return suspended && f.join() == 1;
  }

  /** Awaits {@code stage} and returns its value plus one. */
  public static CompletableFuture<Integer> plusOne(CompletableFuture<Integer> stage) {
    int v = await(stage);
    return CompletableFuture.completedFuture(v + 1);
  }

  /** {@link #plusOne} of an already-completed future. */
  public static CompletableFuture<Integer> plusOneCompleted() {
    return plusOne(DONE);
  }

  /** A call chain {@code depth} deep over {@code leaf}, each level adding one. */
  public static CompletableFuture<Integer> chain(int depth, CompletableFuture<Integer> leaf) {
    int v;
    if (depth == 1) {
      v = await(leaf);
    } else {
      v = await(chain(depth - 1, leaf));
    }
    return CompletableFuture.completedFuture(v + 1);
  }

  /** {@link #chain} over an already-completed leaf. */
  public static CompletableFuture<Integer> chainCompleted(int depth) {
    return chain(depth, DONE);
  }

  /** The fan-out tree: {@code size} leaves, {@code fanOut} children per node, children started first. */
  public static CompletableFuture<Long> tree(long num, int size, int fanOut) {
    if (size == 1) {
      return CompletableFuture.completedFuture(num);
    }
    int step = size / fanOut;
    @SuppressWarnings("unchecked")
    CompletableFuture<Long>[] children = new CompletableFuture[fanOut];
    for (int i = 0; i < fanOut; i++) {
      children[i] = tree(num + (long) i * step, step, fanOut);
    }
    long sum = 0;
    for (CompletableFuture<Long> c : children) {
      sum += await(c);
    }
    return CompletableFuture.completedFuture(sum);
  }
}
