package dev.weft.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The head of one HTTP/1.x request (request line and headers), parsed from a buffer that may hold
 * several pipelined requests: method, target, header fields, how the body is framed, and what
 * becomes of the connection.
 *
 * <p>Lines end with CRLF or a bare LF (RFC 9112 section 2.2). A request whose framing is
 * ambiguous or broken is refused with a {@link Rejection}: {@code Content-Length} together with
 * {@code Transfer-Encoding}, a {@code Content-Length} that is not one number, an HTTP/1.1 request
 * without exactly one {@code Host} (RFC 9112 sections 3.2 and 6.1), a header line without a colon
 * or with whitespace before it, a field name that is not a token; a transfer coding other than
 * {@code chunked} is answered 501, more header fields than allowed 431.
 */
final class RequestHead {
  final String method;
  final String target;
  final boolean http10;
  final Persistence persistence;
  final HttpHeaders headers;
  /** The announced body length, or -1 if none was announced. */
  final long contentLength;
  final boolean chunked;
  final boolean hasBody;
  final boolean expectContinue;

  private RequestHead(String method, String target, boolean http10, Fields fields) {
    this.method = method;
    this.target = target;
    this.http10 = http10;
    this.persistence = fields.persistence(http10);
    this.headers = HttpHeaders.trusted(fields.all);
    this.contentLength = fields.contentLength;
    this.chunked = fields.chunked;
    this.hasBody = fields.chunked || fields.contentLength > 0;
    this.expectContinue = fields.expectContinue && !http10;
  }

  /**
   * Parses the next complete head between {@code in}'s position and limit and moves the position
   * past it; returns null, position unchanged, when the head is not complete yet.
   *
   * @throws Rejection if the head is malformed, has more than {@code maxFields} header fields, or
   *     asks for what the server does not do
   */
  static RequestHead parse(ByteBuffer in, int maxFields) {
    int start = in.position();
    int end = headEnd(in, start, in.limit());
    if (end < 0) {
      return null;
    }
    String head;
    if (in.hasArray()) { // decoded straight from the buffer's array: one copy, not two
      head = new String(in.array(), in.arrayOffset() + start, end - start,
          StandardCharsets.ISO_8859_1);
    } else {
      byte[] bytes = new byte[end - start];
      in.get(start, bytes);
      head = new String(bytes, StandardCharsets.ISO_8859_1);
    }
    in.position(end);
    return of(head, maxFields);
  }

  /**
   * Index just past the empty line that ends the head starting at {@code from} (an LF followed by
   * LF or CRLF), or -1.
   */
  static int headEnd(ByteBuffer in, int from, int to) {
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

  private static RequestHead of(String head, int maxFields) {
    int lineEnd = head.indexOf('\n');
    String line = stripCr(head, 0, lineEnd);
    int s1 = line.indexOf(' ');
    int s2 = line.indexOf(' ', s1 + 1);
    if (s1 <= 0 || s2 <= s1 + 1 || line.indexOf(' ', s2 + 1) >= 0
        || !line.startsWith("HTTP/1.", s2 + 1) || line.length() != s2 + 9
        || !Character.isDigit(line.charAt(s2 + 8))
        || !HttpHeaders.isToken(line.substring(0, s1))) {
      throw Rejection.badRequest("malformed request line");
    }
    boolean http10 = line.charAt(s2 + 8) == '0';
    Fields fields = new Fields(maxFields);
    for (int from = lineEnd + 1, to; (to = head.indexOf('\n', from)) > from; from = to + 1) {
      String field = stripCr(head, from, to);
      if (!field.isEmpty()) {
        fields.add(field);
      }
    }
    fields.check(http10);
    return new RequestHead(line.substring(0, s1), line.substring(s1 + 1, s2), http10, fields);
  }

  /** {@code s} from {@code from} to {@code to}, without a CR before {@code to}. */
  private static String stripCr(String s, int from, int to) {
    return s.substring(from, to > from && s.charAt(to - 1) == '\r' ? to - 1 : to);
  }

  /** The header fields of one head, checked as they are added. */
  private static final class Fields {
    private final int max;
    final List<String> all = new ArrayList<>(16); // names and values: 8 fields before it grows
    private int hosts;
    long contentLength = -1;
    boolean chunked;
    boolean expectContinue;
    private boolean close;
    private boolean keepAlive;

    Fields(int max) {
      this.max = max;
    }

    void add(String field) {
      int colon = field.indexOf(':');
      String name = colon > 0 ? field.substring(0, colon) : "";
      if (colon <= 0 || !HttpHeaders.isToken(name)) {
        char last = colon > 0 ? field.charAt(colon - 1) : 'x';
        throw Rejection.badRequest(last == ' ' || last == '\t'
            ? "whitespace before a header's colon" : "malformed header line");
      }
      if (all.size() / 2 >= max) {
        throw Rejection.headTooLarge("more than " + max + " header fields");
      }
      String value = field.substring(colon + 1).trim();
      all.add(name);
      all.add(value);
      if (name.equalsIgnoreCase("host")) {
        hosts++;
      } else if (name.equalsIgnoreCase("content-length")) {
        contentLength(value);
      } else if (name.equalsIgnoreCase("transfer-encoding")) {
        if (!value.equalsIgnoreCase("chunked")) {
          throw Rejection.notImplemented("only the chunked transfer coding is understood");
        }
        chunked = true;
      } else if (name.equalsIgnoreCase("connection")) {
        String v = value.toLowerCase(Locale.ROOT);
        close |= v.contains("close");
        keepAlive |= v.contains("keep-alive");
      } else if (name.equalsIgnoreCase("expect")) {
        if (!value.equalsIgnoreCase("100-continue")) {
          throw Rejection.badRequest("unsupported expectation");
        }
        expectContinue = true;
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
      if (chunked && http10) {
        throw Rejection.badRequest("chunked body in an HTTP/1.0 request");
      }
    }
  }
}
