package dev.weft.internal;

import dev.weft.internal.jfr.WeftEvents;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code dev.weft.Suspension} events of the frames suspended while a recording enables it,
 * from the await to the resume. A frame in here has its timed bit set (see {@link Coroutine}); it
 * leaves at its resume, on its loop, or when its loop can no longer resume it. Only frames
 * suspended while the event was enabled ever come here, so the map is empty otherwise.
 */
final class TimedSuspensions {
  private static final ConcurrentHashMap<Coroutine<?>, Object> EVENTS = new ConcurrentHashMap<>();

  private TimedSuspensions() {}

  /** Begins the event of {@code frame}'s suspension, now. Any thread. */
  static void suspended(Coroutine<?> frame) {
    EVENTS.put(frame, WeftEvents.beginSuspension());
  }

  /** Ends the event of {@code frame}'s suspension as it resumes, and commits it if due. Its loop. */
  static void resumed(Coroutine<?> frame) {
    Object event = EVENTS.remove(frame);
    if (event != null && WeftEvents.end(event)) {
      WeftEvents.commitSuspension(event, frame.suspendedAt(), frame.label());
    }
  }

  /** Forgets the event of a frame that will not resume. Any thread. */
  static void dropped(Coroutine<?> frame) {
    EVENTS.remove(frame);
  }
}
