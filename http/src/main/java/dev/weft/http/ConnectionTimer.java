package dev.weft.http;

import dev.weft.EventLoop;
import dev.weft.Task;
import dev.weft.TimerHandle;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The header and idle timeouts of one connection, on one timer of the connection's loop that is
 * reused across requests, as Netty's {@code IdleStateHandler} does: a request only writes the
 * phase and its start time into two fields; the timer, when it fires, compares them with the
 * clock and either acts or arms itself again for what is left. A busy keep-alive connection
 * therefore costs about one timer per timeout period, not one per request. The timer is only
 * re-armed early when a phase needs it sooner than it is set for (a partial head on a connection
 * that was idle).
 *
 * <p>A request body's reads are timed the same way, each read with the idle timeout.
 *
 * <p>When a phase has lasted its limit, the timer cancels the wait the connection registered with
 * {@link #watch} (its {@code readable()}), and {@link #expired} says which phase ran out. Loop
 * thread only.
 */
final class ConnectionTimer implements Runnable {
  /** What the connection is doing, and so which limit applies. */
  enum Phase {
    /** Answering: no limit. */
    BUSY,
    /** Waiting for the rest of a request head: {@link Limits#headerNanos}. */
    HEAD,
    /** Waiting for the next request on a kept-alive connection: {@link Limits#idleNanos}. */
    IDLE,
    /** Waiting for more of a request body: {@link Limits#idleNanos} for each read. */
    BODY
  }

  private final EventLoop loop;
  private final Limits limits;
  private Phase phase = Phase.BUSY;
  /** When {@link #phase} began, on the {@link System#nanoTime} clock. */
  private long since;
  /** The armed timer, or null. */
  private TimerHandle timer;
  /** When {@link #timer} fires. */
  private long armedFor;
  /** The wait to cancel when the phase runs out, or null. */
  private Task<?> waiting;
  private Phase expired;
  private boolean stopped;

  ConnectionTimer(EventLoop loop, Limits limits) {
    this.loop = loop;
    this.limits = limits;
  }

  /** Answering requests: no limit until the next {@link #head} or {@link #idle}. */
  void busy() {
    phase = Phase.BUSY;
    waiting = null;
  }

  /** Waiting for the rest of a head whose first byte came at {@code since}. */
  void head(long since) {
    enter(Phase.HEAD, since, limits.headerNanos);
  }

  /** Waiting, since {@code since}, for a request on a kept-alive connection. */
  void idle(long since) {
    enter(Phase.IDLE, since, limits.idleNanos);
  }

  /** Waiting, since {@code since}, for more bytes of a request body. */
  void body(long since) {
    enter(Phase.BODY, since, limits.idleNanos);
  }

  /**
   * The server stops: the wait for a request is cancelled now, as if the idle timeout ran out (so
   * the connection closes without a word). The caller knows that no byte of a head has arrived;
   * a connection answering or reading a body is left to finish.
   */
  void stopIdle() {
    if ((phase == Phase.IDLE || phase == Phase.HEAD) && waiting != null && waiting.cancel(false)) {
      expired = Phase.IDLE;
    }
  }

  /** The wait that the timer cancels when the current phase runs out. */
  void watch(Task<?> wait) {
    waiting = wait;
  }

  /** The phase that ran out and cancelled the watched wait, or null. */
  Phase expired() {
    return expired;
  }

  /** The connection is done: cancels the timer. */
  void stop() {
    stopped = true;
    waiting = null;
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }

  private void enter(Phase phase, long since, long limit) {
    this.phase = phase;
    this.since = since;
    long due = since + limit;
    if (timer != null && armedFor - due > 0) { // set for later than this phase allows
      timer.cancel();
      timer = null;
    }
    if (timer == null) {
      arm(due);
    }
  }

  private void arm(long due) {
    if (stopped) {
      return;
    }
    try {
      armedFor = due;
      timer = loop.schedule(this, Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      timer = null; // the loop is shutting down and closes the connection itself
    }
  }

  /** The timer fired: acts on a phase that ran out, or arms itself for what is left. */
  @Override
  public void run() {
    timer = null;
    if (stopped || phase == Phase.BUSY) {
      return; // leaving BUSY arms the timer again
    }
    long due = since + (phase == Phase.HEAD ? limits.headerNanos : limits.idleNanos);
    if (due - System.nanoTime() > 0) {
      arm(due);
    } else if (waiting != null && waiting.cancel(false)) {
      expired = phase;
    } // else the wait completed meanwhile: the connection moves the phase on, which arms again
  }
}
