package dev.weft.benchmarks;

import static dev.weft.Task.await;

import dev.weft.Promise;
import dev.weft.Task;
import dev.weft.annotations.Async;
import dev.weft.benchmarks.ea.EaPeers;
import dev.weft.benchmarks.kotlin.KotlinPeers;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * Benchmark id {@code memory}: the heap held by {@code n} suspended units of one peer, each
 * suspended at the bottom of a call chain {@code depth} deep, divided by {@code n}. Every unit and
 * what it waits on stay strongly reachable from this class's arrays while the heap is measured
 * (used heap after full GCs, minus the same before starting them); then every unit is resumed and
 * its result checked, so nothing was collected or lost. The two arrays that hold the units are
 * made before the first measurement and are not counted.
 *
 * <p>Run one peer per JVM, with a fixed heap: {@code java -Xms4g -Xmx4g -cp benchmarks.jar
 * dev.weft.benchmarks.MemoryMain weft 10 1000000}. Peers: {@code baseline} (hand-written
 * frames), {@code weft}, {@code kotlinx}, {@code virtualThread} (JDK 21+), {@code eaAsync} (needs
 * the EA Async agent). Prints one line: {@code RESULT memory peer=... depth=... n=...
 * bytesPerUnit=...}.
 */
public final class MemoryMain {
  private static volatile boolean released;

  private MemoryMain() {}

  /**
   * Measures one peer.
   *
   * @param args peer, depth, n
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: MemoryMain baseline|weft|kotlinx|virtualThread|eaAsync DEPTH N");
      System.exit(2);
    }
    String peer = args[0];
    int depth = Integer.parseInt(args[1]);
    int n = Integer.parseInt(args[2]);
    if (depth < 1 || n < 1) {
      throw new IllegalArgumentException("depth and n must be >= 1, got depth=" + depth + " n=" + n);
    }
    // The two arrays that hold the units exist before the first measurement: not counted.
    Object[] leaves = new Object[n];
    Object[] tops = new Object[n];
    long before = usedAfterGc();
    Parked parked = park(peer, depth, leaves, tops);
    long after = usedAfterGc();
    long expected = (long) n * (n - 1) / 2 + (long) n * depth;
    long sum = parked.release();
    if (sum != expected) {
      throw new IllegalStateException(peer + ": resumed units returned " + sum + ", expected " + expected);
    }
    System.out.printf("RESULT memory peer=%s depth=%d n=%d bytesPerUnit=%.1f jdk=%s%n",
        peer, depth, n, (after - before) / (double) n, Runtime.version().feature());
  }

  /** Units suspended by one peer; {@link #release} resumes them all and sums their results. */
  interface Parked {
    long release() throws Exception;
  }

  @SuppressWarnings("unchecked")
  private static Parked park(String peer, int depth, Object[] leaves, Object[] tops) {
    int n = leaves.length;
    switch (peer) {
      case "baseline": {
        HandWritten.Queue queue = new HandWritten.Queue();
        for (int i = 0; i < n; i++) {
          HandWritten.Cell leaf = new HandWritten.Cell(queue);
          leaves[i] = leaf;
          tops[i] = HandWritten.Chain.start(depth, leaf);
        }
        return () -> {
          for (int i = 0; i < n; i++) {
            ((HandWritten.Cell) leaves[i]).complete(i);
          }
          queue.drain();
          long s = 0;
          for (Object c : tops) {
            s += (Integer) ((HandWritten.Cell) c).value;
          }
          return s;
        };
      }
      case "weft": {
        for (int i = 0; i < n; i++) {
          Promise<Integer> leaf = Task.promise();
          leaves[i] = leaf;
          tops[i] = chain(depth, leaf);
        }
        return () -> {
          for (int i = 0; i < n; i++) {
            ((Promise<Integer>) leaves[i]).complete(i);
          }
          long s = 0;
          for (Object t : tops) {
            s += ((Task<Integer>) t).join();
          }
          return s;
        };
      }
      case "eaAsync": {
        if (!EaPeers.instrumented()) {
          throw new IllegalStateException("eaAsync needs -javaagent:" + BuildPaths.EA_ASYNC_JAR);
        }
        for (int i = 0; i < n; i++) {
          CompletableFuture<Integer> leaf = new CompletableFuture<>();
          leaves[i] = leaf;
          tops[i] = EaPeers.chain(depth, leaf);
        }
        return () -> {
          for (int i = 0; i < n; i++) {
            ((CompletableFuture<Integer>) leaves[i]).complete(i);
          }
          long s = 0;
          for (Object t : tops) {
            s += ((CompletableFuture<Integer>) t).join();
          }
          return s;
        };
      }
      case "kotlinx": {
        KotlinPeers.Parked p = KotlinPeers.park(depth, leaves, tops);
        if (p.suspended() != n) {
          throw new IllegalStateException("kotlinx: only " + p.suspended() + " of " + n + " suspended");
        }
        return p::release;
      }
      case "virtualThread": {
        VirtualThreads.require();
        // tops[i]: the thread; leaves[i]: its result, written when it ends.
        java.util.concurrent.atomic.AtomicInteger parkedCount = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < n; i++) {
          int k = i;
          tops[i] = VirtualThreads.start(() -> leaves[k] = vtChain(depth, k, parkedCount));
        }
        while (parkedCount.get() < n) {
          Thread.onSpinWait();
        }
        return () -> {
          released = true;
          for (Object t : tops) {
            LockSupport.unpark((Thread) t);
          }
          long s = 0;
          for (int i = 0; i < n; i++) {
            VirtualThreads.join((Thread) tops[i]);
            s += (Long) leaves[i];
          }
          return s;
        };
      }
      default:
        throw new IllegalArgumentException("unknown peer '" + peer + "': expected baseline, weft, kotlinx, virtualThread or eaAsync");
    }
  }

  /** A virtual thread's chain: {@code depth} Java frames, the bottom one parked until release. */
  private static long vtChain(int depth, int value, java.util.concurrent.atomic.AtomicInteger parkedCount) {
    if (depth == 1) {
      parkedCount.incrementAndGet();
      while (!released) {
        LockSupport.park();
      }
      return value + 1;
    }
    return vtChain(depth - 1, value, parkedCount) + 1;
  }

  @Async
  static Task<Integer> chain(int depth, Promise<Integer> leaf) {
    int v;
    if (depth == 1) {
      v = await(leaf);
    } else {
      v = await(chain(depth - 1, leaf));
    }
    return Task.completed(v + 1);
  }

  private static long usedAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(50);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
