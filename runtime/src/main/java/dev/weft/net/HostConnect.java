package dev.weft.net;

import dev.weft.Deadline;
import dev.weft.EventLoop;
import dev.weft.Task;
import dev.weft.TimerHandle;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The task of {@link TcpConnection#connect(String, int, Deadline, Resolver, EventLoop)}: resolves
 * a host name with a {@link Resolver}, then connects to its addresses in turn the way RFC 8305
 * ("happy eyeballs") does in its simple form: the addresses alternate between IPv6 and IPv4,
 * starting with the family the resolver put first; an attempt that has not connected after
 * {@link #ATTEMPT_DELAY_NANOS} gets company from the next address, an attempt that fails hands
 * over to the next at once, and the first connection wins while the others are withdrawn (or
 * closed, if they connected too). A deadline, when given, fails the whole connect with {@link
 * SocketTimeoutException} and stops the lookup and every attempt.
 *
 * <p>Everything after the lookup runs on the loop thread; {@link #cancel} may come from any
 * thread and is carried there.
 */
final class HostConnect extends Task<TcpConnection> {
  /** How long an attempt runs alone before the next address joins it (RFC 8305: 250 ms). */
  static final long ATTEMPT_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private final String host;
  private final int port;
  private final Resolver resolver;
  private final EventLoop loop;
  private final Deadline deadline;
  // Loop thread only, after start:
  private Task<List<InetAddress>> lookup;
  private List<InetAddress> addresses;
  private int next;
  private final List<Task<TcpConnection>> attempts = new ArrayList<>(2);
  private TimerHandle attemptTimer;
  private TimerHandle deadlineTimer;
  private IOException failure;

  private HostConnect(String host, int port, Resolver resolver, EventLoop loop, Deadline deadline) {
    this.host = host;
    this.port = port;
    this.resolver = resolver;
    this.loop = loop;
    this.deadline = deadline;
  }

  /** Starts a connect to {@code host:port} on {@code loop}; {@code deadline} may be null. */
  static Task<TcpConnection> start(String host, int port, Deadline deadline, Resolver resolver,
      EventLoop loop) {
    HostConnect c = new HostConnect(host, port, resolver, loop, deadline);
    if (loop.inEventLoop()) {
      c.begin();
    } else {
      loop.executeOrElse(c::begin, c::fail);
    }
    return c;
  }

  @Override
  protected EventLoop homeLoop() {
    return loop;
  }

  @Override
  protected String displayName() {
    return "connect to " + host + ":" + port;
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    if (!super.cancel(mayInterruptIfRunning)) {
      return false;
    }
    if (loop.inEventLoop()) {
      stop();
    } else {
      loop.executeOrElse(this::stop, rejection -> {}); // a terminated loop closed the attempts
    }
    return true;
  }

  private boolean fail(Throwable cause) {
    return completeRaw(rawFailure(cause));
  }

  // ---- loop thread ----

  private void begin() {
    if (isDone()) {
      return; // cancelled on the way to the loop
    }
    if (deadline != null) {
      deadlineTimer = schedule(this::timedOut, Math.max(0L, deadline.remainingNanos()));
      if (deadlineTimer == null) {
        return;
      }
    }
    Task<List<InetAddress>> found;
    try {
      found = resolver.resolve(host);
    } catch (RuntimeException e) {
      finish(e);
      return;
    }
    lookup = found;
    found.handle((list, e) -> {
      loop.executeOrElse(() -> resolved(found, list, e), this::fail);
      return null;
    });
  }

  private void resolved(Task<List<InetAddress>> found, List<InetAddress> list, Throwable e) {
    if (isDone() || found != lookup) {
      return;
    }
    lookup = null;
    if (e != null) {
      finish(unwrap(e));
    } else if (list == null || list.isEmpty()) {
      finish(new UnknownHostException(resolver + " found no address for " + host));
    } else {
      addresses = interleave(list);
      startNextAttempt();
    }
  }

  /** Starts the next address's attempt, and the timer after which the one after it starts. */
  private void startNextAttempt() {
    cancelAttemptTimer();
    InetAddress address = addresses.get(next++);
    Task<TcpConnection> attempt = TcpConnection.connect(new InetSocketAddress(address, port), loop);
    attempts.add(attempt);
    attempt.handle((c, e) -> {
      attemptDone(attempt, c, e);
      return null;
    });
    if (!isDone() && attempts.contains(attempt) && next < addresses.size()) {
      attemptTimer = schedule(this::attemptTimerFired, ATTEMPT_DELAY_NANOS);
    }
  }

  private void attemptTimerFired() {
    attemptTimer = null;
    if (!isDone() && next < addresses.size()) {
      startNextAttempt();
    }
  }

  private void attemptDone(Task<TcpConnection> attempt, TcpConnection c, Throwable e) {
    attempts.remove(attempt);
    if (e == null) {
      if (!completeRaw(rawValue(c))) {
        c.close(); // lost to another attempt, a timeout or a cancel
        return;
      }
      stop();
      return;
    }
    if (isDone()) {
      return;
    }
    Throwable cause = unwrap(e);
    if (cause instanceof IOException) {
      if (failure == null) {
        failure = (IOException) cause;
      } else {
        failure.addSuppressed(cause);
      }
    }
    if (next < addresses.size()) {
      startNextAttempt();
    } else if (attempts.isEmpty()) {
      finish(failure != null ? failure : cause);
    }
  }

  private void timedOut() {
    deadlineTimer = null;
    String stage = addresses == null ? "resolving " + host : "connecting to " + addresses;
    SocketTimeoutException timeout = new SocketTimeoutException(
        "connect to " + host + ":" + port + " timed out while " + stage);
    if (failure != null) {
      timeout.addSuppressed(failure);
    }
    finish(timeout);
  }

  /** Fails this connect with {@code cause} (if still incomplete) and stops what runs. */
  private void finish(Throwable cause) {
    fail(cause);
    stop();
  }

  /** Stops the lookup, every attempt and both timers; idempotent. */
  private void stop() {
    cancelAttemptTimer();
    if (deadlineTimer != null) {
      deadlineTimer.cancel();
      deadlineTimer = null;
    }
    if (lookup != null) {
      Task<?> l = lookup;
      lookup = null;
      l.cancel(true);
    }
    List<Task<TcpConnection>> running = new ArrayList<>(attempts);
    attempts.clear();
    for (Task<TcpConnection> attempt : running) {
      attempt.cancel(false); // a pending connect closes its channel when cancelled
    }
  }

  /** A timer on the loop, or null if the loop (shutting down) refused it: this connect failed. */
  private TimerHandle schedule(Runnable action, long nanos) {
    try {
      return loop.schedule(action, nanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      finish(e);
      return null;
    }
  }

  private void cancelAttemptTimer() {
    if (attemptTimer != null) {
      attemptTimer.cancel();
      attemptTimer = null;
    }
  }

  /** The failure a {@code handle} callback was given, without its completion wrapper. */
  static Throwable unwrap(Throwable e) {
    while ((e instanceof java.util.concurrent.CompletionException
        || e instanceof java.util.concurrent.ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /**
   * {@code list} with IPv6 and IPv4 addresses alternating, starting with the family of the first
   * (RFC 8305, section 4); each family keeps its own order.
   */
  static List<InetAddress> interleave(List<InetAddress> list) {
    boolean firstIs6 = list.get(0) instanceof Inet6Address;
    List<InetAddress> first = new ArrayList<>();
    List<InetAddress> second = new ArrayList<>();
    for (InetAddress a : list) {
      ((a instanceof Inet6Address) == firstIs6 ? first : second).add(a);
    }
    List<InetAddress> out = new ArrayList<>(list.size());
    for (int i = 0; i < Math.max(first.size(), second.size()); i++) {
      if (i < first.size()) {
        out.add(first.get(i));
      }
      if (i < second.size()) {
        out.add(second.get(i));
      }
    }
    return out;
  }
}
