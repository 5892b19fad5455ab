package dev.weft;

import dev.weft.internal.util.Logs;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * An element of an {@link EventLoop}'s intrusive run queue. The link lives in the element itself,
 * so posting a {@link Coroutine} (which is a node) to its loop allocates nothing. A node is in at
 * most one queue at a time; whoever posts it guarantees that.
 */
abstract class LoopNode {
  static final VarHandle NEXT;

  static {
    try {
      NEXT = MethodHandles.lookup().findVarHandle(LoopNode.class, "next", LoopNode.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The next node in the run queue; written by producers, read by the loop thread. */
  volatile LoopNode next;

  /**
   * Runs this node on its loop's thread.
   *
   * @hidden
   */
  protected abstract void runOnLoop();

  /**
   * Called instead of {@link #runOnLoop} when the loop terminated before it could run this node.
   * A plain task is reported; a coroutine fails its task with {@code rejection}, so that nothing
   * waiting on it waits forever.
   *
   * @hidden
   */
  protected void rejected(java.util.concurrent.RejectedExecutionException rejection) {
    Logs.log(Logs.LOOP, System.Logger.Level.WARNING,
        () -> rejection.getMessage() + "; dropped " + this);
  }

  /** A plain {@link Runnable} wrapped for the run queue. */
  static class RunnableNode extends LoopNode {
    final Runnable task;

    RunnableNode(Runnable task) {
      this.task = task;
    }

    @Override
    protected void runOnLoop() {
      task.run();
    }

    @Override
    public String toString() {
      return task.toString();
    }
  }
}
