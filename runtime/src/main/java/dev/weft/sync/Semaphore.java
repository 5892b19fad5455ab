package dev.weft.sync;

import dev.weft.Task;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * An asynchronous counting semaphore: {@link #acquire} suspends (as a task) instead of blocking a
 * thread while no permit is free. Waiters are served first come, first served, and a permit is
 * never taken past a waiter ({@link #tryAcquire} fails while anyone waits).
 *
 * <pre>{@code
 * Semaphore connections = new Semaphore(8);
 * Task<Response> r = connections.withPermit(() -> client.call(request)); // at most 8 at once
 * }</pre>
 *
 * <p>A waiting acquire that is cancelled gives up its place. A permit handed to an acquire at the
 * same instant as it is cancelled goes to the next waiter (or back to the pool): the cancel and
 * the hand-over race on one atomic and exactly one wins. An {@code @Async} method cancelled after
 * its acquire succeeded but before it resumed gives the permit back at that await.
 *
 * <p>All methods may be called from any thread. Completions (the woken acquire's callbacks) run
 * on the thread that calls {@link #release}, outside the semaphore's lock.
 */
public final class Semaphore {
  /** What {@link #acquire} returns when a permit is free: shared, already complete. */
  private static final Task<Void> GRANTED = Task.completed(null);

  private final ShortLock lock = new ShortLock();
  private final WaitQueue waiters = new WaitQueue();
  private int permits;

  /**
   * A semaphore with {@code permits} free permits.
   *
   * @throws IllegalArgumentException if {@code permits} is negative
   */
  public Semaphore(int permits) {
    if (permits < 0) {
      throw new IllegalArgumentException("Semaphore permits must be >= 0, got " + permits);
    }
    this.permits = permits;
  }

  /**
   * Takes a permit: an already complete shared task (no allocation) when one is free and nobody
   * waits, else a task completed when a {@link #release} hands one over, in arrival order.
   * Cancelling the pending task gives up the place in line.
   */
  public Task<Void> acquire() {
    lock.lock();
    try {
      if (permits > 0 && waiters.isEmpty()) {
        permits--;
        return GRANTED;
      }
      Acquire a = new Acquire();
      waiters.add(a);
      return a;
    } finally {
      lock.unlock();
    }
  }

  /** Takes a permit if one is free and nobody waits; whether it did. */
  public boolean tryAcquire() {
    lock.lock();
    try {
      if (permits > 0 && waiters.isEmpty()) {
        permits--;
        return true;
      }
      return false;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns a permit: hands it to the oldest waiting acquire, whose task then completes on this
   * thread, or else adds it to the free permits.
   *
   * @throws IllegalStateException if the free permits would overflow {@code Integer.MAX_VALUE}
   */
  public void release() {
    QueuedTask<?> woken;
    lock.lock();
    try {
      woken = waiters.claimFirst(QueuedTask.NIL);
      if (woken == null) {
        if (permits == Integer.MAX_VALUE) {
          throw new IllegalStateException("Semaphore permits would overflow Integer.MAX_VALUE");
        }
        permits++;
      }
    } finally {
      lock.unlock();
    }
    if (woken != null) {
      woken.wake();
    }
  }

  /** The number of free permits now (0 while anyone waits). */
  public int available() {
    lock.lock();
    try {
      return permits;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs {@code body} holding a permit and releases it when the stage it returns completes in any
   * way (or when it throws); when that stage is a cancelled {@code @Async} invocation, once its
   * {@code finally} blocks have run. {@code body} runs at once on this thread when a permit is free, else
   * on the thread whose {@link #release} hands the permit over.
   *
   * @return a task with the outcome of {@code body}'s stage; cancelling it cancels the waiting
   *     acquire or the body's stage
   * @throws NullPointerException if {@code body} is null
   */
  public <T> Task<T> withPermit(Supplier<? extends CompletionStage<T>> body) {
    Objects.requireNonNull(body, "body");
    Task<Void> permit = acquire();
    if (permit == GRANTED) {
      return runHolding(body);
    }
    return QueuedTask.gate(permit, () -> runHolding(body), this::release); // cancelled meanwhile
  }

  private <T> Task<T> runHolding(Supplier<? extends CompletionStage<T>> body) {
    CompletionStage<T> stage;
    try {
      stage = body.get();
    } catch (Throwable t) {
      release();
      return Task.failed(t);
    }
    if (stage == null) {
      release();
      return Task.failed(new NullPointerException("Semaphore.withPermit: body returned null"));
    }
    return QueuedTask.settled(stage, this::release); // a cancelled body's finally blocks still
    // hold the permit
  }

  @Override
  public String toString() {
    lock.lock();
    try {
      return "Semaphore[permits=" + permits + (waiters.isEmpty() ? "" : ", waiters") + "]";
    } finally {
      lock.unlock();
    }
  }

  /** A waiting acquire. */
  private final class Acquire extends QueuedTask<Void> {
    @Override
    protected String displayName() {
      return "acquire on " + Semaphore.this;
    }

    @Override
    void dequeue() {
      lock.lock();
      try {
        waiters.remove(this);
      } finally {
        lock.unlock();
      }
    }

    @Override
    void undelivered(Object raw) {
      release();
    }
  }
}
