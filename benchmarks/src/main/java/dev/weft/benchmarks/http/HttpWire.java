package dev.weft.benchmarks.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The bytes every HTTP server of the comparison speaks, defined once.
 *
 * <p>Every server answers each {@code GET} with exactly {@link #helloResponse()}:
 *
 * <pre>
 * HTTP/1.1 200 OK\r\n
 * Content-Length: 13\r\n
 * Content-Type: text/plain\r\n
 * \r\n
 * Hello, World!
 * </pre>
 *
 * <p>(78 bytes, no {@code Date} or {@code Server} header, header names in this case and order).
 * The load client ({@code dev.weft.benchmarks.load.ConnectionLoad}) compares every response with
 * these bytes, so a server that adds or reorders a header fails the check.
 *
 * <p>Requests are parsed minimally: a request ends at the first {@code \r\n\r\n}; a request has
 * no body; several requests may arrive in one read (pipelining) and are answered in order.
 *
 * <p>This class has no dependencies beyond the JDK; all methods are pure and thread-safe.
 */
public final class HttpWire {

  /** The body of the hello response. */
  public static final String HELLO_BODY = "Hello, World!";

  /** The hello response, status line to body, as text. */
  public static final String HELLO_RESPONSE =
      "HTTP/1.1 200 OK\r\n"
          + "Content-Length: " + HELLO_BODY.length() + "\r\n"
          + "Content-Type: text/plain\r\n"
          + "\r\n"
          + HELLO_BODY;

  /** The longest request head a server accepts before closing the connection, in bytes. */
  public static final int MAX_REQUEST_HEAD = 8192;

  private static final byte[] RESPONSE = HELLO_RESPONSE.getBytes(StandardCharsets.US_ASCII);

  private HttpWire() {}

  /** Returns a fresh copy of the hello response bytes (78 bytes). */
  public static byte[] helloResponse() {
    return RESPONSE.clone();
  }

  /** Returns the length of the hello response in bytes. */
  public static int helloResponseLength() {
    return RESPONSE.length;
  }

  /**
   * Returns {@code copies} hello responses back to back, the write a server makes when one read
   * brought {@code copies} pipelined requests.
   *
   * @throws IllegalArgumentException if {@code copies} is below 1
   */
  public static byte[] helloResponses(int copies) {
    if (copies < 1) {
      throw new IllegalArgumentException("copies must be at least 1, got " + copies);
    }
    byte[] out = new byte[RESPONSE.length * copies];
    for (int i = 0; i < copies; i++) {
      System.arraycopy(RESPONSE, 0, out, i * RESPONSE.length, RESPONSE.length);
    }
    return out;
  }

  /**
   * Returns the bytes of {@code GET path HTTP/1.1} with a {@code Host} header and no body.
   *
   * @throws IllegalArgumentException if {@code path} does not start with {@code /} or holds a
   *     space, CR or LF
   */
  public static byte[] getRequest(String path, String host) {
    if (!path.startsWith("/") || path.matches(".*[ \r\n].*")) {
      throw new IllegalArgumentException("bad request path: '" + path + "'");
    }
    return ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Returns the index just past the first {@code \r\n\r\n} in {@code b[from, to)}, or -1 if the
   * range holds no complete request head.
   */
  public static int headEnd(byte[] b, int from, int to) {
    for (int i = from + 3; i < to; i++) {
      if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') {
        return i + 1;
      }
    }
    return -1;
  }

  /**
   * Returns the index just past the first {@code \r\n\r\n} in {@code b} between absolute
   * indexes {@code from} and {@code to}, or -1; the buffer's position and limit are untouched.
   */
  public static int headEnd(ByteBuffer b, int from, int to) {
    for (int i = from + 3; i < to; i++) {
      if (b.get(i) == '\n' && b.get(i - 1) == '\r' && b.get(i - 2) == '\n' && b.get(i - 3) == '\r') {
        return i + 1;
      }
    }
    return -1;
  }
}
