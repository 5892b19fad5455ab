package dev.weft.net;

import dev.weft.internal.util.Logs;
import dev.weft.*;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A TCP server: one listener accepts, and each connection is handed to the next loop of an {@link
 * EventLoopGroup}, round robin, where it stays for its whole life (as an nginx worker keeps its
 * connections). The handler runs on the connection's loop; the connection is closed when the
 * stage the handler returns completes.
 *
 * <pre>{@code
 * TcpServer server = TcpServer.start(group, new InetSocketAddress(8080), conn -> echo(conn));
 *
 * @Async static Task<Void> echo(TcpConnection conn) {
 *   ByteBuffer buf = ByteBuffer.allocate(8192);
 *   while (await(conn.read(buf)) >= 0) {
 *     buf.flip();
 *     await(conn.write(buf));
 *     buf.clear();
 *   }
 *   return Task.completed(null);
 * }
 * }</pre>
 *
 * <p>A handler that throws or whose stage fails has its connection closed and is reported through
 * {@link System.Logger} {@code dev.weft.TcpServer}: an expected network error (the peer reset the
 * connection, a broken pipe, a closed channel, a timeout) in one DEBUG line without a stack trace,
 * anything else at WARNING with its stack trace. All methods may be called from any
 * thread.
 */
public final class TcpServer implements AutoCloseable {
  /** How long the acceptor pauses after an accept failed (e.g. too many open files). */
  private static final long RETRY_MILLIS = 100;
  /** The stage of a session whose handler has not started yet. */
  private static final Object STARTING = new Object();

  static {
    // Loaded now, while file descriptors are available: under fd exhaustion a handler's failure
    // is classified by this class, and loading it then could fail.
    NetErrors.isExpected(null);
  }

  private final EventLoopGroup group;
  private final TcpListener listener;
  private final Function<? super TcpConnection, ? extends CompletionStage<?>> handler;
  /** The idle timeout set on every connection, in nanoseconds; 0 for none. */
  private final long idleTimeoutNanos;
  /** Guards the list of live sessions ({@link #first} and the sessions' links). */
  private final Object lock = new Object();
  /** The first live session, or null; each links to the next. */
  private Session first;
  /** How many sessions are live; written under {@link #lock}. */
  private volatile int count;
  /** Continues {@link #acceptLoop} when an accept that had to wait completes. */
  private final BiConsumer<TcpConnection, Throwable> onAccept = (conn, failure) -> {
    if (accepted(conn, failure)) {
      acceptLoop();
    }
  };
  private final Promise<Void> drained = Task.promise();
  // Acceptor loop thread only:
  private boolean draining;
  private TimerHandle deadline;

  private TcpServer(EventLoopGroup group, TcpListener listener, long idleTimeoutNanos,
      Function<? super TcpConnection, ? extends CompletionStage<?>> handler) {
    this.group = group;
    this.listener = listener;
    this.idleTimeoutNanos = idleTimeoutNanos;
    this.handler = handler;
  }

  /**
   * Binds {@code address} and starts accepting on one loop of {@code group}, handing each
   * connection to the group's next loop and calling {@code handler} there with it.
   *
   * @throws IOException if the address cannot be bound
   * @throws java.util.concurrent.RejectedExecutionException if the group is shut down
   */
  public static TcpServer start(EventLoopGroup group, InetSocketAddress address,
      Function<? super TcpConnection, ? extends CompletionStage<?>> handler) throws IOException {
    return start(group, address, Duration.ZERO, handler);
  }

  /**
   * {@link #start(EventLoopGroup, InetSocketAddress, Function)} with an idle timeout on every
   * connection ({@link TcpConnection#setIdleTimeout}): a connection on which no read or write
   * completes for {@code idleTimeout} is closed, its pending operation failing with {@link
   * java.nio.channels.InterruptedByTimeoutException}, so that idle and slow clients (slowloris)
   * cannot hold connections and file descriptors forever. {@link Duration#ZERO}: no timeout.
   *
   * @throws IOException if the address cannot be bound
   * @throws java.util.concurrent.RejectedExecutionException if the group is shut down
   */
  public static TcpServer start(EventLoopGroup group, InetSocketAddress address,
      Duration idleTimeout,
      Function<? super TcpConnection, ? extends CompletionStage<?>> handler) throws IOException {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(handler, "handler");
    long idleNanos = idleTimeout.toNanos();
    if (idleNanos < 0) {
      throw new IllegalArgumentException("negative idle timeout " + idleTimeout);
    }
    TcpListener listener = TcpListener.bind(address, TcpListener.DEFAULT_BACKLOG, group.next());
    TcpServer server = new TcpServer(group, listener, idleNanos, handler);
    try {
      listener.loop().execute(server::acceptLoop);
    } catch (RuntimeException e) { // the group is shutting down
      listener.close();
      throw e;
    }
    return server;
  }

  /** The bound address (with the actual port when bound to port 0). */
  public InetSocketAddress localAddress() {
    return listener.localAddress();
  }

  /** How many connections are open (accepted and their handlers not finished). */
  public int connectionCount() {
    return count;
  }

  /** Stops accepting; open connections go on. Idempotent. */
  @Override
  public void close() {
    listener.close();
  }

  /**
   * Stops accepting and waits for the open connections' handlers to finish; at {@code timeout},
   * cancels the handlers' stages still running ({@code cancel} on their loops, so that {@code
   * finally} blocks run) and closes their connections. A second call returns the same task.
   *
   * @return a task completed once every connection is gone
   */
  public Task<Void> closeGracefully(Duration timeout) {
    long nanos = timeout.toNanos();
    listener.close();
    try {
      listener.loop().execute(() -> beginDrain(nanos));
    } catch (RejectedExecutionException e) { // the acceptor's loop is shutting down
      for (Session session : snapshot()) {
        session.conn.close();
      }
      drained.complete(null);
    }
    return drained;
  }

  @Override
  public String toString() {
    return "TcpServer[" + listener.localAddress() + ", " + count + " connections]";
  }

  // ---- acceptor loop ----

  private void beginDrain(long nanos) {
    if (draining) {
      return;
    }
    draining = true;
    if (!checkDrained()) {
      deadline = listener.loop().schedule(this::cancelRemaining, nanos, TimeUnit.NANOSECONDS);
    }
  }

  /** Accepts until an accept must wait; then {@link #onAccept} continues. */
  private void acceptLoop() {
    while (true) {
      Task<TcpConnection> t = listener.accept(group.next());
      if (!t.isDone()) {
        t.whenComplete(onAccept);
        return;
      }
      TcpConnection conn;
      Throwable failure = null;
      try {
        conn = t.getNow(null);
      } catch (CancellationException e) {
        conn = null;
        failure = e;
      } catch (CompletionException e) {
        conn = null;
        failure = e.getCause();
      }
      if (!accepted(conn, failure)) {
        return;
      }
    }
  }

  /** Handles the outcome of one accept; whether to accept again. */
  private boolean accepted(TcpConnection conn, Throwable failure) {
    if (failure != null) {
      Throwable cause = unwrap(failure);
      if (cause instanceof ClosedChannelException || cause instanceof CancellationException) {
        return false; // closed: stop accepting
      }
      Logs.log(Logs.TCP_SERVER, System.Logger.Level.WARNING, () -> "Accept failed on " + this + "; retrying",
          cause);
      try {
        listener.loop().schedule(this::acceptLoop, RETRY_MILLIS, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        listener.close();
      }
      return false;
    }
    if (draining) {
      conn.close();
      return false;
    }
    Session session = new Session(conn);
    link(session);
    conn.loop().executeOrElse(() -> serve(session), rejection -> finished(session, null));
    return true;
  }

  // ---- connection loops ----

  private void serve(Session session) {
    TcpConnection conn = session.conn;
    if (!isLive(session)) { // cancelled before it started
      conn.close();
      return;
    }
    if (idleTimeoutNanos > 0) {
      conn.io().setIdleTimeout(idleTimeoutNanos);
    }
    CompletionStage<?> stage;
    try {
      stage = handler.apply(conn);
    } catch (Throwable t) {
      finished(session, t);
      return;
    }
    if (stage == null) {
      finished(session, new NullPointerException("The handler of " + this + " returned null"));
      return;
    }
    session.stage = stage;
    stage.whenComplete(session);
  }

  private void finished(Session session, Throwable failure) {
    TcpConnection conn = session.conn;
    conn.close();
    if (failure != null && !(failure instanceof CancellationException)) {
      Throwable cause = unwrap(failure);
      if (NetErrors.isExpected(cause)) {
        Logs.log(Logs.TCP_SERVER, System.Logger.Level.DEBUG,
            () -> "Handler of " + conn + " on " + this + " ended: " + cause);
      } else {
        Logs.log(Logs.TCP_SERVER, System.Logger.Level.WARNING,
            () -> "Handler of " + conn + " on " + this + " failed", cause);
      }
    }
    if (unlink(session) && count == 0) {
      listener.loop().executeOrElse(this::checkDrained, rejection -> drained.complete(null));
    }
  }

  /** Acceptor loop: completes the drain if draining and nothing is left; whether it did. */
  private boolean checkDrained() {
    if (draining && count == 0 && drained.complete(null) && deadline != null) {
      deadline.cancel();
    }
    return drained.isDone();
  }

  /** At the drain deadline: cancels every handler still running, on its connection's loop. */
  private void cancelRemaining() {
    for (Session session : snapshot()) {
      session.conn.loop().executeOrElse(() -> {
        if (!isLive(session)) {
          return;
        }
        if (session.stage != STARTING) {
          cancel((CompletionStage<?>) session.stage);
        }
        finished(session, null); // gone, even if its stage ignores cancellation
      }, rejection -> finished(session, null));
    }
  }

  // ---- the list of live sessions (any thread) ----

  private void link(Session session) {
    synchronized (lock) {
      session.next = first;
      if (first != null) {
        first.prev = session;
      }
      first = session;
      count++;
    }
  }

  /** Removes {@code session} from the live list; whether it was there. */
  private boolean unlink(Session session) {
    synchronized (lock) {
      if (!isLinked(session)) {
        return false;
      }
      if (session.prev != null) {
        session.prev.next = session.next;
      } else {
        first = session.next;
      }
      if (session.next != null) {
        session.next.prev = session.prev;
      }
      session.prev = null;
      session.next = null;
      count--;
      return true;
    }
  }

  private boolean isLive(Session session) {
    synchronized (lock) {
      return isLinked(session);
    }
  }

  /** Under {@link #lock}. */
  private boolean isLinked(Session session) {
    return session.prev != null || first == session;
  }

  private Session[] snapshot() {
    synchronized (lock) {
      Session[] all = new Session[count];
      int i = 0;
      for (Session s = first; s != null; s = s.next) {
        all[i++] = s;
      }
      return all;
    }
  }

  /**
   * One live connection: its handler's stage, its links in the live list, and the waiter that
   * ends it when a {@link Task} stage completes. One object per connection, for the whole
   * connection.
   */
  private final class Session implements BiConsumer<Object, Throwable> {
    final TcpConnection conn;
    /** STARTING, then the handler's stage. Connection loop only. */
    Object stage = STARTING;
    /** Neighbours in the live list; under {@link #lock}. */
    Session prev;
    Session next;

    Session(TcpConnection conn) {
      this.conn = conn;
    }

    /** The handler's stage completed. */
    @Override
    public void accept(Object value, Throwable failure) {
      finished(this, failure);
    }
  }

  /** The cause of a failure as a stage callback sees it, unwrapped as an await would. */
  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Cancels a handler's stage: a task or future directly, another stage through its future. */
  private static void cancel(CompletionStage<?> stage) {
    try {
      if (stage instanceof Future) {
        ((Future<?>) stage).cancel(false);
      } else {
        stage.toCompletableFuture().cancel(false);
      }
    } catch (UnsupportedOperationException e) {
      // a stage without a future behind it cannot be cancelled; the connection is closed anyway
    }
  }
}
