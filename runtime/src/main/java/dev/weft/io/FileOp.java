package dev.weft.io;

import dev.weft.EventLoop;
import dev.weft.Task;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;

/**
 * The task of one {@link AsyncFile} operation. It completes on the loop that started it: the
 * thread that finishes the operation posts the task itself to that loop (the task is its own
 * run-queue node), or, when it was started off-loop, completes it where it is. Cancelling it
 * completes it at once and does not stop the operation.
 */
class FileOp<T> extends Task<T> {
  private final AsyncFile file;
  private final String name;
  /** The loop to complete on, or null. */
  private final EventLoop origin;
  /** The raw outcome on its way to {@link #origin}. */
  private Object outcome;

  FileOp(AsyncFile file, String name) {
    this.file = file;
    this.name = name;
    this.origin = EventLoop.current();
  }

  /**
   * Runs {@code work} on the blocking pool, for what {@link
   * java.nio.channels.AsynchronousFileChannel} does synchronously (open, size, force). A job whose task was cancelled before the pool ran it
   * is skipped; one running is left to finish, since interrupting a thread inside a file channel
   * operation would close the file. Any thread.
   */
  static <T> FileOp<T> onPool(AsyncFile file, String name, Callable<T> work) {
    FileOp<T> op = new FileOp<>(file, name);
    Task.blocking(() -> {
      if (!op.isDone()) {
        Object raw;
        try {
          raw = rawValue(work.call());
        } catch (Throwable t) {
          raw = rawFailure(t);
        }
        op.finish(raw);
      }
      return null;
    });
    return op;
  }

  /** Completes with {@code raw} on the starting loop, or here if there is none. Any thread. */
  final void finish(Object raw) {
    if (origin == null) {
      completeRaw(raw);
    } else {
      outcome = raw;
      postTo(origin);
    }
  }

  @Override
  protected final void runOnLoop() {
    completeRaw(outcome);
  }

  /** The loop terminated before the outcome reached it: complete here instead. */
  @Override
  protected final void rejected(RejectedExecutionException rejection) {
    completeRaw(outcome);
  }

  @Override
  protected final EventLoop homeLoop() {
    return origin != null ? origin : super.homeLoop();
  }

  /** {@code read at 4096 on AsyncFile[/tmp/x]}. */
  @Override
  protected final String displayName() {
    return file == null ? name : name + " on " + file;
  }
}
