package dev.weft.http;

import java.time.Duration;

/**
 * What a server takes from a client, set with {@link HttpServer.Builder}: how long a request
 * head may take from its first byte ({@code headerNanos}, as nginx's {@code
 * client_header_timeout}), how long a kept-alive connection or a request body may stay silent
 * ({@code idleNanos}, as nginx's {@code keepalive_timeout}), and how big a head, its field count
 * and a body may be. Immutable.
 */
final class Limits {
  final long headerNanos;
  final long idleNanos;
  final int maxHeadSize;
  final int maxHeaderCount;
  final long maxBodySize;

  Limits(Duration header, Duration idle, int maxHeadSize, int maxHeaderCount, long maxBodySize) {
    this.headerNanos = header.toNanos();
    this.idleNanos = idle.toNanos();
    this.maxHeadSize = maxHeadSize;
    this.maxHeaderCount = maxHeaderCount;
    this.maxBodySize = maxBodySize;
  }
}
