package dev.weft.benchmarks;

import dev.weft.DrivenLoop;
import dev.weft.Promise;
import dev.weft.Task;
import dev.weft.benchmarks.ea.EaPeers;
import dev.weft.sync.Channel;

/**
 * The operations {@link OneThreadBenchmark} and {@link OneThreadCpu} time, each a batch of {@value
 * #BATCH} run on the calling thread alone: Weft on a {@link DrivenLoop} that thread drives (the
 * batch then runs the loop until nothing is queued), the hand-written baseline on its plain queue.
 * Each returns something that depends on every operation, for the caller to consume. One instance
 * per thread, made on the thread that runs it.
 */
final class OneThreadOps implements AutoCloseable {
  static final int BATCH = 1024;
  static final int DEPTH = 10;
  /** Leaves of the tree {@link #tree} builds; it has {@value #TREE_NODES} nodes. */
  static final int TREE_LEAVES = 100_000;
  static final int TREE_NODES = 111_111;

  private final DrivenLoop loop = new DrivenLoop("one-thread", System::nanoTime);
  private final Task<?>[] tasks = new Task<?>[BATCH];
  private final HandWritten.Cell[] cells = new HandWritten.Cell[BATCH];
  private final HandWritten.Queue queue = new HandWritten.Queue();

  private void drain() {
    while (loop.runDue() > 0) {
      // until nothing is queued
    }
  }

  /** Hand-written: one suspend/resume round trip through a plain queue. */
  Object suspendBaseline() {
    for (int i = 0; i < BATCH; i++) {
      HandWritten.Cell leaf = new HandWritten.Cell(queue);
      cells[i] = HandWritten.PlusOne.start(leaf);
      leaf.complete(i);
    }
    queue.drain();
    return cells[BATCH - 1].value;
  }

  /** Weft: one suspend/resume round trip on a promise. */
  Object suspend() {
    for (int i = 0; i < BATCH; i++) {
      Promise<Integer> p = Task.promise();
      tasks[i] = SuspendBenchmark.plusOne(p);
      p.complete(i);
    }
    drain();
    return tasks[BATCH - 1].join();
  }

  /** Hand-written: a chain {@value #DEPTH} deep, every level suspending. */
  Object depthBaseline() {
    for (int i = 0; i < BATCH; i++) {
      HandWritten.Cell leaf = new HandWritten.Cell(queue);
      cells[i] = HandWritten.Chain.start(DEPTH, leaf);
      leaf.complete(i);
    }
    queue.drain();
    return cells[BATCH - 1].value;
  }

  /** Weft: a chain {@value #DEPTH} deep, every level suspending. */
  Object depth() {
    for (int i = 0; i < BATCH; i++) {
      Promise<Integer> leaf = Task.promise();
      tasks[i] = DepthBenchmark.chain(DEPTH, leaf);
      leaf.complete(i);
    }
    drain();
    return tasks[BATCH - 1].join();
  }

  /** Hand-written: a unit of work posted once, then complete. */
  Object spawnBaseline() {
    for (int i = 0; i < BATCH; i++) {
      cells[i] = HandWritten.Spawned.start(queue, i, true);
    }
    queue.drain();
    return cells[BATCH - 1].value;
  }

  /** Weft: an {@code @Async} call that yields once, then returns. */
  Object spawn() {
    for (int i = 0; i < BATCH; i++) {
      tasks[i] = SpawnBenchmark.childYielding(i);
    }
    drain();
    return tasks[BATCH - 1].join();
  }

  /** Plain recursion over the tree of {@link #tree}. */
  Object treeBaseline() {
    return TreeBenchmark.sum(0, TREE_LEAVES, 10);
  }

  /** The Skynet tree of {@link TreeBenchmark}, {@value #TREE_NODES} nodes. */
  Object tree() {
    Task<Long> t = TreeBenchmark.node(0, TREE_LEAVES, 10);
    drain();
    return t.join();
  }

  /**
   * EA Async's tree of the same {@value #TREE_NODES} nodes ({@link EaPeers#tree}), on this thread
   * as Weft's {@link #tree} is. Needs the EA Async agent.
   */
  Object treeEa() {
    return EaPeers.tree(0, TREE_LEAVES, 10).join();
  }

  /** {@value #BATCH} elements handed over a rendezvous channel between two coroutines. */
  Object pingpong() {
    Channel<Integer> channel = Channel.bounded(0);
    Task<Long> received = PingPongBenchmark.receiver(channel, BATCH);
    PingPongBenchmark.sender(channel, BATCH);
    drain();
    return received.join();
  }

  @Override
  public void close() {
    loop.close();
  }
}
