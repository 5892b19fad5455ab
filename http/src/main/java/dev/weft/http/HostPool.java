package dev.weft.http;

import dev.weft.Promise;
import dev.weft.Task;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The connections of one {@link HttpClient} to one {@code host:port}: at most {@code max} open,
 * idle ones reused most recently used first, and callers queued in order when all are busy. An
 * idle connection older than the idle timeout, or closed by the server, is dropped when met.
 * Thread-safe: the bookkeeping is under this object's lock, connecting and I/O outside it.
 */
final class HostPool {
  private final int max;
  private final long idleNanos;
  private final Supplier<CompletionStage<HttpClientConnection>> connect;
  private final ArrayDeque<HttpClientConnection> idle = new ArrayDeque<>();
  private final ArrayDeque<Promise<HttpClientConnection>> waiters = new ArrayDeque<>();
  private int open;
  private long opened;
  private boolean closed;

  HostPool(int max, long idleNanos, Supplier<CompletionStage<HttpClientConnection>> connect) {
    this.max = max;
    this.idleNanos = idleNanos;
    this.connect = connect;
  }

  /** A connection for one exchange: an idle one, a new one, or the next one released. */
  Task<HttpClientConnection> acquire() {
    Promise<HttpClientConnection> waiter;
    List<HttpClientConnection> stale = new ArrayList<>(0);
    synchronized (this) {
      if (closed) {
        return Task.failed(new IllegalStateException("HttpClient.send: the client is closed"));
      }
      HttpClientConnection c = reusableIdle(stale);
      if (c != null) {
        closeAll(stale);
        return Task.completed(c);
      }
      waiter = Task.promise();
      waiters.add(waiter);
    }
    closeAll(stale);
    openForWaiters();
    return waiter;
  }

  /** Gives back {@code c} after an exchange, ended well or not. */
  void release(HttpClientConnection c) {
    if (c.isReusable()) {
      while (true) {
        Promise<HttpClientConnection> next;
        synchronized (this) {
          next = waiters.poll();
          if (next == null) {
            if (closed) {
              break;
            }
            idle.push(c);
            return;
          }
        }
        if (next.complete(c)) {
          return;
        } // else that waiter gave up (cancelled): try the next one
      }
    }
    c.close();
    synchronized (this) {
      open--;
    }
    openForWaiters();
  }

  /** Open connections (idle and busy), and how many were ever opened. */
  synchronized long[] counts() {
    return new long[] {open, opened};
  }

  /** Closes the idle connections and fails the waiters; busy ones close when released. */
  void close() {
    List<HttpClientConnection> all;
    List<Promise<HttpClientConnection>> waiting;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(idle);
      open -= idle.size();
      idle.clear();
      waiting = new ArrayList<>(waiters);
      waiters.clear();
    }
    closeAll(all);
    for (Promise<HttpClientConnection> w : waiting) {
      w.fail(new CancellationException("HttpClient closed"));
    }
  }

  /** Pops the most recent idle connection that can still be used; stale ones go to {@code out}. */
  private HttpClientConnection reusableIdle(List<HttpClientConnection> out) {
    long now = System.nanoTime();
    HttpClientConnection c;
    while ((c = idle.poll()) != null) {
      if (c.isReusable() && now - c.idleSince() < idleNanos) {
        return c;
      }
      open--;
      out.add(c);
    }
    return null;
  }

  /** Opens connections for waiters while there is room. */
  private void openForWaiters() {
    while (true) {
      Promise<HttpClientConnection> waiter;
      synchronized (this) {
        if (open >= max || waiters.isEmpty() || closed) {
          return;
        }
        waiter = waiters.poll();
        if (waiter.isDone()) {
          continue;
        }
        open++;
        opened++;
      }
      connect.get().whenComplete((c, failure) -> {
        if (failure != null) {
          synchronized (this) {
            open--;
          }
          waiter.fail(failure);
          openForWaiters();
        } else if (!waiter.complete(c)) {
          release(c); // the waiter gave up meanwhile: the connection serves the next one
        }
      });
    }
  }

  private static void closeAll(List<HttpClientConnection> connections) {
    for (HttpClientConnection c : connections) {
      c.close();
    }
  }
}
