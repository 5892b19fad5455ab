package dev.weft;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed set of {@link EventLoop}s handed out round robin, one per core by default, like nginx
 * workers. All methods may be called from any thread.
 */
public final class EventLoopGroup implements Executor, AutoCloseable {
  private final List<EventLoop> loops;
  private final AtomicInteger nextIndex = new AtomicInteger();

  /** Starts {@code size} loops on daemon threads named {@code weft-loop-N}. */
  public EventLoopGroup(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("EventLoopGroup size must be >= 1, got " + size);
    }
    EventLoop[] started = new EventLoop[size];
    for (int i = 0; i < size; i++) {
      started[i] = new EventLoop();
    }
    this.loops = List.of(started);
  }

  private static final class DefaultHolder {
    static final EventLoopGroup GROUP =
        new EventLoopGroup(Runtime.getRuntime().availableProcessors());
  }

  /**
   * The group that coroutines started off-loop are bound to: one loop per available processor,
   * started on first use, daemon threads (it never keeps the JVM alive).
   */
  public static EventLoopGroup defaultGroup() {
    return DefaultHolder.GROUP;
  }

  /** The next loop, round robin. */
  public EventLoop next() {
    return loops.get(Math.floorMod(nextIndex.getAndIncrement(), loops.size()));
  }

  /** The loops of this group, in creation order. */
  public List<EventLoop> loops() {
    return loops;
  }

  /** Runs {@code task} on the {@link #next} loop. */
  @Override
  public void execute(Runnable task) {
    next().execute(task);
  }

  /**
   * Shuts every loop down gracefully (see {@link EventLoop#shutdownGracefully(Duration)}): new
   * tasks are rejected, listeners close, queued work runs, and pending socket operations, timers
   * and suspended coroutines may complete until {@code timeout}; then every socket operation and
   * timer still pending fails with {@link java.util.concurrent.CancellationException}, every
   * coroutine still suspended is cancelled and runs its {@code finally} blocks on its loop, and
   * the threads end. Returns at once. No task is left incomplete: a resume posted to a terminated
   * loop fails its coroutine's task.
   *
   * @return a task completed once every loop's thread has ended; join it from a thread outside
   *     this group
   */
  public Task<Void> shutdownGracefully(Duration timeout) {
    Promise<Void> all = new Promise<>();
    AtomicInteger left = new AtomicInteger(loops.size());
    for (EventLoop loop : loops) {
      loop.shutdownGracefully(timeout).addWaiter(Waiter.of(() -> {
        if (left.decrementAndGet() == 0) {
          all.complete(null);
        }
      }));
    }
    return all;
  }

  /** Shuts every loop down gracefully and waits for their threads to end. */
  @Override
  public void close() {
    loops.forEach(EventLoop::shutdownGracefully);
    loops.forEach(EventLoop::close);
  }
}
