package dev.weft.samples.http;

import static dev.weft.Task.await;

import dev.weft.Task;
import dev.weft.TcpConnection;
import dev.weft.annotations.Async;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One keep-alive connection of the sample server, served by an {@code @Async} loop that reads as
 * if it blocked: read what arrived, answer every complete request in it (pipelined requests
 * included, in order), write the answers back in one gathered write, and read again.
 *
 * <p>It lives on the event loop that accepted the connection. While waiting for the next request
 * it holds no thread, only this object, its small input buffer and the suspended frame.
 */
final class HttpConnection {
  /** Input buffer size at first; it doubles up to {@link RequestHead#MAX_HEAD} for long heads. */
  private static final int INITIAL_BUFFER = 512;
  private static final int MAX_SLEEP_MS = 60_000;

  private final TcpConnection connection;
  private final List<ByteBuffer> pending = new ArrayList<>(2);
  private ByteBuffer in = ByteBuffer.allocate(INITIAL_BUFFER);

  HttpConnection(TcpConnection connection) {
    this.connection = connection;
  }

  /** Serves requests until the client closes, asks to close, or sends what is not accepted. */
  @Async
  Task<Void> serve() {
    while (true) {
      int n = await(connection.read(in));
      if (n < 0) {
        return Task.completed(null);
      }
      in.flip();
      boolean keepOpen = await(answerAll());
      if (!keepOpen) {
        return Task.completed(null);
      }
      in.compact();
      if (!in.hasRemaining() && !grow()) {
        await(connection.write(Responses.response("431 Request Header Fields Too Large",
            "request head longer than " + RequestHead.MAX_HEAD + " bytes\n", true)));
        return Task.completed(null);
      }
    }
  }

  /** Answers every complete request in {@link #in}; false once the connection must close. */
  @Async
  private Task<Boolean> answerAll() {
    while (true) {
      RequestHead head;
      try {
        head = RequestHead.parse(in);
      } catch (IllegalArgumentException e) {
        pending.add(Responses.response("400 Bad Request", e.getMessage() + "\n", true));
        await(flush());
        return Task.completed(false);
      }
      if (head == null) {
        await(flush());
        return Task.completed(true);
      }
      if (!head.method.equals("GET") || head.hasBody) {
        pending.add(Responses.response("405 Method Not Allowed", "only GET without a body\n", true));
        await(flush());
        return Task.completed(false);
      }
      if (head.target.startsWith("/sleep")) {
        await(flush()); // answers stay in request order
        pending.add(await(sleep(head.target, head.close)));
      } else if (head.target.equals("/")) {
        pending.add(head.close ? Responses.response("200 OK", Responses.HELLO_BODY, true)
            : Responses.hello());
      } else {
        pending.add(Responses.response("404 Not Found", "no such path: " + head.target + "\n",
            head.close));
      }
      if (head.close) {
        await(flush());
        return Task.completed(false);
      }
    }
  }

  /**
   * Answers {@code /sleep?ms=N} after a non-blocking sleep of N milliseconds, with the same bytes
   * as {@code GET /} (so that load tools check both alike).
   */
  @Async
  private Task<ByteBuffer> sleep(String target, boolean close) {
    long ms = sleepMillis(target);
    if (ms < 0) {
      return Task.completed(Responses.response("400 Bad Request",
          "want /sleep?ms=N with 0 <= N <= " + MAX_SLEEP_MS + ", got " + target + "\n", close));
    }
    await(Task.sleep(Duration.ofMillis(ms)));
    return Task.completed(close ? Responses.response("200 OK", Responses.HELLO_BODY, true)
        : Responses.hello());
  }

  /** N from {@code /sleep?ms=N}, or -1 if it is missing or out of range. */
  static long sleepMillis(String target) {
    String prefix = "/sleep?ms=";
    if (!target.startsWith(prefix)) {
      return -1;
    }
    try {
      long ms = Long.parseLong(target.substring(prefix.length()));
      return ms >= 0 && ms <= MAX_SLEEP_MS ? ms : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Writes the pending answers in one gathered write. */
  private Task<Void> flush() {
    if (pending.isEmpty()) {
      return Task.completed(null);
    }
    Task<Void> written = pending.size() == 1
        ? connection.write(pending.get(0))
        : connection.write(pending.toArray(new ByteBuffer[0]));
    pending.clear();
    return written;
  }

  /** Doubles the input buffer; false if it is at its limit already. */
  private boolean grow() {
    if (in.capacity() >= RequestHead.MAX_HEAD) {
      return false;
    }
    ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
    in.flip();
    bigger.put(in);
    in = bigger;
    return true;
  }
}
