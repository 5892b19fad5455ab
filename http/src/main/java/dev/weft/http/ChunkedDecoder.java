package dev.weft.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a chunked request body (RFC 9112 section 7.1) from whatever part of it a buffer holds,
 * keeping its place between calls: {@link #decode} consumes what it can and says whether the body
 * is complete. Chunk extensions are skipped and trailer fields dropped. A body longer than the
 * limit is refused with 413 as soon as a chunk size says so, before its bytes are read; a size
 * line that is not hexadecimal, or missing CRLF after a chunk, with 400.
 */
final class ChunkedDecoder {
  /** Longest chunk-size line (with extensions) or trailer line taken. */
  static final int MAX_LINE = 4096;

  private enum State { SIZE, DATA, DATA_END, TRAILER, DONE }

  private final long maxBody;
  private final int maxTrailers;
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private State state = State.SIZE;
  private long left;
  private int trailers;

  ChunkedDecoder(long maxBody, int maxTrailers) {
    this.maxBody = maxBody;
    this.maxTrailers = maxTrailers;
  }

  /**
   * Consumes the body's bytes between {@code in}'s position and limit, leaving the position after
   * them; true once the whole body (and its trailer section) has been read.
   *
   * @throws Rejection if the body breaks the chunked syntax or is too long
   */
  boolean decode(ByteBuffer in) {
    while (state != State.DONE) {
      boolean progressed;
      switch (state) {
        case SIZE: progressed = size(in); break;
        case DATA: progressed = data(in); break;
        case DATA_END: progressed = dataEnd(in); break;
        default: progressed = trailer(in); break;
      }
      if (!progressed) {
        return false;
      }
    }
    return true;
  }

  /** Whether some of the body has been consumed. */
  boolean started() {
    return state != State.SIZE || body.size() > 0;
  }

  /** The decoded body; once {@link #decode} returned true. */
  byte[] body() {
    return body.toByteArray();
  }

  private boolean size(ByteBuffer in) {
    String line = line(in);
    if (line == null) {
      return false;
    }
    int semi = line.indexOf(';');
    String hex = (semi < 0 ? line : line.substring(0, semi)).trim();
    if (hex.isEmpty() || hex.length() > 15) {
      throw Rejection.badRequest("malformed chunk size");
    }
    long size = 0;
    for (int i = 0; i < hex.length(); i++) {
      int digit = Character.digit(hex.charAt(i), 16);
      if (digit < 0) {
        throw Rejection.badRequest("malformed chunk size");
      }
      size = size * 16 + digit;
    }
    if (size > maxBody - body.size()) {
      throw Rejection.tooLarge("request body longer than " + maxBody + " bytes");
    }
    left = size;
    state = size == 0 ? State.TRAILER : State.DATA;
    return true;
  }

  private boolean data(ByteBuffer in) {
    int n = (int) Math.min(left, in.remaining());
    if (n == 0) {
      return false;
    }
    byte[] bytes = new byte[n];
    in.get(bytes);
    body.write(bytes, 0, n);
    left -= n;
    if (left == 0) {
      state = State.DATA_END;
    }
    return true;
  }

  /** The CRLF (or LF) after a chunk's data: refused at its first wrong byte. */
  private boolean dataEnd(ByteBuffer in) {
    int at = in.position();
    if (at == in.limit()) {
      return false;
    }
    byte first = in.get(at);
    if (first == '\r') {
      if (at + 1 == in.limit()) {
        return false;
      }
      if (in.get(at + 1) != '\n') {
        throw Rejection.badRequest("chunk not followed by CRLF");
      }
      in.position(at + 2);
    } else if (first == '\n') {
      in.position(at + 1);
    } else {
      throw Rejection.badRequest("chunk not followed by CRLF");
    }
    state = State.SIZE;
    return true;
  }

  private boolean trailer(ByteBuffer in) {
    String line = line(in);
    if (line == null) {
      return false;
    }
    if (line.isEmpty()) {
      state = State.DONE;
    } else if (++trailers > maxTrailers) {
      throw Rejection.headTooLarge("more than " + maxTrailers + " trailer fields");
    }
    return true;
  }

  /** The next line without its CRLF or LF, consumed; null (nothing consumed) if incomplete. */
  private static String line(ByteBuffer in) {
    int from = in.position();
    for (int i = from; i < in.limit(); i++) {
      if (in.get(i) == '\n') {
        int end = i > from && in.get(i - 1) == '\r' ? i - 1 : i;
        byte[] bytes = new byte[end - from];
        in.get(from, bytes);
        in.position(i + 1);
        return new String(bytes, StandardCharsets.ISO_8859_1);
      }
    }
    if (in.limit() - from > MAX_LINE) {
      throw Rejection.badRequest("chunk size or trailer line too long");
    }
    return null;
  }
}
