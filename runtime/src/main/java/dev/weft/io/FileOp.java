package dev.weft.io;

import dev.weft.EventLoop;
import dev.weft.Task;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;

/**
 * The task of one {@link AsyncFile} operation, and the job the blocking pool runs for it. It
 * completes on the loop that started it (the job's thread posts the outcome there), or on the
 * pool thread when it was started off-loop. Cancelling it completes it at once; a job that has
 * not started then never runs, and one that runs is left to finish (interrupting a thread inside
 * a {@link java.nio.channels.FileChannel} operation would close the file).
 */
final class FileOp<T> extends Task<T> implements Callable<Void> {
  private final AsyncFile file;
  private final String name;
  private final Callable<T> work;
  /** The loop to complete on, or null. */
  private final EventLoop origin;
  /** The raw outcome on its way to {@link #origin}. */
  private Object outcome;

  FileOp(AsyncFile file, String name, Callable<T> work) {
    this.file = file;
    this.name = name;
    this.work = work;
    this.origin = EventLoop.current();
  }

  /** Submits the job to the blocking pool. Any thread. */
  FileOp<T> start() {
    Task.blocking(this);
    return this;
  }

  /** Runs the operation on a pool thread, unless it was cancelled meanwhile. */
  @Override
  public Void call() {
    if (isDone()) {
      return null;
    }
    Object raw;
    try {
      raw = rawValue(work.call());
    } catch (Throwable t) {
      raw = rawFailure(t);
    }
    if (origin == null) {
      completeRaw(raw);
    } else {
      outcome = raw;
      postTo(origin); // this task is its own run-queue node: runOnLoop completes it there
    }
    return null;
  }

  @Override
  protected void runOnLoop() {
    completeRaw(outcome);
  }

  /** The loop terminated before the outcome reached it: complete here instead. */
  @Override
  protected void rejected(RejectedExecutionException rejection) {
    completeRaw(outcome);
  }

  @Override
  protected EventLoop homeLoop() {
    return origin != null ? origin : super.homeLoop();
  }

  /** {@code read at 4096 on AsyncFile[/tmp/x]}. */
  @Override
  protected String displayName() {
    return name + " on " + file;
  }
}
