package dev.weft.samples.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The bytes the sample server answers with. {@link #HELLO} is byte for byte the response of the
 * peer servers in {@code benchmarks/}, so that load tests compare like with like. Bodies are
 * fixed texts: no response repeats bytes the client sent.
 */
final class Responses {
  private Responses() {}

  /** The body of {@code GET /}. */
  static final String HELLO_BODY = "Hello, World!";

  /** The whole response to {@code GET /}. */
  static final ByteBuffer HELLO = response("200 OK", HELLO_BODY, Persistence.KEEP);
  private static final ByteBuffer HELLO_KEEP_ALIVE =
      response("200 OK", HELLO_BODY, Persistence.KEEP_ALIVE);
  private static final ByteBuffer HELLO_CLOSE = response("200 OK", HELLO_BODY, Persistence.CLOSE);

  /** A response with a plain-text body and the {@code Connection} header of {@code p}. */
  static ByteBuffer response(String status, String body, Persistence p) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + "\r\nContent-Length: " + bytes.length
        + "\r\nContent-Type: text/plain\r\n" + p.header + "\r\n";
    byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer b = ByteBuffer.allocate(h.length + bytes.length);
    b.put(h).put(bytes).flip();
    return b.asReadOnlyBuffer();
  }

  /** A response that ends the connection: {@code Connection: close}. */
  static ByteBuffer closing(String status, String body) {
    return response(status, body, Persistence.CLOSE);
  }

  /** A fresh view of the response to {@code GET /}, with the {@code Connection} header of p. */
  static ByteBuffer hello(Persistence p) {
    return (p == Persistence.KEEP ? HELLO : p == Persistence.CLOSE ? HELLO_CLOSE : HELLO_KEEP_ALIVE)
        .duplicate();
  }
}
