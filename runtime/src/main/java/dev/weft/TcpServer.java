package dev.weft;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
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
 * <p>A handler that throws or whose stage fails is reported through {@link System.Logger} {@code
 * dev.weft.TcpServer} (WARNING) and its connection closed. All methods may be called from any
 * thread.
 */
public final class TcpServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(TcpServer.class.getName());
  /** How long the acceptor pauses after an accept failed (e.g. too many open files). */
  private static final long RETRY_MILLIS = 100;
  /** The entry of a connection accepted but whose handler has not started yet. */
  private static final Object STARTING = new Object();

  private final EventLoopGroup group;
  private final TcpListener listener;
  private final Function<? super TcpConnection, ? extends CompletionStage<?>> handler;
  /** Live connections and their handlers' stages (or STARTING). */
  private final Map<TcpConnection, Object> live = new ConcurrentHashMap<>();
  private final Waiter onAccept = new Waiter() {
    @Override
    void fire(Object raw) {
      if (accepted(raw)) {
        acceptLoop();
      }
    }
  };
  private final Promise<Void> drained = new Promise<>();
  // Acceptor loop thread only:
  private boolean draining;
  private TimerHandle deadline;

  private TcpServer(EventLoopGroup group, TcpListener listener,
      Function<? super TcpConnection, ? extends CompletionStage<?>> handler) {
    this.group = group;
    this.listener = listener;
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
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(handler, "handler");
    TcpListener listener = TcpListener.bind(address, TcpListener.DEFAULT_BACKLOG, group.next());
    TcpServer server = new TcpServer(group, listener, handler);
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
    return live.size();
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
      live.keySet().forEach(TcpConnection::close);
      drained.complete(null);
    }
    return drained;
  }

  @Override
  public String toString() {
    return "TcpServer[" + listener.localAddress() + ", " + live.size() + " connections]";
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
        t.addWaiter(onAccept);
        return;
      }
      if (!accepted(t.result)) {
        return;
      }
    }
  }

  /** Handles the outcome of one accept; whether to accept again. */
  private boolean accepted(Object raw) {
    if (raw instanceof Failure) {
      Throwable cause = ((Failure) raw).cause;
      if (cause instanceof ClosedChannelException || cause instanceof CancellationException) {
        return false; // closed: stop accepting
      }
      LOG.log(System.Logger.Level.WARNING, "Accept failed on " + this + "; retrying", cause);
      try {
        listener.loop().schedule(this::acceptLoop, RETRY_MILLIS, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        listener.close();
      }
      return false;
    }
    TcpConnection conn = (TcpConnection) raw;
    if (draining) {
      conn.close();
      return false;
    }
    live.put(conn, STARTING);
    conn.loop().post(new LoopNode() {
      @Override
      void runOnLoop() {
        serve(conn);
      }

      @Override
      void rejected(RejectedExecutionException rejection) {
        finished(conn, null);
      }
    });
    return true;
  }

  // ---- connection loops ----

  private void serve(TcpConnection conn) {
    if (live.get(conn) != STARTING) { // cancelled before it started
      conn.close();
      return;
    }
    CompletionStage<?> stage;
    try {
      stage = handler.apply(conn);
    } catch (Throwable t) {
      finished(conn, t);
      return;
    }
    if (stage == null) {
      finished(conn, new NullPointerException("The handler of " + this + " returned null"));
      return;
    }
    live.put(conn, stage);
    if (stage instanceof Task) {
      ((Task<?>) stage).addWaiter(new Waiter() {
        @Override
        void fire(Object raw) {
          finished(conn, raw instanceof Failure ? ((Failure) raw).cause : null);
        }
      });
    } else {
      stage.whenComplete((v, e) -> finished(conn, e));
    }
  }

  private void finished(TcpConnection conn, Throwable failure) {
    conn.close();
    if (failure != null && !(failure instanceof CancellationException)) {
      LOG.log(System.Logger.Level.WARNING,
          "Handler of " + conn + " on " + this + " failed", Failure.unwrap(failure));
    }
    if (live.remove(conn) != null && live.isEmpty()) {
      listener.loop().post(new LoopNode() {
        @Override
        void runOnLoop() {
          checkDrained();
        }

        @Override
        void rejected(RejectedExecutionException rejection) {
          drained.complete(null);
        }
      });
    }
  }

  /** Acceptor loop: completes the drain if draining and nothing is left; whether it did. */
  private boolean checkDrained() {
    if (draining && live.isEmpty() && drained.complete(null) && deadline != null) {
      deadline.cancel();
    }
    return drained.isDone();
  }

  /** At the drain deadline: cancels every handler still running, on its connection's loop. */
  private void cancelRemaining() {
    for (TcpConnection conn : live.keySet()) {
      conn.loop().post(new LoopNode() {
        @Override
        void runOnLoop() {
          Object stage = live.get(conn);
          if (stage == STARTING) {
            finished(conn, null);
          } else if (stage != null) {
            Stages.cancel(stage);
            finished(conn, null); // gone, even if its stage ignores cancellation
          }
        }

        @Override
        void rejected(RejectedExecutionException rejection) {
          finished(conn, null);
        }
      });
    }
  }
}
