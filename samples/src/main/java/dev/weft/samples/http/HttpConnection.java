package dev.weft.samples.http;

import static dev.weft.Task.await;

import dev.weft.Task;
import dev.weft.annotations.Async;
import dev.weft.net.TcpConnection;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * One keep-alive connection of the sample server, served by an {@code @Async} loop that reads as
 * if it blocked: wait until bytes arrive, read them, answer every complete request in them
 * (pipelined requests included, in order), write the answers back in one gathered write, and
 * wait again.
 *
 * <p>It lives on the event loop that accepted the connection. While waiting for the next request
 * it holds no thread and no input buffer, only this small object and the suspended frame: it
 * waits with {@link TcpConnection#readable()} and then reads into the buffer of its loop thread,
 * which every connection of that loop shares. That buffer is only used between two awaits:
 * before anything that may suspend, the bytes not parsed yet (a partial head, or pipelined
 * requests behind a {@code /sleep}) are copied into a buffer of this connection.
 *
 * <p>A client too slow to send a head, or silent too long between requests, is cut off by the
 * connection's {@link ConnectionTimer}, which cancels the {@code readable()} wait.
 */
final class HttpConnection {
  private static final int MAX_SLEEP_MS = 60_000;
  /** The input buffer of each loop thread; a head must fit in it whole. */
  private static final ThreadLocal<ByteBuffer> LOOP_BUFFER =
      ThreadLocal.withInitial(() -> ByteBuffer.allocate(RequestHead.MAX_HEAD));

  /** {@link #headStart} when no head is under way. */
  private static final long NO_HEAD = Long.MIN_VALUE;

  private final TcpConnection connection;
  private final ConnectionTimer timer;
  /** When the head being received began (its first byte, or the opening), or {@link #NO_HEAD}. */
  private long headStart;
  /** How many request heads were parsed so far. */
  private long requests;
  /**
   * The bytes to parse, between position and limit: the loop's buffer while answering, else
   * this connection's copy of a partial head, or null when nothing is left over.
   */
  private ByteBuffer in;
  /** The answers not written yet, or null. */
  private List<ByteBuffer> answers;

  /** Serves {@code connection} with {@code timeouts}; on the connection's loop thread. */
  HttpConnection(TcpConnection connection, Timeouts timeouts) {
    this.connection = connection;
    this.timer = new ConnectionTimer(connection.loop(), timeouts);
    this.headStart = System.nanoTime();
    timer.head(headStart);
  }

  /**
   * Serves requests until the client closes, asks to close, sends what is not accepted, or is too
   * slow (see {@link Timeouts}).
   */
  @Async
  Task<Void> serve() {
    try {
      while (true) {
        Task<Void> readable = connection.readable();
        timer.watch(readable);
        try {
          await(readable); // idle here: no buffer held
        } catch (CancellationException e) {
          return timedOut(e);
        }
        ByteBuffer buffer = LOOP_BUFFER.get().clear();
        if (in != null) {
          buffer.put(0, in, in.position(), in.remaining()).position(in.remaining());
        }
        Task<Integer> read = connection.read(buffer);
        if (!read.isDone()) { // the bytes went away after all: never wait holding the loop's buffer
          read.cancel(false);
          continue;
        }
        int n = await(read); // done already: does not suspend
        if (n < 0) {
          return Task.completed(null);
        }
        timer.busy();
        long answered = requests;
        in = buffer.flip();
        boolean keepOpen = await(answerAll());
        if (!keepOpen) {
          return Task.completed(null);
        }
        if (in != null && in.remaining() >= RequestHead.MAX_HEAD) {
          await(connection.write(Responses.closing("431 Request Header Fields Too Large",
              "request head longer than " + RequestHead.MAX_HEAD + " bytes\n")));
          return Task.completed(null);
        }
        waitForMore(answered);
      }
    } finally {
      timer.stop();
    }
  }

  /**
   * Starts the timeout of what comes next: the rest of a partial head (timed from its first read,
   * or from the connection's opening for the first request), or the next request.
   */
  private void waitForMore(long answeredBefore) {
    long now = System.nanoTime();
    if (in == null) {
      headStart = NO_HEAD;
      timer.idle(now);
      return;
    }
    if (headStart == NO_HEAD || requests != answeredBefore) { // this read began a new head
      headStart = now;
    }
    timer.head(headStart);
  }

  /**
   * Ends the connection whose wait was cancelled: a head that took too long is answered 408, an
   * idle connection closes without a word; a cancel from elsewhere (a shutdown) goes on up.
   */
  @Async
  private Task<Void> timedOut(CancellationException e) {
    ConnectionTimer.Phase expired = timer.expired();
    if (expired == null) {
      throw e;
    }
    if (expired == ConnectionTimer.Phase.HEAD) {
      await(connection.write(Responses.closing("408 Request Timeout",
          "request head not received in time\n")));
    }
    return Task.completed(null);
  }

  /**
   * Answers every complete request in {@link #in}; false once the connection must close. On
   * return, {@link #in} holds this connection's copy of a partial head, or null.
   */
  @Async
  private Task<Boolean> answerAll() {
    while (true) {
      RequestHead head;
      try {
        head = in == null ? null : RequestHead.parse(in);
      } catch (Rejection e) {
        await(lastAnswer(Responses.closing(e.status, e.getMessage() + "\n")));
        return Task.completed(false);
      }
      if (head == null) {
        keepRest();
        await(flush());
        return Task.completed(true);
      }
      requests++;
      if (!head.method.equals("GET") || head.hasBody) {
        await(lastAnswer(
            Responses.closing("405 Method Not Allowed", "only GET without a body\n")));
        return Task.completed(false);
      }
      if (head.target.startsWith("/sleep")) {
        keepRest(); // the requests behind this one wait in this connection, not the loop's buffer
        await(flush()); // answers stay in request order
        answer(await(sleep(head.target, head.persistence)));
      } else if (head.target.equals("/")) {
        answer(Responses.hello(head.persistence));
      } else {
        answer(Responses.response("404 Not Found", "no such path\n", head.persistence));
      }
      if (head.persistence.closes()) {
        in = null; // what follows a request that closes is dropped
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
  private Task<ByteBuffer> sleep(String target, Persistence persistence) {
    long ms = sleepMillis(target);
    if (ms < 0) {
      return Task.completed(Responses.response("400 Bad Request",
          "want /sleep?ms=N with 0 <= N <= " + MAX_SLEEP_MS + "\n", persistence));
    }
    await(Task.sleep(Duration.ofMillis(ms)));
    return Task.completed(Responses.hello(persistence));
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

  /**
   * Moves the bytes not parsed yet out of the loop's buffer into a buffer of this connection (or
   * drops {@link #in} if none are left), so that the next await does not hold the loop's buffer.
   */
  private void keepRest() {
    if (in == null) {
      return;
    }
    if (!in.hasRemaining()) {
      in = null;
    } else if (in == LOOP_BUFFER.get()) {
      in = ByteBuffer.allocate(in.remaining()).put(in).flip();
    }
  }

  private void answer(ByteBuffer response) {
    if (answers == null) {
      answers = new ArrayList<>(2);
    }
    answers.add(response);
  }

  /** Writes the answers and {@code response}, the last one: what is left unparsed is dropped. */
  private Task<Void> lastAnswer(ByteBuffer response) {
    answer(response);
    in = null;
    return flush();
  }

  /** Writes the answers not written yet in one gathered write. */
  private Task<Void> flush() {
    List<ByteBuffer> out = answers;
    answers = null;
    if (out == null) {
      return Task.completed(null);
    }
    return out.size() == 1 ? connection.write(out.get(0))
        : connection.write(out.toArray(new ByteBuffer[0]));
  }
}
