package dev.weft.benchmarks;

import dev.weft.DrivenLoop;
import dev.weft.Promise;
import dev.weft.Task;
import dev.weft.sync.Channel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The operations of {@link OneThreadBenchmark}, and the Skynet tree of {@link TreeBenchmark},
 * timed by the CPU time of the one thread that runs them rather than by the clock: on a shared
 * machine, time the thread spends descheduled is not counted. Each operation runs in rounds of 5
 * batches, 100 rounds after 4 s of warm-up, interleaved, and the minimum and median round are
 * printed per operation. Used to compare builds of the runtime against each other (run the same
 * command with each build's {@code benchmarks.jar}, alternating) when the machine is too busy for
 * JMH's wall-clock figures:
 *
 * <pre>java -Xms2g -Xmx2g -cp benchmarks/target/benchmarks.jar dev.weft.benchmarks.OneThreadCpu [op ...]</pre>
 *
 * <p>Operations: {@code suspend}, {@code depth} (10 levels), {@code spawn}, {@code tree} (per node
 * of a 100,000-leaf tree), each with its hand-written {@code ...Base} beside it, and {@code
 * pingpong} (per element over a rendezvous channel). Not part of {@code run.sh}'s tables.
 */
public final class OneThreadCpu {
  private static final int BATCH = 1024;
  private static final int TREE_LEAVES = 100_000;
  private static final int TREE_NODES = 111_111;
  private static final List<String> ALL = List.of(
      "suspendBase", "suspend", "depthBase", "depth", "spawnBase", "spawn", "treeBase", "tree", "pingpong");

  private final Task<?>[] tasks = new Task<?>[BATCH];
  private final HandWritten.Cell[] cells = new HandWritten.Cell[BATCH];
  private final HandWritten.Queue queue = new HandWritten.Queue();
  private final DrivenLoop loop;
  private long sink;

  private OneThreadCpu(DrivenLoop loop) {
    this.loop = loop;
  }

  public static void main(String[] args) {
    List<String> ops = args.length == 0 ? ALL : Arrays.asList(args);
    for (String op : ops) {
      if (!ALL.contains(op)) {
        throw new IllegalArgumentException("unknown operation " + op + "; known: " + ALL);
      }
    }
    try (DrivenLoop loop = new DrivenLoop("one-thread-cpu", System::nanoTime)) {
      new OneThreadCpu(loop).measure(ops);
    }
  }

  private void measure(List<String> ops) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long warmEnd = System.nanoTime() + 4_000_000_000L;
    while (System.nanoTime() < warmEnd) {
      for (String op : ops) {
        run(op);
      }
    }
    int rounds = 100;
    int perRound = 5;
    List<double[]> perOp = new ArrayList<>();
    for (int k = 0; k < ops.size(); k++) {
      perOp.add(new double[rounds]);
    }
    for (int i = 0; i < rounds; i++) {
      for (int k = 0; k < ops.size(); k++) {
        String op = ops.get(k);
        long t0 = mx.getCurrentThreadCpuTime();
        for (int b = 0; b < perRound; b++) {
          run(op);
        }
        long units = (long) perRound * (op.startsWith("tree") ? TREE_NODES : BATCH);
        perOp.get(k)[i] = (mx.getCurrentThreadCpuTime() - t0) / (double) units;
      }
    }
    for (int k = 0; k < ops.size(); k++) {
      double[] a = perOp.get(k);
      Arrays.sort(a);
      System.out.printf("%-12s min %7.1f  median %7.1f  ns CPU per operation%n",
          ops.get(k), a[0], a[rounds / 2]);
    }
    if (sink == 42) {
      System.out.println();
    }
  }

  private void drain() {
    while (loop.runDue() > 0) {
      // until nothing is queued
    }
  }

  private void run(String op) {
    switch (op) {
      case "suspendBase" -> {
        for (int i = 0; i < BATCH; i++) {
          HandWritten.Cell leaf = new HandWritten.Cell(queue);
          cells[i] = HandWritten.PlusOne.start(leaf);
          leaf.complete(i);
        }
        queue.drain();
        sink += cells[BATCH - 1].hashCode();
      }
      case "suspend" -> {
        for (int i = 0; i < BATCH; i++) {
          Promise<Integer> p = Task.promise();
          tasks[i] = SuspendBenchmark.plusOne(p);
          p.complete(i);
        }
        drain();
        sink += tasks[BATCH - 1].join().hashCode();
      }
      case "depthBase" -> {
        for (int i = 0; i < BATCH; i++) {
          HandWritten.Cell leaf = new HandWritten.Cell(queue);
          cells[i] = HandWritten.Chain.start(OneThreadBenchmark.DEPTH, leaf);
          leaf.complete(i);
        }
        queue.drain();
        sink += cells[BATCH - 1].hashCode();
      }
      case "depth" -> {
        for (int i = 0; i < BATCH; i++) {
          Promise<Integer> leaf = Task.promise();
          tasks[i] = DepthBenchmark.chain(OneThreadBenchmark.DEPTH, leaf);
          leaf.complete(i);
        }
        drain();
        sink += tasks[BATCH - 1].join().hashCode();
      }
      case "spawnBase" -> {
        for (int i = 0; i < BATCH; i++) {
          cells[i] = HandWritten.Spawned.start(queue, i, true);
        }
        queue.drain();
        sink += cells[BATCH - 1].hashCode();
      }
      case "spawn" -> {
        for (int i = 0; i < BATCH; i++) {
          tasks[i] = SpawnBenchmark.childYielding(i);
        }
        drain();
        sink += tasks[BATCH - 1].join().hashCode();
      }
      case "treeBase" -> sink += TreeBenchmark.sum(0, TREE_LEAVES, 10);
      case "tree" -> {
        Task<Long> t = TreeBenchmark.node(0, TREE_LEAVES, 10);
        drain();
        sink += t.join();
      }
      case "pingpong" -> {
        Channel<Integer> channel = Channel.bounded(0);
        Task<Long> received = PingPongBenchmark.receiver(channel, BATCH);
        Task<Void> sent = PingPongBenchmark.sender(channel, BATCH);
        drain();
        sink += received.join() + (sent.isDone() ? 1 : 0);
      }
      default -> throw new IllegalArgumentException(op);
    }
  }
}
