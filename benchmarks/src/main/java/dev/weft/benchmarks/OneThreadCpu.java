package dev.weft.benchmarks;

import dev.weft.benchmarks.ea.EaPeers;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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
 * <p>Operations ({@link OneThreadOps}): {@code suspend}, {@code depth} (10 levels), {@code
 * spawn}, {@code tree} (per node of a 100,000-leaf tree), each with its hand-written {@code
 * ...Base} beside it, {@code treeEa} (EA Async's tree, run only with the EA Async agent: add
 * {@code -javaagent:benchmarks/target/ea-async.jar}) and {@code pingpong} (per element over a
 * rendezvous channel). Not part of {@code run.sh}'s tables.
 */
public final class OneThreadCpu {
  private static final Map<String, Function<OneThreadOps, Object>> OPS = new LinkedHashMap<>();

  static {
    OPS.put("suspendBase", OneThreadOps::suspendBaseline);
    OPS.put("suspend", OneThreadOps::suspend);
    OPS.put("depthBase", OneThreadOps::depthBaseline);
    OPS.put("depth", OneThreadOps::depth);
    OPS.put("spawnBase", OneThreadOps::spawnBaseline);
    OPS.put("spawn", OneThreadOps::spawn);
    OPS.put("treeBase", OneThreadOps::treeBaseline);
    OPS.put("tree", OneThreadOps::tree);
    OPS.put("treeEa", OneThreadOps::treeEa);
    OPS.put("pingpong", OneThreadOps::pingpong);
  }

  private OneThreadCpu() {}

  public static void main(String[] args) {
    List<String> ops = new ArrayList<>(args.length == 0 ? OPS.keySet() : Arrays.asList(args));
    for (String op : ops) {
      if (!OPS.containsKey(op)) {
        throw new IllegalArgumentException("unknown operation " + op + "; known: " + OPS.keySet());
      }
    }
    if (!eaAsyncAgentLoaded() || !EaPeers.instrumented()) {
      if (args.length > 0 && ops.contains("treeEa")) {
        throw new IllegalArgumentException(
            "treeEa needs the EA Async agent: " + BuildPaths.EA_AGENT);
      }
      ops.remove("treeEa");
    }
    try (OneThreadOps o = new OneThreadOps()) {
      measure(o, ops);
    }
  }

  /**
   * Whether the JVM was started with EA Async's agent. Asked before any EA Async class is
   * touched: without the agent, EA Async's first {@code await} tries to attach it at run time
   * and fails the class's initialisation.
   */
  private static boolean eaAsyncAgentLoaded() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .anyMatch(a -> a.startsWith("-javaagent:") && a.contains("ea-async"));
  }

  private static void measure(OneThreadOps o, List<String> ops) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long sink = 0;
    long warmEnd = System.nanoTime() + 4_000_000_000L;
    while (System.nanoTime() < warmEnd) {
      for (String op : ops) {
        sink += OPS.get(op).apply(o).hashCode();
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
        Function<OneThreadOps, Object> run = OPS.get(op);
        long t0 = mx.getCurrentThreadCpuTime();
        for (int b = 0; b < perRound; b++) {
          sink += run.apply(o).hashCode();
        }
        long units = (long) perRound
            * (op.startsWith("tree") ? OneThreadOps.TREE_NODES : OneThreadOps.BATCH);
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
}
