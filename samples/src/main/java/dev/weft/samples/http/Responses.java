package dev.weft.samples.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The bytes the sample server answers with. {@link #HELLO} is byte for byte the response of the
 * peer servers in {@code benchmarks/}, so that load tests compare like with like.
 */
final class Responses {
  private Responses() {}

  /** The body of {@code GET /}. */
  static final String HELLO_BODY = "Hello, World!";

  /** The whole response to {@code GET /}. */
  static final ByteBuffer HELLO = response("200 OK", HELLO_BODY, false).asReadOnlyBuffer();

  /** A response with a plain-text body; {@code close} adds {@code Connection: close}. */
  static ByteBuffer response(String status, String body, boolean close) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + "\r\nContent-Length: " + bytes.length
        + "\r\nContent-Type: text/plain\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n";
    byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer b = ByteBuffer.allocate(h.length + bytes.length);
    b.put(h).put(bytes).flip();
    return b;
  }

  /** A fresh view of {@link #HELLO}, positioned at its start. */
  static ByteBuffer hello() {
    return HELLO.duplicate();
  }
}
