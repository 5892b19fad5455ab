package dev.weft.samples.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The head of one HTTP/1.1 request (request line and headers), parsed from a buffer that may hold
 * several pipelined requests. Only what the sample server needs is kept: method, target, whether
 * the client wants the connection closed, and whether a body was announced (which the server
 * does not accept).
 */
final class RequestHead {
  /** Longest head the server accepts; a longer one is answered 431 and the connection closed. */
  static final int MAX_HEAD = 8192;

  final String method;
  final String target;
  final boolean close;
  final boolean hasBody;

  private RequestHead(String method, String target, boolean close, boolean hasBody) {
    this.method = method;
    this.target = target;
    this.close = close;
    this.hasBody = hasBody;
  }

  /**
   * Parses the next complete head between {@code in}'s position and limit and moves the position
   * past it; returns null, position unchanged, when the head is not complete yet.
   *
   * @throws IllegalArgumentException if the request line is malformed
   */
  static RequestHead parse(ByteBuffer in) {
    int start = in.position();
    int end = headEnd(in, start, in.limit());
    if (end < 0) {
      return null;
    }
    String head = new String(in.array(), in.arrayOffset() + start, end - start,
        StandardCharsets.ISO_8859_1);
    in.position(end + 4);
    return of(head);
  }

  /** Index of the {@code \r\n\r\n} that ends the head starting at {@code from}, or -1. */
  private static int headEnd(ByteBuffer in, int from, int to) {
    for (int i = from; i + 3 < to; i++) {
      if (in.get(i) == '\r' && in.get(i + 1) == '\n' && in.get(i + 2) == '\r'
          && in.get(i + 3) == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static RequestHead of(String head) {
    int lineEnd = head.indexOf("\r\n");
    String line = lineEnd < 0 ? head : head.substring(0, lineEnd);
    String[] parts = line.split(" ");
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
      throw new IllegalArgumentException("malformed request line: " + line);
    }
    boolean http10 = parts[2].equals("HTTP/1.0");
    boolean close = http10;
    boolean hasBody = false;
    for (String header : head.substring(line.length()).split("\r\n")) {
      int colon = header.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
      if (name.equals("connection")) {
        close = value.contains("close") || (http10 && !value.contains("keep-alive"));
      } else if (name.equals("transfer-encoding")
          || (name.equals("content-length") && !value.equals("0"))) {
        hasBody = true;
      }
    }
    return new RequestHead(parts[0], parts[1], close, hasBody);
  }
}
