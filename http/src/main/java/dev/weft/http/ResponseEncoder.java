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

  /** A response with a whole body; only its head if {@code headOnly} (a HEAD request). */
  static ByteBuffer whole(HttpResponse response, Persistence p, boolean headOnly) {
    byte[] body = response.bodyBytes();
    boolean bodyless = bodyless(response.status());
    StringBuilder head = statusLine(response.status());
    if (!bodyless) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    fields(head, response.headers(), p);
    byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    int bodyBytes = headOnly || bodyless ? 0 : body.length;
    ByteBuffer b = ByteBuffer.allocate(h.length + bodyBytes);
    b.put(h).put(body, 0, bodyBytes).flip();
    return b;
  }

  /**
   * The head of a streamed response: with {@code Content-Length: length} if {@code length >= 0},
   * else chunked if {@code chunked}, else delimited by the connection's close.
   */
  static ByteBuffer streamHead(HttpResponse response, Persistence p, long length,
      boolean chunked) {
    StringBuilder head = statusLine(response.status());
    if (length >= 0) {
      head.append("Content-Length: ").append(length).append("\r\n");
    } else if (chunked) {
      head.append("Transfer-Encoding: chunked\r\n");
    }
    fields(head, response.headers(), p);
    return ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.ISO_8859_1));
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

  private static StringBuilder statusLine(int status) {
    return new StringBuilder(128).append("HTTP/1.1 ").append(status).append(' ')
        .append(HttpResponse.reason(status)).append("\r\n");
  }

  private static void fields(StringBuilder head, HttpHeaders headers, Persistence p) {
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      if (!isFraming(name)) {
        head.append(name).append(": ").append(headers.value(i)).append("\r\n");
      }
    }
    head.append(p.header).append("\r\n");
  }

  private static boolean isFraming(String name) {
    return name.equalsIgnoreCase("content-length") || name.equalsIgnoreCase("transfer-encoding")
        || name.equalsIgnoreCase("connection");
  }
}
