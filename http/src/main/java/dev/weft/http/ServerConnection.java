package dev.weft.http;

import static dev.weft.Task.await;

import dev.weft.Task;
import dev.weft.annotations.Async;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

/**
 * One keep-alive connection of an {@link HttpServer}, served by an {@code @Async} loop that reads
 * as if it blocked: wait until bytes arrive, read them, answer every complete request in them
 * (pipelined requests included, in order), write the answers back in one gathered write, and
 * wait again.
 *
 * <p>It lives on the event loop that accepted the connection. While waiting for the next request
 * it holds no thread and no input buffer, only this small object and the suspended frame: it
 * waits with {@link Transport#readable()} and then reads into the buffer of its loop thread,
 * which every connection of that loop shares. That buffer is only used between two awaits:
 * before anything that may suspend (a body still arriving, a handler that has not answered yet, a
 * streamed response), the bytes not parsed yet are copied into a buffer of this connection, and
 * the answers so far are written, so that answers stay in request order.
 *
 * <p>A client too slow to send a head or a body, or silent too long between requests, is cut off
 * by the connection's {@link ConnectionTimer}, which cancels the wait. Request bodies are read by
 * {@link RequestBodies}; responses are encoded by {@link ResponseEncoder}.
 */
final class ServerConnection {
  /** {@link #headStart} when no head is under way. */
  private static final long NO_HEAD = Long.MIN_VALUE;

  private final HttpServer server;
  private final Limits limits;
  final Transport transport;
  final ConnectionTimer timer;
  /** When the head being received began (its first byte, or the opening), or {@link #NO_HEAD}. */
  private long headStart;
  /** How many request heads were parsed so far. */
  private long requests;
  /**
   * The bytes to parse, between position and limit: the loop's buffer while answering, else
   * this connection's copy of what is left, or null when nothing is left over.
   */
  ByteBuffer in;
  /** The answers not written yet, or null. */
  private List<ByteBuffer> answers;

  /**
   * Serves {@code transport} for {@code server}; on the connection's loop thread. The first
   * request's head is timed from {@code opened}, when the connection was accepted (on the {@link
   * System#nanoTime} clock), so that a TLS handshake counts towards it.
   */
  ServerConnection(HttpServer server, Transport transport, long opened) {
    this.server = server;
    this.limits = server.limits();
    this.transport = transport;
    this.timer = new ConnectionTimer(transport.loop(), limits);
    this.headStart = opened;
    timer.head(headStart);
  }

  /**
   * Serves requests until the client closes, asks to close, sends what is not accepted, is too
   * slow, or the server stops.
   */
  @Async
  Task<Void> serve() {
    server.opened(this);
    try {
      while (!(server.isStopping() && in == null)) {
        Task<Void> readable = transport.readable();
        timer.watch(readable);
        try {
          await(readable); // idle here: no buffer held
        } catch (CancellationException e) {
          return timedOut(e);
        }
        ByteBuffer buffer = server.loopBuffer().clear();
        if (in != null) {
          buffer.put(0, in, in.position(), in.remaining()).position(in.remaining());
        }
        Task<Integer> read = transport.read(buffer);
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
        if (in != null && in.remaining() >= limits.maxHeadSize) {
          await(transport.write(ResponseEncoder.closing(431,
              "request head longer than " + limits.maxHeadSize + " bytes")));
          return Task.completed(null);
        }
        waitForMore(answered);
      }
      return Task.completed(null);
    } finally {
      timer.stop();
      server.closed(this);
    }
  }

  /**
   * The server stops: ends this connection now if it is waiting for a request with no byte of
   * one received (kept alive, or just opened). Loop thread.
   */
  void stopIfIdle() {
    if (in == null) {
      timer.stopIdle();
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
      await(transport.write(ResponseEncoder.closing(408, "request head not received in time")));
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
      boolean keepOpen;
      try {
        head = in == null ? null : RequestHead.parse(in, limits.maxHeaderCount);
        if (head == null) {
          keepRest();
          await(flush());
          return Task.completed(true);
        }
        requests++;
        keepOpen = await(answer(head));
      } catch (Rejection e) {
        await(lastAnswer(ResponseEncoder.closing(e.code, e.getMessage())));
        return Task.completed(false);
      }
      if (!keepOpen) {
        in = null; // what follows a request that closes is dropped
        await(flush());
        return Task.completed(false);
      }
    }
  }

  /** Reads the body of the request {@code head} starts, calls the handler, queues the answer. */
  @Async
  private Task<Boolean> answer(RequestHead head) {
    byte[] body = head.hasBody ? await(RequestBodies.read(this, head, limits))
        : RequestBodies.NONE;
    HttpRequest request =
        HttpRequest.received(head.method, head.target, head.headers, body, head.http10,
            transport.remoteAddress());
    HttpResponse response = await(respond(request));
    Persistence p = server.isStopping() ? Persistence.CLOSE : head.persistence;
    boolean headOnly = head.method.equals("HEAD");
    if (!response.isStreaming()) {
      answer(ResponseEncoder.whole(response, p, headOnly));
      return Task.completed(!p.closes());
    }
    boolean untilClose = head.http10 && response.streamLength() < 0; // no chunked in HTTP/1.0
    return stream(response, untilClose ? Persistence.CLOSE : p, headOnly);
  }

  /**
   * The handler's response to {@code request}; 500 if it throws, fails or answers null. A
   * response not ready at once is awaited after {@link #beforeWait}.
   */
  @Async
  private Task<HttpResponse> respond(HttpRequest request) {
    try {
      CompletionStage<HttpResponse> stage = server.handler().handle(request);
      if (stage == null) {
        throw new NullPointerException("the handler returned null for " + request);
      }
      if (!(stage instanceof Future<?> && ((Future<?>) stage).isDone())) {
        await(beforeWait());
      }
      HttpResponse response = await(stage);
      if (response == null) {
        throw new NullPointerException("the handler answered null to " + request);
      }
      return Task.completed(response);
    } catch (Throwable e) {
      server.handlerFailed(request, e);
      return Task.completed(HttpResponse.text(500, "internal server error\n"));
    }
  }

  /**
   * Sends a streamed response: its head, then what its producer writes. A response of unknown
   * length to an HTTP/1.0 client ends with the connection; a producer that fails closes it.
   */
  @Async
  private Task<Boolean> stream(HttpResponse response, Persistence p, boolean headOnly) {
    long length = response.streamLength();
    boolean chunked = length < 0 && p != Persistence.CLOSE;
    answer(ResponseEncoder.streamHead(response, p, length, chunked));
    keepRest();
    await(flush());
    if (headOnly) {
      return Task.completed(!p.closes());
    }
    BodyWriter writer = new BodyWriter(transport, chunked, length);
    try {
      await(response.producer().writeTo(writer));
      await(writer.finish());
    } catch (Throwable e) {
      server.producerFailed(response, e);
      return Task.completed(false);
    }
    return Task.completed(!p.closes());
  }

  /**
   * Before an await that may suspend: moves the bytes not parsed yet out of the loop's buffer
   * into a buffer of this connection (or drops {@link #in} if none are left) and writes the
   * answers so far, so that they keep their order.
   */
  @Async
  Task<Void> beforeWait() {
    keepRest();
    await(flush());
    return Task.completed(null);
  }

  /**
   * Moves the bytes not parsed yet out of the loop's buffer into a buffer of this connection (or
   * drops {@link #in} if none are left), so that the next await does not hold the loop's buffer.
   */
  void keepRest() {
    if (in == null) {
      return;
    }
    if (!in.hasRemaining()) {
      in = null;
    } else if (in == server.loopBuffer()) {
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
  Task<Void> flush() {
    List<ByteBuffer> out = answers;
    answers = null;
    if (out == null) {
      return Task.completed(null);
    }
    return transport.write(out.toArray(new ByteBuffer[0]));
  }
}
