package dev.weft.http;

import static dev.weft.Task.await;

import dev.weft.EventLoop;
import dev.weft.Task;
import dev.weft.annotations.Async;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One client connection to an HTTP/1.1 server, carrying one exchange at a time and kept alive
 * between them. {@link HttpClient} pools these; use one directly to hold a connection of your own
 * (a load generator that keeps many open at once, a test that pins one connection):
 *
 * <pre>{@code
 * HttpClientConnection c = await(HttpClientConnection.open("localhost", 8080));
 * HttpResponse r = await(c.send(HttpRequest.get("http://localhost:8080/")));
 * c.close();
 * }</pre>
 *
 * <p>The request is written with {@code Host}, and with {@code Content-Length} when it has a body
 * (or its method usually has one); the response body is read whole, framed by {@code
 * Content-Length}, chunked or the server's close. Any thread; the connection's I/O runs on its
 * loop.
 */
public final class HttpClientConnection implements AutoCloseable {
  /** The default limit on a response body: 16 MiB. */
  static final long DEFAULT_MAX_BODY = 16L << 20;

  private final Transport transport;
  private final String host;
  private final int port;
  private final ResponseReader reader;
  private boolean busy;
  private boolean reusable = true;
  private long exchanges;
  /** When the last exchange ended, on the {@link System#nanoTime} clock. */
  private volatile long idleSince = System.nanoTime();

  HttpClientConnection(Transport transport, String host, int port, Duration readTimeout,
      long maxBody) {
    this.transport = transport;
    this.host = host;
    this.port = port;
    this.reader = new ResponseReader(transport, readTimeout, maxBody);
  }

  /**
   * Opens a plain connection to {@code host:port} on the current loop (or the default group's
   * next), without a read timeout.
   */
  public static Task<HttpClientConnection> open(String host, int port) {
    return open(Connector.plain(), host, port, EventLoop.currentOrNext(), Duration.ZERO);
  }

  /**
   * Opens a connection to {@code host:port} with {@code connector} on {@code loop}; each read of
   * a response waits at most {@code readTimeout} ({@link Duration#ZERO}: no limit).
   */
  public static Task<HttpClientConnection> open(Connector connector, String host, int port,
      EventLoop loop, Duration readTimeout) {
    return open(connector, host, port, loop, readTimeout, DEFAULT_MAX_BODY);
  }

  /** {@link #open(Connector, String, int, EventLoop, Duration)} with a response body limit. */
  @Async
  static Task<HttpClientConnection> open(Connector connector, String host, int port,
      EventLoop loop, Duration readTimeout, long maxBody) {
    Objects.requireNonNull(readTimeout, "readTimeout");
    Transport t = await(connector.connect(host, port, loop));
    return Task.completed(new HttpClientConnection(t, host, port, readTimeout, maxBody));
  }

  /**
   * Sends {@code request} and reads its response. The request's host and port are not checked
   * against this connection's: it goes where this connection goes.
   *
   * @return a task completed with the response; failed with {@link IllegalStateException} if an
   *     exchange is under way, {@link IOException} if the connection fails or the response is
   *     malformed, {@link java.util.concurrent.TimeoutException} if a read waited too long
   */
  @Async
  public Task<HttpResponse> send(HttpRequest request) {
    if (busy) {
      throw new IllegalStateException("HttpClientConnection.send: an exchange is under way on "
          + this + "; send one request at a time");
    }
    busy = true;
    reusable = false; // until this exchange completes
    reader.begin();
    await(transport.write(encode(request)));
    HttpResponse response = await(nextResponse(request));
    exchanges++;
    reusable = reader.keepAlive() && !asksClose(request) && !transport.isClosed();
    idleSince = System.nanoTime();
    busy = false;
    return Task.completed(response);
  }

  /**
   * The reader's next response. An {@code @Async} method never throws to its caller, it fails
   * its task; the catch is only there because {@code next} declares what its task can fail with.
   */
  private Task<HttpResponse> nextResponse(HttpRequest request) {
    try {
      return reader.next(request.method().equals("HEAD"));
    } catch (IOException e) {
      return Task.failed(e);
    }
  }

  /** Whether the last exchange completed and left the connection open for another one. */
  public boolean isReusable() {
    return reusable && !busy && !transport.isClosed();
  }

  /** How many exchanges completed on this connection. */
  public long exchanges() {
    return exchanges;
  }

  /** Whether the exchange under way (or the last one) received any byte of a response. */
  boolean receivedAny() {
    return reader.receivedAny();
  }

  /** When the connection last finished an exchange (or opened), on the nanoTime clock. */
  long idleSince() {
    return idleSince;
  }

  /** The loop this connection's I/O runs on. */
  public EventLoop loop() {
    return transport.loop();
  }

  /** Closes the connection; an exchange under way fails. Idempotent. */
  @Override
  public void close() {
    reusable = false;
    transport.close();
  }

  @Override
  public String toString() {
    return "HttpClientConnection[" + host + ":" + port + ", " + exchanges + " exchanges"
        + (transport.isClosed() ? ", closed" : "") + "]";
  }

  private ByteBuffer encode(HttpRequest request) {
    StringBuilder head = new StringBuilder(128).append(request.method()).append(' ')
        .append(request.target()).append(" HTTP/1.1\r\nHost: ").append(host);
    if (port != (request.isHttps() ? 443 : 80)) {
      head.append(':').append(port);
    }
    head.append("\r\n");
    HttpHeaders headers = request.headers();
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")
          && !name.equalsIgnoreCase("transfer-encoding")) {
        head.append(name).append(": ").append(headers.value(i)).append("\r\n");
      }
    }
    byte[] body = request.bodyBytes();
    if (body.length > 0 || expectsBody(request.method())) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    byte[] h = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    return ByteBuffer.allocate(h.length + body.length).put(h).put(body).flip();
  }

  private static boolean expectsBody(String method) {
    return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
  }

  private static boolean asksClose(HttpRequest request) {
    String c = request.headers().first("Connection");
    return c != null && c.toLowerCase(Locale.ROOT).contains("close");
  }
}
