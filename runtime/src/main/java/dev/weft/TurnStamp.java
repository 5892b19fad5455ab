package dev.weft;

/**
 * When a loop turn began, by the loop's clock: what a coroutine suspending in that turn records as
 * when it suspended, for {@link Coroutines#dump}. One is made per turn in which something
 * suspends, at the first suspension, and shared by every coroutine that suspends in that turn, so
 * that a suspension reads no clock and the frame needs no field of its own: it holds the stamp in
 * the slot of its resume outcome, which is free while it is suspended. Immutable.
 */
final class TurnStamp {
  /** The loop's clock ({@code System.nanoTime()} unless a test's virtual clock) at the turn's start. */
  final long nanos;

  TurnStamp(long nanos) {
    this.nanos = nanos;
  }
}
