package dev.weft.samples;

import static dev.weft.Task.await;

import dev.weft.EventLoop;
import dev.weft.EventLoopGroup;
import dev.weft.Promise;
import dev.weft.Task;
import dev.weft.annotations.Async;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ten thousand {@code @Async} tasks that each sleep and then compute, fanned in by one
 * {@code @Async} aggregator, all on a single event-loop thread.
 *
 * <p>Every task starts eagerly, runs until {@code await(Task.sleep(...))}, and suspends
 * without holding a thread. The loop's timers resume each one when its sleep ends. The wall
 * time is therefore close to the longest sleep, not to their sum, and every step of every task
 * runs on the same thread.
 */
final class Fanout implements Sample {

  private static final int DEFAULT_TASKS = 10_000;
  private static final int MAX_SLEEP_MS = 250;

  /** Threads seen by any task, before and after its await. Should hold exactly one. */
  private final Set<String> threads = ConcurrentHashMap.newKeySet();

  private int suspended;

  @Override
  public String summary() {
    return "10,000 concurrent @Async tasks sleep and fan in on one event-loop thread [TASKS]";
  }

  @Override
  public boolean run(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_TASKS;
    EventLoopGroup group = new EventLoopGroup(1);
    try {
      EventLoop loop = group.next();
      Promise<Long> result = Task.promise();
      long start = System.nanoTime();
      // Start the aggregator on the loop thread, so that it and every task it starts are bound
      // to this loop for their whole life.
      loop.execute(() -> start(n, result));
      long checksum = result.join();
      long wallMs = (System.nanoTime() - start) / 1_000_000;
      return report(n, checksum, wallMs);
    } finally {
      group.close();
    }
  }

  /** On the loop thread: runs the aggregator and hands its outcome to {@code result}. */
  private void start(int n, Promise<Long> result) {
    try {
      fanIn(n).whenComplete((sum, failure) -> {
        if (failure == null) {
          result.complete(sum);
        } else {
          result.fail(failure);
        }
      });
    } catch (RuntimeException | Error e) {
      result.fail(e); // only if fanIn was not woven: then await throws right here
    }
  }

  /** Starts {@code n} tasks at once, then awaits each in turn and sums their results. */
  @Async
  Task<Long> fanIn(int n) {
    List<Task<Long>> tasks = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Task<Long> task = work(i);
      if (!task.isDone()) {
        suspended++;
      }
      tasks.add(task);
    }
    long sum = 0;
    for (Task<Long> task : tasks) {
      sum += await(task);
    }
    return Task.completed(sum);
  }

  /** One task: note the thread, sleep without blocking, note the thread again, compute. */
  @Async
  Task<Long> work(int i) {
    threads.add(Thread.currentThread().getName());
    await(Task.sleep(Duration.ofMillis(sleepMillis(i))));
    threads.add(Thread.currentThread().getName());
    return Task.completed(compute(i));
  }

  private boolean report(int n, long checksum, long wallMs) {
    long sleptMs = 0;
    long expected = 0;
    for (int i = 0; i < n; i++) {
      sleptMs += sleepMillis(i);
      expected += compute(i);
    }
    boolean ok = checksum == expected && threads.size() == 1;
    System.out.printf("fanout: %,d @Async tasks, %,d suspended at once%n", n, suspended);
    System.out.printf("  threads used:    %d %s%n", threads.size(), threads);
    System.out.printf("  wall time:       %,d ms%n", wallMs);
    System.out.printf("  sum of sleeps:   %,d ms (%.0fx the wall time)%n",
        sleptMs, (double) sleptMs / Math.max(1, wallMs));
    System.out.printf("  checksum:        %016x (expected %016x)%n", checksum, expected);
    System.out.println(ok ? "  ok" : "  FAILED");
    return ok;
  }

  /** A deterministic, random-looking sleep of 1 to {@value #MAX_SLEEP_MS} ms for task i. */
  static long sleepMillis(int i) {
    return 1 + Math.floorMod(mix(i), MAX_SLEEP_MS);
  }

  /** The work each task does once it wakes up. */
  static long compute(int i) {
    return mix(mix(i) ^ i);
  }

  /** SplitMix64's finalizer: a cheap, well-spread hash of a long. */
  private static long mix(long x) {
    x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
    x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
    return x ^ (x >>> 31);
  }
}
