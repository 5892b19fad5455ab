package dev.weft.samples.http;

import java.util.concurrent.TimeUnit;

/**
 * How long the server waits for a client, as nginx's {@code client_header_timeout} (60 s) and
 * {@code keepalive_timeout} (75 s): a request head must be complete within {@link #headerNanos}
 * of its first byte (or of the connection's opening), else it is answered 408 and the connection
 * closed; a kept-alive connection on which no byte arrives within {@link #idleNanos} of the last
 * response is closed without a word.
 */
final class Timeouts {
  /** nginx's {@code client_header_timeout}. */
  static final int DEFAULT_HEADER_MILLIS = 60_000;
  /** nginx's {@code keepalive_timeout}. */
  static final int DEFAULT_IDLE_MILLIS = 75_000;

  final long headerNanos;
  final long idleNanos;

  private Timeouts(long headerNanos, long idleNanos) {
    this.headerNanos = headerNanos;
    this.idleNanos = idleNanos;
  }

  /**
   * Both timeouts, in milliseconds.
   *
   * @throws IllegalArgumentException if either is not positive
   */
  static Timeouts ofMillis(long headerMillis, long idleMillis) {
    if (headerMillis <= 0 || idleMillis <= 0) {
      throw new IllegalArgumentException("Timeouts.ofMillis: timeouts must be positive, got header "
          + headerMillis + " ms, idle " + idleMillis + " ms");
    }
    return new Timeouts(TimeUnit.MILLISECONDS.toNanos(headerMillis),
        TimeUnit.MILLISECONDS.toNanos(idleMillis));
  }
}
