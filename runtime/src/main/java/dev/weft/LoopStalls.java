package dev.weft;

import dev.weft.internal.jfr.WeftEvents;

/**
 * Times one loop's steps for the {@code dev.weft.LoopStall} event; the loop calls it only while a
 * recording enables that event (see {@link WeftEvents#loopStallEnabled}). One event object serves
 * every step of the loop, begun anew at each, so that timing a step allocates nothing: a recording
 * with the JDK's default settings enables this event. For a coroutine's resume, the event names its
 * {@code @Async} method, the await the step resumed from, and the line of the await it reached
 * when the step ended. Loop thread only.
 */
final class LoopStalls {
  /** This loop's event, made at the first timed step. */
  private Object event;

  /** Begins timing {@code step}. */
  void begin(Object step) {
    if (event == null) {
      event = WeftEvents.newLoopStall();
    }
    int await = step instanceof Continuation ? ((Continuation<?>) step).awaitNumber() : 0;
    WeftEvents.beginLoopStall(event, await);
  }

  /** Ends timing {@code step}, begun by {@link #begin}; records it if it ran past the threshold. */
  void end(Object step) {
    if (WeftEvents.end(event)) {
      StackTraceElement site = step instanceof Continuation ? ((Continuation<?>) step).suspendedAt() : null;
      WeftEvents.commitLoopStall(event, LoopWatchdog.describe(step), site);
    }
  }
}
