package dev.weft.http;

import static dev.weft.Task.await;

import dev.weft.Task;
import dev.weft.annotations.Async;
import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;

/**
 * Reads a request body whole, framed by {@code Content-Length} or chunked, within {@link
 * Limits#maxBodySize} (413 otherwise; a declared length is refused before any of it is read).
 * What the connection's buffer already holds is taken first, without suspending; then, before
 * waiting for the rest, the answers to earlier pipelined requests are written, and {@code 100
 * Continue} is sent if the client asked for it. Each read may last the idle timeout (408 after
 * it); a client that closes mid-body is answered 400.
 */
final class RequestBodies {
  static final byte[] NONE = new byte[0];
  /** Size of the buffer a chunked body is read through. */
  private static final int CHUNK_BUFFER = 16 * 1024;

  private RequestBodies() {}

  /** The body of the request {@code head} starts, from {@code c}'s input on. */
  static Task<byte[]> read(ServerConnection c, RequestHead head, Limits limits) {
    if (head.chunked) {
      return chunked(c, head, new ChunkedDecoder(limits.maxBodySize, limits.maxHeaderCount));
    }
    if (head.contentLength > limits.maxBodySize) {
      return Task.failed(
          Rejection.tooLarge("request body longer than " + limits.maxBodySize + " bytes"));
    }
    return sized(c, head, new byte[(int) head.contentLength]);
  }

  @Async
  private static Task<byte[]> sized(ServerConnection c, RequestHead head, byte[] body) {
    int have = c.in == null ? 0 : Math.min(c.in.remaining(), body.length);
    if (have > 0) {
      c.in.get(body, 0, have);
    }
    if (have == body.length) {
      return Task.completed(body); // all there: no suspension
    }
    await(c.beforeWait()); // leaves c.in null: the buffer held no more than this body
    if (head.expectContinue && have == 0) {
      await(c.transport.write(ResponseEncoder.continueResponse()));
    }
    ByteBuffer rest = ByteBuffer.wrap(body, have, body.length - have);
    while (rest.hasRemaining()) {
      await(read(c, rest));
    }
    return Task.completed(body);
  }

  @Async
  private static Task<byte[]> chunked(ServerConnection c, RequestHead head, ChunkedDecoder d) {
    if (c.in != null && d.decode(c.in)) {
      return Task.completed(d.body()); // all there: no suspension
    }
    boolean started = d.started();
    await(c.beforeWait());
    if (head.expectContinue && !started) {
      await(c.transport.write(ResponseEncoder.continueResponse()));
    }
    int carried = c.in == null ? 0 : c.in.remaining();
    ByteBuffer buffer = ByteBuffer.allocate(Math.max(CHUNK_BUFFER, carried + CHUNK_BUFFER / 2));
    if (c.in != null) {
      buffer.put(c.in);
    }
    c.in = null;
    while (true) {
      await(read(c, buffer));
      buffer.flip();
      boolean done = d.decode(buffer);
      buffer.compact();
      if (done) {
        break;
      }
    }
    buffer.flip();
    c.in = buffer.hasRemaining() ? ByteBuffer.allocate(buffer.remaining()).put(buffer).flip()
        : null; // pipelined requests behind the body, in a buffer no bigger than they are
    return Task.completed(d.body());
  }

  /** One read of body bytes into {@code dst}, within the idle timeout. */
  @Async
  private static Task<Void> read(ServerConnection c, ByteBuffer dst) {
    Task<Integer> read = c.transport.read(dst);
    c.timer.body(System.nanoTime());
    c.timer.watch(read);
    int n;
    try {
      n = await(read);
    } catch (CancellationException e) {
      if (c.timer.expired() == ConnectionTimer.Phase.BODY) {
        throw Rejection.timeout("request body not received in time");
      }
      throw e;
    } finally {
      c.timer.busy();
    }
    if (n < 0) {
      throw Rejection.badRequest("request body cut short");
    }
    return Task.completed(null);
  }
}
