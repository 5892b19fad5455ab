package dev.weft;

import java.util.concurrent.RejectedExecutionException;

/**
 * The task of {@link Task#yieldNow}: a task that is its own run-queue node, so that yielding
 * allocates one object. Posted once to a loop, it completes with null when the loop runs it.
 */
final class Yield extends Task<Void> {
  private Yield() {}

  /**
   * A new yield task queued on {@code loop}. Any thread.
   *
   * @throws RejectedExecutionException if {@code loop} is shutting down or terminated
   */
  static Task<Void> on(EventLoop loop) {
    Yield y = new Yield();
    loop.executeNode(y);
    return y;
  }

  @Override
  protected void runOnLoop() {
    completeRaw(Failure.NIL);
  }

  /** Its loop terminated before it ran: fails with {@code rejection} rather than never complete. */
  @Override
  protected void rejected(RejectedExecutionException rejection) {
    completeRaw(new Failure(rejection));
  }
}
