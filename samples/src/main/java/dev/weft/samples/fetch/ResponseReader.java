package dev.weft.samples.fetch;

import static dev.weft.Task.await;

import dev.weft.Task;
import dev.weft.annotations.Async;
import dev.weft.net.TcpConnection;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads HTTP/1.1 responses with a {@code Content-Length} from one keep-alive connection. Bytes
 * read past the end of one response stay in the buffer for the next.
 */
final class ResponseReader {
  private static final int MAX_HEAD = 8192;

  /** One response: the status code and the body as text. */
  record Response(int status, String body) {}

  private final TcpConnection connection;
  private ByteBuffer in = ByteBuffer.allocate(1024);

  ResponseReader(TcpConnection connection) {
    this.connection = connection;
  }

  /**
   * Reads the next whole response. The task fails with {@link EOFException} if the server closes
   * first, with {@link IOException} if what arrives is not an HTTP/1.1 response with a length.
   */
  @Async
  Task<Response> next() throws IOException {
    int headEnd;
    while ((headEnd = headEnd()) < 0) {
      await(fill());
    }
    String head = new String(in.array(), 0, headEnd, StandardCharsets.ISO_8859_1);
    int status = status(head);
    int length = contentLength(head);
    int total = headEnd + 4 + length;
    while (in.position() < total) {
      await(fill());
    }
    String body = new String(in.array(), headEnd + 4, length, StandardCharsets.UTF_8);
    in.flip().position(total);
    in.compact();
    return Task.completed(new Response(status, body));
  }

  /** Reads more bytes into the buffer, growing it when full. */
  @Async
  private Task<Void> fill() throws IOException {
    if (!in.hasRemaining()) {
      if (in.capacity() >= MAX_HEAD * 16) {
        throw new IOException("response larger than " + in.capacity() + " bytes");
      }
      ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
      in.flip();
      in = bigger.put(in);
    }
    if (await(connection.read(in)) < 0) {
      throw new EOFException("server closed the connection after " + in.position()
          + " bytes of a response");
    }
    return Task.completed(null);
  }

  private int headEnd() {
    byte[] a = in.array();
    for (int i = 0; i + 3 < in.position(); i++) {
      if (a[i] == '\r' && a[i + 1] == '\n' && a[i + 2] == '\r' && a[i + 3] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static int status(String head) throws IOException {
    if (!head.startsWith("HTTP/1.1 ") || head.length() < 12) {
      throw new IOException("not an HTTP/1.1 status line: " + head.lines().findFirst().orElse(""));
    }
    return Integer.parseInt(head.substring(9, 12));
  }

  private static int contentLength(String head) throws IOException {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    throw new IOException("response without Content-Length");
  }
}
