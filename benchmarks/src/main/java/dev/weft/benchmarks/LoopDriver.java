package dev.weft.benchmarks;

import dev.weft.EventLoop;
import dev.weft.EventLoopGroup;
import dev.weft.Promise;
import dev.weft.Task;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;

/**
 * Runs a batch of work on one dedicated event loop and waits, on the benchmark thread, until
 * every result of the batch is done.
 *
 * <p>The loop spins between batches and the benchmark thread spins while it waits, so that a
 * batch does not pay for waking parked threads (a cost of the machine, not of what is measured).
 *
 * <p>Benchmarks that suspend run their whole body on the loop thread: the body starts the
 * coroutines (which bind to this loop), completes what they await from the same thread, and the
 * loop resumes them. Both the Weft side and the {@code CompletableFuture} side of a benchmark run
 * through this same driver, so both pay the same fixed cost per batch (one hand-off to the loop
 * and one back), which {@code @OperationsPerInvocation} spreads over the batch.
 */
final class LoopDriver implements AutoCloseable {

  /**
   * How long the loop spins for the next batch before parking, in microseconds. Without it every
   * batch would pay two wake-ups of a parked thread (here tens of microseconds each when the core
   * had gone idle): a fixed cost per invocation that would compress every ratio toward 1.
   */
  static final String SPIN_MICROS = "500";

  private final EventLoopGroup group = newGroup();
  private final EventLoop loop = group.next();
  private final Executor executor = loop::execute;
  private final boolean spinWhileWaiting;

  /** A driver whose benchmark thread spins while a batch runs. */
  LoopDriver() {
    this(true);
  }

  /** A driver whose benchmark thread spins, or parks, while a batch runs. */
  LoopDriver(boolean spinWhileWaiting) {
    this.spinWhileWaiting = spinWhileWaiting;
  }

  private static EventLoopGroup newGroup() {
    System.setProperty(EventLoop.IDLE_SPIN_PROPERTY, SPIN_MICROS); // read as the loop starts
    try {
      return new EventLoopGroup(1);
    } finally {
      System.clearProperty(EventLoop.IDLE_SPIN_PROPERTY);
    }
  }

  /** The loop, as an executor for {@code thenComposeAsync}. */
  Executor executor() {
    return executor;
  }

  /**
   * Runs {@code batch} on the loop thread, then returns once every element of {@code results}
   * (filled by the batch) is done. Call from the benchmark thread only.
   */
  void run(Runnable batch, Future<?>[] results) {
    Promise<Void> finished = Task.promise();
    loop.execute(() -> {
      batch.run();
      whenAllDone(results, 0, finished);
    });
    waitFor(finished);
  }

  /**
   * Waits for {@code done}: spinning, unless this driver was made for batches that involve other
   * threads (blocking round trips, whose pool thread and loop spin too: a third spinning thread
   * on two cores would take the CPU from them).
   */
  private void waitFor(Promise<Void> done) {
    while (spinWhileWaiting && !done.isDone()) {
      Thread.onSpinWait();
    }
    done.join();
  }

  /**
   * Runs {@code batch} on the loop thread and returns once it has returned; a batch that leaves
   * work behind must finish it itself (a hand-written run queue drains before returning). Call
   * from the benchmark thread only.
   */
  void run(Runnable batch) {
    Promise<Void> finished = Task.promise();
    loop.execute(() -> {
      batch.run();
      finished.complete(null);
    });
    waitFor(finished);
  }

  /** The loop the batches run on. */
  EventLoop loop() {
    return loop;
  }

  /**
   * On the loop thread: completes {@code finished} once results[from..] are done. Waits for the
   * first one not done by a callback that comes back to the loop, so that the loop parks as usual
   * meanwhile (re-posting a check instead would keep it spinning and allocating, which would both
   * hide its wake-up cost and show up in every B/op).
   */
  private void whenAllDone(Future<?>[] results, int from, Promise<Void> finished) {
    int i = from;
    while (i < results.length && results[i].isDone()) {
      i++;
    }
    if (i == results.length) {
      finished.complete(null);
    } else {
      int next = i;
      ((CompletionStage<?>) results[i]).whenComplete(
          (v, e) -> loop.execute(() -> whenAllDone(results, next, finished)));
    }
  }

  @Override
  public void close() {
    group.close();
  }
}
