package dev.weft.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of the server's responses. The head is the status line, then {@code Content-Length}
 * (for a whole body) or {@code Transfer-Encoding: chunked}, then the handler's fields in their
 * order, then the {@code Connection} field of the {@link Persistence}. The framing fields are the
 * server's: a handler's own {@code Content-Length}, {@code Transfer-Encoding} and {@code
 * Connection} are left out (a streamed response's declared length is written by the server).
 * Error bodies are fixed texts: no response repeats bytes the client sent.
 */
final class ResponseEncoder {
  private ResponseEncoder() {}

  /** The interim answer to {@code Expect: 100-continue}. */
  static ByteBuffer continueResponse() {
    return ByteBuffer.wrap("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * A response with a whole body; only its head if {@code headOnly} (a HEAD request). Head and body
   * go into one array of the exact size, written once: no builder, string or copy in between.
   */
  static ByteBuffer whole(HttpResponse response, Persistence p, boolean headOnly) {
    byte[] body = response.bodyBytes();
    boolean bodyless = bodyless(response.status());
    int bodyBytes = headOnly || bodyless ? 0 : body.length;
    byte[] out = head(response, p, bodyless ? null : "Content-Length", body.length, bodyBytes);
    System.arraycopy(body, 0, out, out.length - bodyBytes, bodyBytes);
    return ByteBuffer.wrap(out);
  }

  /**
   * The head of a streamed response: with {@code Content-Length: length} if {@code length >= 0},
   * else chunked if {@code chunked}, else delimited by the connection's close.
   */
  static ByteBuffer streamHead(HttpResponse response, Persistence p, long length,
      boolean chunked) {
    byte[] out = length >= 0 ? head(response, p, "Content-Length", length, 0)
        : chunked ? head(response, p, "Transfer-Encoding", CHUNKED, 0)
        : head(response, p, null, 0, 0);
    return ByteBuffer.wrap(out);
  }

  /** A plain-text error answer that ends the connection. */
  static ByteBuffer closing(int code, String reason) {
    return whole(HttpResponse.of(code, HttpHeaders.of("Content-Type", "text/plain"),
        (reason + "\n").getBytes(StandardCharsets.UTF_8)), Persistence.CLOSE, false);
  }

  /** Whether a response with {@code status} never has a body (RFC 9110 section 6.4.1). */
  static boolean bodyless(int status) {
    return status < 200 || status == 204 || status == 304;
  }

  /** The framing value {@link #head} writes as {@code chunked} rather than as a number. */
  private static final long CHUNKED = -1;

  /**
   * The response's head, encoded as ISO-8859-1 (a character beyond it becomes {@code ?}), in an
   * array with {@code room} bytes free after it: the status line, the framing field {@code
   * framing} (none if null) with the value {@code value} ({@code chunked} for {@link #CHUNKED}), the
   * handler's fields but its framing ones, and the {@link Persistence} field. Measured first, then
   * written, so the array is allocated once at its exact size.
   */
  private static byte[] head(HttpResponse response, Persistence p, String framing, long value,
      int room) {
    int status = response.status();
    String reason = HttpResponse.reason(status);
    HttpHeaders headers = response.headers();
    int n = "HTTP/1.1 ".length() + digits(status) + 1 + reason.length() + 2;
    if (framing != null) {
      n += framing.length() + 2 + (value == CHUNKED ? "chunked".length() : digits(value)) + 2;
    }
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      if (!isFraming(name)) {
        n += name.length() + 2 + headers.value(i).length() + 2;
      }
    }
    n += p.header.length() + 2;
    byte[] out = new byte[n + room];
    int at = put(out, 0, "HTTP/1.1 ");
    at = putNumber(out, at, status);
    out[at++] = ' ';
    at = putLine(out, at, reason);
    if (framing != null) {
      at = put(out, at, framing);
      at = put(out, at, ": ");
      at = value == CHUNKED ? put(out, at, "chunked") : putNumber(out, at, value);
      at = put(out, at, "\r\n");
    }
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      if (!isFraming(name)) {
        at = put(out, at, name);
        at = put(out, at, ": ");
        at = putLine(out, at, headers.value(i));
      }
    }
    at = put(out, at, p.header);
    put(out, at, "\r\n");
    return out;
  }

  /** How many decimal digits {@code v} (not negative) has. */
  private static int digits(long v) {
    int d = 1;
    for (long x = v; x >= 10; x /= 10) {
      d++;
    }
    return d;
  }

  private static int putNumber(byte[] out, int at, long v) {
    int end = at + digits(v);
    long x = v;
    for (int i = end - 1; i >= at; i--) {
      out[i] = (byte) ('0' + (int) (x % 10));
      x /= 10;
    }
    return end;
  }

  private static int putLine(byte[] out, int at, String s) {
    return put(out, put(out, at, s), "\r\n");
  }

  /** Writes {@code s} as ISO-8859-1, {@code ?} for what it cannot encode, as getBytes does. */
  private static int put(byte[] out, int at, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out[at++] = (byte) (c <= 0xFF ? c : '?');
    }
    return at;
  }

  private static boolean isFraming(String name) {
    return name.equalsIgnoreCase("content-length") || name.equalsIgnoreCase("transfer-encoding")
        || name.equalsIgnoreCase("connection");
  }
}
