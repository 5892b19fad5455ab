package dev.weft.net;

import dev.weft.Promise;
import dev.weft.Task;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Runs the delegated tasks of SSL engines (a handshake's key exchange and signature: work for a
 * core, not a wait) on the blocking pool, at most {@code limit} jobs at a time; the others wait in
 * a FIFO queue and start as running ones finish.
 *
 * <p>Unbounded, a burst of handshakes put one pool thread per handshake on the cores the event
 * loops run on (up to 32 on a server pinned to one core), and the scheduler shares a core evenly
 * among its runnable threads: the loop got a small share of its core while they ran, and every
 * connection of the loop waited. One job per processor keeps the cores as busy as more would, and
 * leaves each loop at least an even share of its core. Any thread.
 *
 * <p>This is a FIFO semaphore of its own: {@code dev.weft.sync.Semaphore} sits in a layer above
 * {@code dev.weft.net}, which may not depend on it.
 */
final class DelegatedTasks {
  /** The one instance: one job per processor the JVM may use. */
  static final DelegatedTasks SHARED = new DelegatedTasks(Runtime.getRuntime().availableProcessors());

  private final int limit;
  /** Guarded by this. */
  private final ArrayDeque<Job> waiting = new ArrayDeque<>();
  /** Jobs started and not finished; guarded by this. */
  private int running;

  DelegatedTasks(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("DelegatedTasks: the limit must be at least 1, got " + limit);
    }
    this.limit = limit;
  }

  /** Runs {@code tasks} in order on the blocking pool, after the jobs queued before; when done. */
  Task<Void> run(List<Runnable> tasks) {
    Job job = new Job(tasks);
    synchronized (this) {
      if (running >= limit) {
        waiting.add(job);
        return job.done;
      }
      running++;
    }
    start(job);
    return job.done;
  }

  /** How many jobs wait for one of the {@code limit} places. */
  synchronized int waiting() {
    return waiting.size();
  }

  private void start(Job job) {
    Task<Void> t;
    try {
      t = Task.blocking(() -> {
        for (Runnable r : job.tasks) {
          r.run();
        }
        return null;
      });
    } catch (RuntimeException e) { // the pool refused it
      job.done.fail(e);
      finished();
      return;
    }
    t.whenComplete((v, e) -> {
      // Settle this job before starting the next, so that jobs complete in the order given: a
      // job started first could otherwise finish, and be seen done, before this one is.
      try {
        if (e != null) {
          job.done.fail(e);
        } else {
          job.done.complete(null);
        }
      } finally {
        finished();
      }
    });
  }

  /** A job finished: starts the next one waiting, or gives its place up. */
  private void finished() {
    Job next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        running--;
        return;
      }
    }
    start(next);
  }

  private static final class Job {
    final List<Runnable> tasks;
    final Promise<Void> done = Task.promise();

    Job(List<Runnable> tasks) {
      this.tasks = tasks;
    }
  }
}
