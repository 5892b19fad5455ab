package dev.weft.samples.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The head of one HTTP/1.x request (request line and headers), parsed from a buffer that may hold
 * several pipelined requests. Only what the sample server needs is kept: method, target, what
 * becomes of the connection, and whether a body was announced (which the server does not accept).
 *
 * <p>Lines end with CRLF or a bare LF (RFC 9112 section 2.2). A request whose framing is
 * ambiguous or broken is refused with a {@link Rejection}: {@code Content-Length} together with
 * {@code Transfer-Encoding}, a {@code Content-Length} that is not one number, an HTTP/1.1 request
 * without exactly one {@code Host} (RFC 9112 sections 3.2 and 6.1), a header line without a colon
 * or with whitespace before it; a transfer coding other than {@code chunked} is answered 501.
 */
final class RequestHead {
  /** Longest head the server accepts; a longer one is answered 431 and the connection closed. */
  static final int MAX_HEAD = 8192;

  final String method;
  final String target;
  final Persistence persistence;
  final boolean hasBody;

  private RequestHead(String method, String target, Persistence persistence, boolean hasBody) {
    this.method = method;
    this.target = target;
    this.persistence = persistence;
    this.hasBody = hasBody;
  }

  /**
   * Parses the next complete head between {@code in}'s position and limit and moves the position
   * past it; returns null, position unchanged, when the head is not complete yet.
   *
   * @throws Rejection if the head is malformed or asks for what the server does not do
   */
  static RequestHead parse(ByteBuffer in) {
    int start = in.position();
    int end = headEnd(in, start, in.limit());
    if (end < 0) {
      return null;
    }
    String head = new String(in.array(), in.arrayOffset() + start, end - start,
        StandardCharsets.ISO_8859_1);
    in.position(end);
    return of(head);
  }

  /**
   * Index just past the empty line that ends the head starting at {@code from} (an LF followed by
   * LF or CRLF), or -1.
   */
  private static int headEnd(ByteBuffer in, int from, int to) {
    for (int i = from; i + 1 < to; i++) {
      if (in.get(i) == '\n') {
        byte next = in.get(i + 1);
        if (next == '\n') {
          return i + 2;
        }
        if (next == '\r' && i + 2 < to && in.get(i + 2) == '\n') {
          return i + 3;
        }
      }
    }
    return -1;
  }

  private static RequestHead of(String head) {
    int lineEnd = head.indexOf('\n');
    String line = stripCr(head, 0, lineEnd);
    int s1 = line.indexOf(' ');
    int s2 = line.indexOf(' ', s1 + 1);
    if (s1 <= 0 || s2 <= s1 + 1 || line.indexOf(' ', s2 + 1) >= 0
        || !line.startsWith("HTTP/1.", s2 + 1) || line.length() != s2 + 9
        || !Character.isDigit(line.charAt(s2 + 8))) {
      throw Rejection.badRequest("malformed request line");
    }
    boolean http10 = line.charAt(s2 + 8) == '0';
    Headers headers = new Headers();
    for (int from = lineEnd + 1, to; (to = head.indexOf('\n', from)) > from; from = to + 1) {
      String header = stripCr(head, from, to);
      if (!header.isEmpty()) {
        headers.add(header);
      }
    }
    headers.check(http10);
    return new RequestHead(line.substring(0, s1), line.substring(s1 + 1, s2),
        headers.persistence(http10), headers.hasBody());
  }

  /** {@code s} from {@code from} to {@code to}, without a CR before {@code to}. */
  private static String stripCr(String s, int from, int to) {
    return s.substring(from, to > from && s.charAt(to - 1) == '\r' ? to - 1 : to);
  }

  /** The header lines of one head that matter to the server, checked as they are added. */
  private static final class Headers {
    private int hosts;
    private long contentLength = -1;
    private boolean chunked;
    private boolean close;
    private boolean keepAlive;

    void add(String header) {
      int colon = header.indexOf(':');
      char first = header.charAt(0);
      if (colon <= 0 || first == ' ' || first == '\t') {
        throw Rejection.badRequest("malformed header line");
      }
      char last = header.charAt(colon - 1);
      if (last == ' ' || last == '\t') {
        throw Rejection.badRequest("whitespace before a header's colon");
      }
      if (is(header, colon, "host")) {
        hosts++;
      } else if (is(header, colon, "content-length")) {
        contentLength(value(header, colon));
      } else if (is(header, colon, "transfer-encoding")) {
        if (!value(header, colon).equalsIgnoreCase("chunked")) {
          throw Rejection.notImplemented("only the chunked transfer coding is understood");
        }
        chunked = true;
      } else if (is(header, colon, "connection")) {
        String value = value(header, colon).toLowerCase(Locale.ROOT);
        close |= value.contains("close");
        keepAlive |= value.contains("keep-alive");
      }
    }

    private void contentLength(String value) {
      long n = -1;
      if (!value.isEmpty() && value.length() <= 18 && value.chars().allMatch(Character::isDigit)) {
        n = Long.parseLong(value);
      }
      if (n < 0 || (contentLength >= 0 && contentLength != n)) {
        throw Rejection.badRequest("invalid Content-Length");
      }
      contentLength = n;
    }

    Persistence persistence(boolean http10) {
      if (close || (http10 && !keepAlive)) {
        return Persistence.CLOSE;
      }
      return http10 ? Persistence.KEEP_ALIVE : Persistence.KEEP;
    }

    /** Checks what only the whole head can tell: Host count and framing. */
    void check(boolean http10) {
      if (hosts > 1 || (hosts == 0 && !http10)) {
        throw Rejection.badRequest(
            hosts == 0 ? "missing Host header" : "more than one Host header");
      }
      if (chunked && contentLength >= 0) {
        throw Rejection.badRequest("both Content-Length and Transfer-Encoding");
      }
    }

    boolean hasBody() {
      return chunked || contentLength > 0;
    }

    private static boolean is(String header, int colon, String name) {
      return colon == name.length() && header.regionMatches(true, 0, name, 0, colon);
    }

    private static String value(String header, int colon) {
      return header.substring(colon + 1).trim();
    }
  }
}
