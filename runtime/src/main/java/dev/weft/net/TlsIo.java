package dev.weft.net;

import dev.weft.EventLoop;
import dev.weft.Task;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * The loop side of a {@link TlsConnection}: an {@link SSLEngine} between the user's operations and
 * the {@link TcpConnection} underneath, whose own read and write tasks do all socket I/O (and so
 * its readiness handling, idle timeout, cancellation and close).
 *
 * <p>Three buffers: {@code netIn} holds ciphertext read and not yet unwrapped (fill mode), {@code
 * appIn} plaintext unwrapped and not yet delivered (drain mode), {@code netOut} ciphertext wrapped
 * and not yet written (drain mode). At most one TCP read and one TCP write are pending. {@link
 * #pump} moves everything that can move: it writes {@code netOut}, wraps the pending write or
 * what the engine must send (handshake messages, a key update, close_notify), delivers plaintext
 * to the pending read, unwraps, starts a TCP read when the engine or a read needs bytes, and runs
 * the engine's delegated tasks on the blocking pool. Every completion calls it again; it does not
 * recurse (a call made while it runs makes it go round once more).
 *
 * <p>The entry points ({@link #handshake}, {@link #read}, {@link #write}, {@link #shutdownOutput},
 * {@link #close}) and {@link TlsOp#cancel} may be called from any thread and move to the loop;
 * everything else runs on the loop thread. This class is larger than most because the engine's
 * state is shared by both directions and the handshake; splitting it would spread that state.
 */
final class TlsIo {
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
  private static final String TLS13 = "TLSv1.3";

  final TlsConnection connection;
  final TcpConnection tcp;
  final SSLEngine engine;
  final EventLoop loop;
  private volatile boolean closed;
  // Loop thread only:
  private ByteBuffer netIn;
  private ByteBuffer appIn;
  private ByteBuffer netOut;
  private TlsOp<?> handshaking;
  private TlsOp<?> reading;
  private TlsOp<?> writing;
  private TlsOp<?> shuttingDown;
  private Task<Integer> tcpRead;
  private Task<Void> tcpWrite;
  private boolean tasksRunning;
  private boolean handshaken;
  /**
   * Whether the handshake negotiated TLS 1.3, which has no renegotiation: read once when the
   * handshake completes, so that the steady state asks the engine (each call takes its lock) less.
   */
  private boolean tls13;
  /** Whether close_notify was received. */
  private boolean inboundDone;
  /** Whether {@link SSLEngine#closeOutbound} was called. */
  private boolean outboundClosing;
  /** What fails every later read (sticky), e.g. a truncation or a reset. */
  private Throwable inFailure;
  /** What fails every later write (sticky). */
  private Throwable outFailure;
  private boolean pumping;
  private boolean again;

  TlsIo(TlsConnection connection, TcpConnection tcp, SSLEngine engine) {
    this.connection = connection;
    this.tcp = tcp;
    this.engine = engine;
    this.loop = tcp.loop();
    int packet = engine.getSession().getPacketBufferSize();
    this.netIn = ByteBuffer.allocate(packet);
    this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()).flip();
    this.netOut = ByteBuffer.allocate(packet).flip();
  }

  boolean isClosed() {
    return closed || tcp.isClosed();
  }

  @Override
  public String toString() {
    return connection.toString();
  }

  // ---- entry points (any thread) ----

  Task<TlsConnection> handshake() {
    TlsOp<TlsConnection> op = new TlsOp<>(this, TlsOp.Kind.HANDSHAKE, null, null);
    onLoop(() -> {
      if (refuse(op, handshaking != null || handshaken, "handshake is already pending or done")) {
        return;
      }
      handshaking = op;
      try {
        engine.beginHandshake();
      } catch (SSLException | RuntimeException e) {
        inFailed(e);
      }
      pump();
    }, op::fail);
    return op;
  }

  Task<Integer> read(ByteBuffer dst) {
    return startRead(new TlsOp<>(this, TlsOp.Kind.READ, dst, null));
  }

  Task<Void> readable() {
    return startRead(new TlsOp<>(this, TlsOp.Kind.READABLE, null, null));
  }

  private <T> Task<T> startRead(TlsOp<T> op) {
    onLoop(() -> {
      if (!refuse(op, reading != null, "read is already pending")) {
        reading = op;
        pump();
      }
    }, op::fail);
    return op;
  }

  Task<Void> write(ByteBuffer src, ByteBuffer[] srcs) {
    TlsOp<Void> op = new TlsOp<>(this, TlsOp.Kind.WRITE, src, srcs);
    onLoop(() -> {
      if (refuse(op, writing != null, "write is already pending")) {
        return;
      }
      if (outboundClosing) {
        op.fail(new ClosedChannelException()); // as a TCP write after shutdownOutput
        return;
      }
      writing = op;
      pump();
    }, op::fail);
    return op;
  }

  /** Sends close_notify, then shuts the TCP output down. */
  Task<Void> shutdownOutput() {
    TlsOp<Void> op = new TlsOp<>(this, TlsOp.Kind.SHUTDOWN, null, null);
    onLoop(() -> {
      if (refuse(op, shuttingDown != null, "shutdownOutput is already pending")) {
        return;
      }
      if (writing != null) {
        op.fail(new IllegalStateException(
            "shutdownOutput while a write is pending on " + this + "; await the write first"));
        return;
      }
      shuttingDown = op;
      closeOutbound();
      pump();
    }, op::fail);
    return op;
  }

  /** Sends close_notify if it can at once, then closes the TCP connection. Idempotent. */
  void close() {
    if (!closed) {
      closed = true;
      onLoop(() -> closeNow(new AsynchronousCloseException(), true), rejection -> tcp.close());
    }
  }

  /** Runs {@code action} on the loop: at once on the loop thread, else posted there. Any thread. */
  void onLoop(Runnable action, Consumer<? super RejectedExecutionException> ifTerminated) {
    if (loop.inEventLoop()) {
      action.run();
    } else {
      loop.executeOrElse(action, ifTerminated);
    }
  }

  // ---- loop side ----

  /** Fails {@code op} if the connection is closed or {@code busy}; whether it did. */
  private boolean refuse(TlsOp<?> op, boolean busy, String what) {
    if (isClosed()) {
      op.fail(new ClosedChannelException());
    } else if (busy) {
      op.fail(new IllegalStateException("A " + what + " on " + this
          + "; await it before starting another"));
    } else {
      return false;
    }
    return true;
  }

  /** Withdraws the cancelled {@code op}. A write's records already made are still sent whole. */
  void cancelled(TlsOp<?> op) {
    if (op == handshaking) {
      handshaking = null;
      closed = true;
      closeNow(new CancellationException("TLS handshake cancelled"), false);
    } else if (op == reading) {
      reading = null; // a TCP read it started goes on: what it reads waits in netIn
    } else if (op == writing) {
      writing = null;
    } else if (op == shuttingDown) {
      shuttingDown = null;
    }
  }

  /** Moves everything that can move; see the class comment. */
  private void pump() {
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    try {
      do {
        again = false;
        if (closed) {
          return;
        }
        if (renegotiating()) {
          closed = true;
          closeNow(new SSLException("Renegotiation refused on " + this
              + ": the peer asked for a new " + engine.getSession().getProtocol() + " handshake"),
              false);
          return;
        }
        boolean moved = pumpOut() | pumpIn();
        if (!tasksRunning && engine.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
          runDelegatedTasks();
        }
        moved |= checkHandshake() | checkShutdown();
        again |= moved;
      } while (again);
    } finally {
      pumping = false;
    }
  }

  /** Writes and wraps until a TCP write must wait or nothing is left to send; whether it moved. */
  private boolean pumpOut() {
    boolean moved = false;
    while (tcpWrite == null && !closed) {
      if (netOut.hasRemaining()) {
        Task<Void> t = tcp.write(netOut);
        moved = true;
        if (!t.isDone()) {
          tcpWrite = t;
          t.whenComplete((v, e) -> fromTcp(() -> written(t, e)));
          return true;
        }
        written(t, failureOf(t));
      } else if (outFailure != null) {
        if (writing != null) {
          TlsOp<?> op = writing;
          writing = null;
          op.fail(outFailure);
          moved = true;
        }
        return moved;
      } else if (writing != null && !writing.hasRemaining()) {
        TlsOp<?> op = writing;
        writing = null;
        op.succeed(null);
        moved = true;
      } else if (tasksRunning) {
        return moved; // the engine is busy with a task: it is not called until that is done
      } else {
        boolean outboundDone = engine.isOutboundDone();
        if (writing != null && outboundDone) {
          outFailure = new ClosedChannelException(); // close_notify went out: no more data
          moved = true;
        } else if (!outboundDone && (writing != null
            || engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP)) {
          if (!wrap()) {
            return moved; // nothing made (a failed engine): the failure ends what waits
          }
          moved = true;
        } else {
          return moved;
        }
      }
    }
    return moved;
  }

  /**
   * Wraps the pending write's bytes, or else what the engine must send, into {@code netOut};
   * whether it made or failed anything.
   */
  private boolean wrap() {
    int before = writing == null ? 0 : remaining(writing);
    Throwable failedBefore = outFailure;
    netOut.clear();
    try {
      while (true) {
        boolean data = writing != null && writing.hasRemaining() && handshaken;
        SSLEngineResult r = !data ? engine.wrap(EMPTY, netOut)
            : writing.buffer != null ? engine.wrap(writing.buffer, netOut)
            : engine.wrap(writing.buffers, netOut);
        SSLEngineResult.Status status = r.getStatus();
        if (status == SSLEngineResult.Status.BUFFER_OVERFLOW) {
          if (netOut.position() > 0) {
            break; // full: send what it holds first
          }
          netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
          continue;
        }
        if (status == SSLEngineResult.Status.CLOSED && data && writing.hasRemaining()) {
          outFailure = new ClosedChannelException(); // the engine sent close_notify: no more data
          break;
        }
        // Gather more records while the write has bytes and the engine is not handshaking.
        if (!data || !writing.hasRemaining() || r.bytesProduced() == 0
            || engine.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING
            || netOut.remaining() < engine.getSession().getPacketBufferSize()) {
          break;
        }
      }
    } catch (SSLException | RuntimeException e) {
      outFailure = e;
    }
    netOut.flip();
    return netOut.hasRemaining() || outFailure != failedBefore
        || (writing != null && remaining(writing) != before);
  }

  private static int remaining(TlsOp<?> op) {
    if (op.buffer != null) {
      return op.buffer.remaining();
    }
    int n = 0;
    for (ByteBuffer b : op.buffers) {
      n += b.remaining();
    }
    return n;
  }

  /** A TCP write of {@code netOut} completed. */
  private void written(Task<Void> t, Throwable failure) {
    if (tcpWrite == t) {
      tcpWrite = null;
    }
    if (failure != null && outFailure == null) {
      outFailure = failure;
      netOut.position(netOut.limit()); // the stream is broken: drop the rest
    }
  }

  /**
   * Delivers plaintext to the pending read, unwraps, and reads from TCP when the engine or a read
   * needs bytes; whether it moved.
   */
  private boolean pumpIn() {
    boolean moved = false;
    while (true) {
      if (reading != null && deliver()) {
        moved = true;
        continue;
      }
      if (closed || tcpRead != null || tasksRunning || inFailure != null || inboundDone) {
        return moved;
      }
      HandshakeStatus hs = engine.getHandshakeStatus();
      boolean engineNeedsInput =
          hs == HandshakeStatus.NEED_UNWRAP || hs == HandshakeStatus.NEED_UNWRAP_AGAIN;
      if (!engineNeedsInput && (reading == null || !handshaken
          || hs != HandshakeStatus.NOT_HANDSHAKING)) {
        return moved;
      }
      // An empty netIn cannot make a record: once the connection is established, read first
      // rather than ask the engine for the underflow it would answer.
      boolean nothingToUnwrap = netIn.position() == 0 && handshaken && !outboundClosing;
      if (!nothingToUnwrap && unwrap()) {
        moved = true;
        continue;
      }
      Task<Integer> t = tcp.read(netIn);
      moved = true;
      if (!t.isDone()) {
        tcpRead = t;
        t.whenComplete((n, e) -> fromTcp(() -> tcpReadDone(t, n, e)));
        return true;
      }
      Throwable failure = failureOf(t);
      tcpReadDone(t, failure == null ? t.getNow(null) : null, failure);
    }
  }

  /**
   * Unwraps what {@code netIn} holds into {@code appIn}; false if the engine needs more bytes to
   * make progress (an incomplete record).
   */
  private boolean unwrap() {
    netIn.flip();
    appIn.compact();
    SSLEngineResult r;
    try {
      r = engine.unwrap(netIn, appIn);
    } catch (SSLException | RuntimeException e) {
      inFailed(e);
      return true;
    } finally {
      netIn.compact();
      appIn.flip();
    }
    switch (r.getStatus()) {
      case CLOSED:
        inboundDone = true;
        return true;
      case BUFFER_OVERFLOW:
        ByteBuffer bigger = ByteBuffer.allocate(
            appIn.remaining() + engine.getSession().getApplicationBufferSize());
        appIn = bigger.put(appIn).flip();
        return true;
      case BUFFER_UNDERFLOW:
        int packet = engine.getSession().getPacketBufferSize();
        if (netIn.capacity() < packet) {
          netIn = ByteBuffer.allocate(packet).put(netIn.flip());
        }
        return false;
      default:
        return r.bytesConsumed() > 0 || r.bytesProduced() > 0
            || r.getHandshakeStatus() != HandshakeStatus.NEED_UNWRAP;
    }
  }

  /** A TCP read into {@code netIn} completed with {@code n} bytes or {@code failure}. */
  private void tcpReadDone(Task<Integer> t, Integer n, Throwable failure) {
    if (tcpRead == t) {
      tcpRead = null;
    }
    if (failure != null) {
      inFailed(failure);
    } else if (n < 0) {
      endOfStream();
    }
  }

  /** The peer closed TCP: a clean end after close_notify, else a possible truncation attack. */
  private void endOfStream() {
    if (inboundDone) {
      return;
    }
    try {
      engine.closeInbound();
      inboundDone = true; // before any handshake: nothing was promised
    } catch (SSLException e) {
      inFailed(handshaken
          ? new SSLException("The peer closed " + this + " without close_notify: what was read"
              + " may be truncated", e)
          : new SSLHandshakeException("The peer closed " + this + " during the TLS handshake"));
    }
  }

  private void inFailed(Throwable failure) {
    if (inFailure == null) {
      inFailure = failure;
    }
  }

  /** Completes the pending read if plaintext, end of stream or a failure is there; whether it did. */
  private boolean deliver() {
    TlsOp<?> op = reading;
    if (op.isDone()) { // cancelled; its withdrawal is on the way
      reading = null;
      return true;
    }
    Object value;
    if (appIn.hasRemaining()) {
      value = op.kind == TlsOp.Kind.READ ? copy(appIn, op.buffer) : null;
    } else if (inboundDone) {
      value = op.kind == TlsOp.Kind.READ ? -1 : null;
    } else if (inFailure != null) {
      reading = null;
      op.fail(inFailure);
      return true;
    } else if (op.kind == TlsOp.Kind.READ && !op.buffer.hasRemaining()) {
      value = 0;
    } else {
      return false;
    }
    reading = null;
    op.succeed(value);
    return true;
  }

  private static int copy(ByteBuffer from, ByteBuffer to) {
    int n = Math.min(from.remaining(), to.remaining());
    int limit = from.limit();
    from.limit(from.position() + n);
    to.put(from);
    from.limit(limit);
    return n;
  }

  /**
   * Runs the engine's delegated tasks on the blocking pool ({@link DelegatedTasks}: at most one
   * connection's per processor at a time), never on the loop thread. They are
   * taken from the engine here, on the loop, so that {@link #tasksRunning} is set from the moment
   * one is out: the JDK's engine holds its lock while a task runs and nearly every engine method
   * takes it, so until they are done the loop must not call the engine (it would block the loop
   * thread, and every connection of the loop, for as long as the task takes on a busy core).
   */
  private void runDelegatedTasks() {
    List<Runnable> tasks = new ArrayList<>(2);
    for (Runnable r; (r = engine.getDelegatedTask()) != null; ) {
      tasks.add(r);
    }
    if (tasks.isEmpty()) {
      return;
    }
    tasksRunning = true;
    Task<Void> t = DelegatedTasks.SHARED.run(tasks);
    t.whenComplete((v, e) -> fromTcp(() -> {
      tasksRunning = false;
      if (e != null) {
        inFailed(unwrap(e));
      }
    }));
  }

  /** After the initial handshake, a TLS 1.2 handshake that starts again: refused. */
  private boolean renegotiating() {
    if (!handshaken || tls13 || tasksRunning || inboundDone || outboundClosing
        || engine.isOutboundDone()) {
      return false; // TLS 1.3 has no renegotiation; its key updates and tickets are fine
    }
    HandshakeStatus hs = engine.getHandshakeStatus();
    return hs != HandshakeStatus.NOT_HANDSHAKING && hs != HandshakeStatus.FINISHED;
  }

  /** Completes the handshake if it finished or failed; whether it did. */
  private boolean checkHandshake() {
    TlsOp<?> op = handshaking;
    if (op == null) {
      return false;
    }
    Throwable failure = inFailure != null ? inFailure : outFailure;
    if (failure == null && inboundDone) {
      failure = new SSLHandshakeException("The peer closed " + this + " during the TLS handshake");
    }
    if (failure != null) {
      closed = true;
      closeNow(failure, true);
      return true;
    }
    if (tasksRunning || netOut.hasRemaining() || tcpWrite != null
        || engine.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING) {
      return false;
    }
    handshaking = null;
    handshaken = true;
    tls13 = TLS13.equals(engine.getSession().getProtocol());
    connection.handshaken(engine);
    op.succeed(connection);
    return true;
  }

  /** Completes {@link #shutdownOutput} once close_notify is written; whether it did. */
  private boolean checkShutdown() {
    TlsOp<?> op = shuttingDown;
    if (op == null) {
      return false;
    }
    if (outFailure != null && !(outFailure instanceof ClosedChannelException)) {
      shuttingDown = null;
      op.fail(outFailure);
      return true;
    }
    if (tasksRunning || netOut.hasRemaining() || tcpWrite != null || !engine.isOutboundDone()) {
      return false;
    }
    shuttingDown = null;
    tcp.shutdownOutput().whenComplete((v, e) -> {
      if (e != null) {
        op.fail(e);
      } else {
        op.succeed(null);
      }
    });
    return true;
  }

  private void closeOutbound() {
    outboundClosing = true;
    engine.closeOutbound();
  }

  /**
   * Fails what is pending with {@code cause} and closes the TCP connection, sending close_notify
   * (or the alert of a failed handshake) first if {@code notify} and it can be written at once.
   */
  private void closeNow(Throwable cause, boolean notify) {
    TlsOp<?>[] pending = {handshaking, reading, writing, shuttingDown};
    handshaking = null;
    reading = null;
    writing = null;
    shuttingDown = null;
    if (notify && tcpWrite == null && !netOut.hasRemaining() && !tcp.isClosed()) {
      sendCloseNotify();
    }
    tcp.close();
    for (TlsOp<?> op : pending) {
      if (op != null) {
        op.fail(cause);
      }
    }
  }

  /** One non-blocking attempt to send close_notify (or a pending alert) before the TCP close. */
  private void sendCloseNotify() {
    try {
      closeOutbound();
      netOut.clear();
      while (!engine.isOutboundDone() && engine.wrap(EMPTY, netOut).bytesProduced() > 0) {
        // close_notify, after any alert the engine still had to send
      }
    } catch (SSLException | RuntimeException e) {
      // the engine failed: close without it
    }
    netOut.flip();
    if (netOut.hasRemaining()) {
      tcp.write(netOut).whenComplete((v, e) -> {}); // what the close cuts off is lost anyway
    }
  }

  /** Runs {@code action} (a TCP or blocking task's completion) on the loop, then pumps. */
  private void fromTcp(Runnable action) {
    Runnable step = () -> {
      action.run();
      if (!closed) {
        pump();
      }
    };
    onLoop(step, rejection -> {
      closed = true; // the loop is gone: nothing will move again
      closeNow(rejection, false);
    });
  }

  private static Throwable failureOf(Task<?> t) {
    if (!t.isCompletedExceptionally()) {
      return null;
    }
    try {
      t.getNow(null);
      return null;
    } catch (CancellationException e) {
      return e;
    } catch (CompletionException e) {
      return e.getCause();
    }
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
  }
}
