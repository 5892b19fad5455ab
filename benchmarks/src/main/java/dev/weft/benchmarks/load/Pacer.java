package dev.weft.benchmarks.load;

import org.HdrHistogram.Histogram;

/**
 * The schedule and latency accounting of one connection of {@link RateLoad}, in the manner of
 * wrk2: request k of the connection is meant to be sent at {@code first + k * period}, and its
 * latency is counted from that intended time, not from when it was actually sent. A connection
 * still waiting for an answer cannot send, so when the server stalls the requests that should
 * have gone out meanwhile are sent late, and their latency includes the wait: a client that
 * counted from the actual send would record one slow request where a user at that rate sees
 * many (coordinated omission).
 *
 * <p>Clock values are {@link System#nanoTime} readings passed in by the caller, so that tests can
 * drive it with a fake clock. Not thread-safe: one per connection, used by its one thread.
 */
final class Pacer {
  private final long period;
  /** When the request to be sent next is meant to be sent. */
  private long intended;
  /** When the request in flight was actually sent. */
  private long sentAt;

  /**
   * A schedule whose first request is due at {@code first}, then one every {@code period}
   * nanoseconds.
   */
  Pacer(long first, long period) {
    if (period <= 0) {
      throw new IllegalArgumentException("Pacer: the period must be positive, got " + period);
    }
    this.intended = first;
    this.period = period;
  }

  /** When the next request is meant to be sent: wait until then, or send at once if it is past. */
  long due() {
    return intended;
  }

  /** The next request was sent at {@code now}. */
  void sent(long now) {
    sentAt = now;
  }

  /**
   * The answer to the request in flight arrived at {@code now}: records its latency from the
   * intended send time into {@code corrected}, and from the actual send into {@code
   * uncorrected} (either may be null), and moves on to the next request.
   */
  void answered(long now, Histogram corrected, Histogram uncorrected) {
    if (corrected != null) {
      corrected.recordValue(Math.max(0, now - intended));
    }
    if (uncorrected != null) {
      uncorrected.recordValue(Math.max(0, now - sentAt));
    }
    intended += period;
  }
}
