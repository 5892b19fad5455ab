package dev.weft.http;

import static dev.weft.Task.await;

import dev.weft.Task;
import dev.weft.annotations.Async;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads HTTP/1.x responses from one client connection: the head, then the body framed by {@code
 * Content-Length}, chunked, or by the server's close; interim {@code 1xx} responses are skipped.
 * Bytes read past the end of one response stay in the buffer for the next. Every read waits at
 * most the read timeout ({@link java.util.concurrent.TimeoutException} after it).
 */
final class ResponseReader {
  /** The longest response head taken. */
  static final int MAX_HEAD = 64 * 1024;
  private static final int MAX_FIELDS = 256;

  private final Transport transport;
  private final Duration readTimeout;
  private final long maxBody;
  /** The bytes read and not consumed yet, between position and limit. */
  private ByteBuffer in = ByteBuffer.allocate(4096).flip();
  /** Bytes received since {@link #next} began. */
  private long received;
  /** Whether the connection may carry another exchange after the last response. */
  private boolean keepAlive;

  ResponseReader(Transport transport, Duration readTimeout, long maxBody) {
    this.transport = transport;
    this.readTimeout = readTimeout;
    this.maxBody = maxBody;
  }

  /** A new exchange begins: nothing of its response has arrived yet. */
  void begin() {
    received = 0;
  }

  /** Whether any byte of the current response arrived. */
  boolean receivedAny() {
    return received > 0 || in.hasRemaining();
  }

  /** Whether the last response left the connection open for another exchange. */
  boolean keepAlive() {
    return keepAlive;
  }

  /**
   * Reads the next whole response ({@code headRequest}: the request was HEAD, so it has no body).
   * Fails with {@link EOFException} if the server closes first, with {@link IOException} if what
   * arrives is not an HTTP/1.x response or is too big.
   */
  @Async
  Task<HttpResponse> next(boolean headRequest) throws IOException {
    keepAlive = false;
    while (true) {
      int end;
      while ((end = RequestHead.headEnd(in, in.position(), in.limit())) < 0) {
        if (in.remaining() >= MAX_HEAD) {
          throw new IOException("response head longer than " + MAX_HEAD + " bytes");
        }
        if (!await(fill())) {
          throw new EOFException("the server closed the connection after " + in.remaining()
              + " bytes of a response head");
        }
      }
      byte[] bytes = new byte[end - in.position()];
      in.get(bytes);
      Head head = Head.parse(new String(bytes, StandardCharsets.ISO_8859_1));
      if (head.status >= 100 && head.status < 200) {
        continue; // interim: 100 Continue and the like
      }
      boolean noBody = headRequest || ResponseEncoder.bodyless(head.status);
      byte[] body = noBody ? new byte[0]
          : head.chunked ? await(chunked())
          : head.length >= 0 ? await(sized(head.length))
          : await(untilClose());
      keepAlive = head.keepAlive && (noBody || head.chunked || head.length >= 0);
      return Task.completed(HttpResponse.received(head.status, head.headers, body));
    }
  }

  @Async
  private Task<byte[]> sized(long length) throws IOException {
    if (length > maxBody) {
      throw new IOException("response body of " + length + " bytes, more than the limit of "
          + maxBody);
    }
    byte[] body = new byte[(int) length];
    int have = Math.min(in.remaining(), body.length);
    in.get(body, 0, have);
    ByteBuffer rest = ByteBuffer.wrap(body, have, body.length - have);
    while (rest.hasRemaining()) {
      if (await(timed(transport.read(rest))) < 0) {
        throw new EOFException("the server closed the connection after " + rest.position()
            + " of " + length + " body bytes");
      }
    }
    return Task.completed(body);
  }

  @Async
  private Task<byte[]> chunked() throws IOException {
    ChunkedDecoder decoder = new ChunkedDecoder(maxBody, MAX_FIELDS);
    try {
      while (!decoder.decode(in)) {
        if (!await(fill())) {
          throw new EOFException("the server closed the connection inside a chunked body");
        }
      }
    } catch (Rejection e) {
      throw new IOException("malformed chunked response body: " + e.getMessage());
    }
    return Task.completed(decoder.body());
  }

  @Async
  private Task<byte[]> untilClose() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    do {
      if (body.size() + (long) in.remaining() > maxBody) {
        throw new IOException("response body longer than the limit of " + maxBody + " bytes");
      }
      body.write(in.array(), in.arrayOffset() + in.position(), in.remaining());
      in.position(in.limit());
    } while (await(fill()));
    return Task.completed(body.toByteArray());
  }

  /** Reads more into {@link #in}, growing it when full; false at end of stream. */
  @Async
  private Task<Boolean> fill() {
    in.compact();
    if (!in.hasRemaining()) {
      ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
      in = bigger.put(in.flip());
    }
    int n;
    try {
      n = await(timed(transport.read(in)));
    } finally {
      in.flip();
    }
    if (n > 0) {
      received += n;
    }
    return Task.completed(n >= 0);
  }

  private Task<Integer> timed(Task<Integer> read) {
    return readTimeout.isZero() ? read : read.withTimeout(readTimeout);
  }

  /** A parsed response head. */
  private static final class Head {
    int status;
    HttpHeaders headers;
    long length = -1;
    boolean chunked;
    boolean keepAlive;

    static Head parse(String text) throws IOException {
      String[] lines = text.split("\r?\n");
      String line = lines[0];
      if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' '
          || !Character.isDigit(line.charAt(9)) || !Character.isDigit(line.charAt(10))
          || !Character.isDigit(line.charAt(11))) {
        throw new IOException("not an HTTP/1.x status line");
      }
      Head head = new Head();
      head.status = Integer.parseInt(line.substring(9, 12));
      boolean http10 = line.charAt(7) == '0';
      boolean close = false;
      boolean keepAliveAsked = false;
      List<String> fields = new ArrayList<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (lines[i].isEmpty()) {
          continue;
        }
        if (colon <= 0 || fields.size() / 2 >= MAX_FIELDS) {
          throw new IOException("malformed or too many response header fields");
        }
        String name = lines[i].substring(0, colon).trim();
        String value = lines[i].substring(colon + 1).trim();
        fields.add(name);
        fields.add(value);
        if (name.equalsIgnoreCase("content-length")) {
          head.length = length(value, head.length);
        } else if (name.equalsIgnoreCase("transfer-encoding")) {
          if (!value.equalsIgnoreCase("chunked")) {
            throw new IOException("unsupported transfer coding in the response");
          }
          head.chunked = true;
        } else if (name.equalsIgnoreCase("connection")) {
          String v = value.toLowerCase(Locale.ROOT);
          close |= v.contains("close");
          keepAliveAsked |= v.contains("keep-alive");
        }
      }
      head.headers = HttpHeaders.trusted(fields);
      head.keepAlive = !close && (!http10 || keepAliveAsked);
      if (head.chunked) {
        head.length = -1; // RFC 9112 section 6.3: Transfer-Encoding overrides Content-Length
      }
      return head;
    }

    private static long length(String value, long previous) throws IOException {
      if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(Character::isDigit)) {
        throw new IOException("invalid Content-Length in the response");
      }
      long n = Long.parseLong(value);
      if (previous >= 0 && previous != n) {
        throw new IOException("conflicting Content-Length fields in the response");
      }
      return n;
    }
  }
}
