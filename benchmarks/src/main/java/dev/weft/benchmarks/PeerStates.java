package dev.weft.benchmarks;

import dev.weft.benchmarks.ea.EaPeers;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH states that guard peers which only some forks can run: a benchmark method that takes one
 * of them fails in setup, and JMH skips it, when its peer cannot run honestly.
 */
public final class PeerStates {
  private PeerStates() {}

  /** JVM arguments of every fork: a fixed heap, so that GC settings are the same for every peer. */
  static final String XMS = "-Xms1g";
  static final String XMX = "-Xmx1g";
  /**
   * JVM argument of every fork: the heap's pages are touched once at start-up. Without it, on
   * this virtual machine, an iteration that allocates into memory the JVM has not touched before
   * pays the kernel's first-touch fault on every new page: the Skynet tree (60 MB per operation)
   * read 160 ms per tree in the iterations before its first collection and 6 ms after it, on
   * JDK 25, whose G1 grows the young generation longer before collecting.
   */
  static final String PRE_TOUCH = "-XX:+AlwaysPreTouch";
  /** Virtual-thread forks: one carrier thread, as one event loop. */
  static final String ONE_CARRIER = "-Djdk.virtualThreadScheduler.parallelism=1";

  /** Requires virtual threads (JDK 21 and later); else the benchmark is skipped. */
  @State(Scope.Benchmark)
  public static class VirtualThreadsPresent {
    /** Throws on a JDK without virtual threads. */
    @Setup(Level.Trial)
    public void check() {
      VirtualThreads.require();
    }
  }

  /** Requires the EA Async agent to have rewritten {@link EaPeers}; else await would block. */
  @State(Scope.Benchmark)
  public static class EaAgentPresent {
    /** Throws if {@link EaPeers} was not instrumented. */
    @Setup(Level.Trial)
    public void check() {
      if (!EaPeers.instrumented()) {
        throw new IllegalStateException("EA Async peer skipped: the fork runs without " + BuildPaths.EA_AGENT);
      }
    }
  }
}
