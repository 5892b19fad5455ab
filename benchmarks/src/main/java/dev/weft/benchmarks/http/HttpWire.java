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
 * no body; several requests may arrive in one read (pipelining) and are answered in order. A
 * request {@code GET /sleep?ms=N} is answered with the same bytes N milliseconds later (see
 * {@link #sleepMillis}); the servers that implement it keep the answers in request order.
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

  /** The start of a request for a delayed answer: {@code GET /sleep?ms=N}. */
  public static final String SLEEP_PREFIX_TEXT = "GET /sleep?ms=";

  private static final byte[] RESPONSE = HELLO_RESPONSE.getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SLEEP_PREFIX = SLEEP_PREFIX_TEXT.getBytes(StandardCharsets.US_ASCII);

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
   * Returns N if the request head in {@code b[from, to)} is {@code GET /sleep?ms=N ...}, else 0:
   * how long the server waits before it answers that request (the answer is the hello response
   * all the same). Digits past 9 are ignored, so N is below one billion.
   */
  public static int sleepMillis(byte[] b, int from, int to) {
    if (to - from < SLEEP_PREFIX.length) {
      return 0;
    }
    for (int i = 0; i < SLEEP_PREFIX.length; i++) {
      if (b[from + i] != SLEEP_PREFIX[i]) {
        return 0;
      }
    }
    int ms = 0;
    for (int i = from + SLEEP_PREFIX.length, digits = 0; i < to && digits < 9; i++, digits++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        break;
      }
      ms = ms * 10 + d;
    }
    return ms;
  }

  /**
   * Like {@link #sleepMillis(byte[], int, int)}, for a buffer between absolute indexes; the
   * buffer's position and limit are untouched.
   */
  public static int sleepMillis(ByteBuffer b, int from, int to) {
    if (to - from < SLEEP_PREFIX.length) {
      return 0;
    }
    for (int i = 0; i < SLEEP_PREFIX.length; i++) {
      if (b.get(from + i) != SLEEP_PREFIX[i]) {
        return 0;
      }
    }
    int ms = 0;
    for (int i = from + SLEEP_PREFIX.length, digits = 0; i < to && digits < 9; i++, digits++) {
      int d = b.get(i) - '0';
      if (d < 0 || d > 9) {
        break;
      }
      ms = ms * 10 + d;
    }
    return ms;
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
