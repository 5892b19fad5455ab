package dev.weft.net;

import dev.weft.EventLoop;
import dev.weft.Task;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The task of one TLS operation (handshake, read, readable, write, shutdown) of a {@link TlsIo}.
 * Cancelling it withdraws it on the connection's loop ({@link TlsIo#cancelled}).
 *
 * @param <T> the operation's value
 */
final class TlsOp<T> extends Task<T> {
  /** What an operation does. */
  enum Kind {
    HANDSHAKE, READ, READABLE, WRITE, SHUTDOWN;

    /** Whether an operation of this kind waits for plaintext. */
    boolean reads() {
      return this == READ || this == READABLE;
    }
  }

  final TlsIo owner;
  final Kind kind;
  /** The buffer of a read or single write, else null. */
  final ByteBuffer buffer;
  /** The buffers of a gathering write, else null. */
  final ByteBuffer[] buffers;

  TlsOp(TlsIo owner, Kind kind, ByteBuffer buffer, ByteBuffer[] buffers) {
    this.owner = owner;
    this.kind = kind;
    this.buffer = buffer;
    this.buffers = buffers;
  }

  /** Completes with {@code value}; whether this call completed it. Any thread. */
  boolean succeed(Object value) {
    return completeRaw(rawValue(value));
  }

  /** Fails with {@code cause}; whether this call completed it. Any thread. */
  boolean fail(Throwable cause) {
    return completeRaw(rawFailure(cause));
  }

  /** Whether a write still has bytes to send. */
  boolean hasRemaining() {
    if (buffer != null) {
      return buffer.hasRemaining();
    }
    for (ByteBuffer b : buffers) {
      if (b.hasRemaining()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    if (!super.cancel(mayInterruptIfRunning)) {
      return false;
    }
    owner.onLoop(() -> owner.cancelled(this), rejection -> {}); // a terminated loop closed it
    return true;
  }

  @Override
  protected EventLoop homeLoop() {
    return owner.loop;
  }

  /** {@code read on TlsConnection[...]}: the operation and its connection. */
  @Override
  protected String displayName() {
    return kind.name().toLowerCase(Locale.ROOT) + " on " + owner;
  }

  /**
   * A task with the outcome of {@code body}, run once {@code gate} succeeds; a failed gate fails
   * it; cancelling it cancels the gate or, once it opened, the body ({@code ifCancelledAfterGate}
   * runs if the gate opened for a task already cancelled).
   */
  static <T> Task<T> after(Task<?> gate, Supplier<Task<T>> body, Runnable ifCancelledAfterGate) {
    return afterGate(gate, body, ifCancelledAfterGate);
  }

  /** {@code stage} as a task that cancels it when cancelled (itself if it is a task). */
  static <T> Task<T> asTask(CompletionStage<T> stage) {
    return whenSettled(stage, () -> {});
  }
}
