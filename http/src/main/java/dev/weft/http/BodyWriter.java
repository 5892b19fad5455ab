package dev.weft.http;

import static dev.weft.Task.await;

import dev.weft.Task;
import dev.weft.annotations.Async;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Where a {@link BodyProducer} writes a streamed response body. Each write is sent at once (as
 * one chunk when the body is chunked) and its task completes when the bytes are handed to the
 * connection, so a producer that awaits each write never holds more than one piece in memory:
 * a slow client slows the producer down. Await each write before the next one; at most one may be
 * pending. Used on the connection's loop, from the producer's coroutine.
 */
public final class BodyWriter {
  private static final ByteBuffer LAST_CHUNK =
      ByteBuffer.wrap("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)).asReadOnlyBuffer();

  private final Transport transport;
  private final boolean chunked;
  /** The declared length, or -1. */
  private final long length;
  private long written;

  BodyWriter(Transport transport, boolean chunked, long length) {
    this.transport = transport;
    this.chunked = chunked;
    this.length = length;
  }

  /**
   * Sends {@code src}'s remaining bytes; an empty buffer sends nothing.
   *
   * @return a task completed once the bytes are handed to the connection; failed with {@link
   *     IOException} if they would go past the declared {@code Content-Length}, or the connection's
   *     failure (e.g. the client went away)
   */
  public Task<Void> write(ByteBuffer src) {
    int n = src.remaining();
    if (n == 0) {
      return Task.completed(null);
    }
    if (length >= 0 && written + n > length) {
      return Task.failed(new IOException("BodyWriter.write: " + (written + n)
          + " bytes written, more than the declared Content-Length " + length));
    }
    written += n;
    if (!chunked) {
      return transport.write(src);
    }
    ByteBuffer size = ByteBuffer.wrap((Integer.toHexString(n) + "\r\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    return transport.write(size, src, ByteBuffer.wrap(new byte[] {'\r', '\n'}));
  }

  /** {@link #write(ByteBuffer)} of {@code bytes}. */
  public Task<Void> write(byte[] bytes) {
    return write(ByteBuffer.wrap(bytes));
  }

  /** {@link #write(ByteBuffer)} of {@code text} in UTF-8. */
  public Task<Void> write(String text) {
    return write(text.getBytes(StandardCharsets.UTF_8));
  }

  /** How many body bytes were written so far. */
  public long written() {
    return written;
  }

  /** Ends the body: the last chunk, or a check that the declared length was written. */
  @Async
  Task<Void> finish() throws IOException {
    if (chunked) {
      await(transport.write(LAST_CHUNK.duplicate()));
    } else if (length >= 0 && written != length) {
      throw new IOException("BodyWriter: the body ended after " + written
          + " bytes, short of the declared Content-Length " + length);
    }
    return Task.completed(null);
  }
}
