package dev.weft;

import dev.weft.internal.jfr.WeftEvents;

/**
 * Times a loop step for the {@code dev.weft.LoopStall} event; the loop calls it only while a
 * recording enables that event (see {@link WeftEvents#loopStallEnabled}). For a coroutine's
 * resume, the event names its {@code @Async} method, the await the step resumed from, and the line
 * of the await it reached when the step ended. Loop thread only.
 */
final class LoopStalls {
  private LoopStalls() {}

  /** The event of {@code step}, begun now. */
  static Object begin(Object step) {
    int await = step instanceof Continuation ? ((Continuation<?>) step).awaitNumber() : 0;
    return WeftEvents.beginLoopStall(await);
  }

  /** Ends the event of {@code step}; commits it if the step ran past the threshold. */
  static void end(Object event, Object step) {
    if (WeftEvents.end(event)) {
      StackTraceElement site = step instanceof Continuation ? ((Continuation<?>) step).suspendedAt() : null;
      WeftEvents.commitLoopStall(event, LoopWatchdog.describe(step), site);
    }
  }
}
