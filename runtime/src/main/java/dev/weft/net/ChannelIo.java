package dev.weft.net;

import dev.weft.EventLoop;
import dev.weft.IoRegistration;
import java.nio.channels.SelectableChannel;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * A TCP or UDP channel's registration with its loop, whose operations are {@link IoOp} tasks: an
 * operation started on another thread travels to the loop as its own run-queue node and is
 * started there ({@link #start}).
 */
abstract class ChannelIo extends IoRegistration {
  ChannelIo(EventLoop loop, SelectableChannel channel) {
    super(loop, channel);
  }

  /** Starts {@code op}, which was posted from another thread and is not cancelled. */
  abstract void start(IoOp<?> op);

  /** Forgets {@code op}, which was cancelled, and drops the interest it held. Idempotent. */
  abstract void cancelled(IoOp<?> op);

  /**
   * {@code op}, posted from another thread, was rejected by a terminated loop (it fails with the
   * rejection after this call): release what it alone holds. Any thread.
   */
  void rejected(IoOp<?> op) {}

  /** Starts {@code op} on the loop: at once on the loop thread, else posted there. Any thread. */
  final void startOnLoop(IoOp<?> op) {
    if (loop.inEventLoop()) {
      start(op);
    } else {
      op.post();
    }
  }

  /**
   * Runs {@code action} on the loop: at once on the loop thread, else posted there, also while the
   * loop shuts down; when the loop is gone, {@code ifTerminated} runs instead. Any thread.
   */
  final void onLoop(Runnable action, Consumer<? super RejectedExecutionException> ifTerminated) {
    if (loop.inEventLoop()) {
      action.run();
    } else {
      loop.executeOrElse(action, ifTerminated);
    }
  }

  /** The interest set as last given to the selector; loop thread only (tests read it there). */
  final int interestOps() {
    return interest();
  }
}
