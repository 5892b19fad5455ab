package dev.weft.http;

import static dev.weft.Task.await;

import dev.weft.EventLoopGroup;
import dev.weft.Task;
import dev.weft.annotations.Async;
import dev.weft.net.TcpConnection;
import dev.weft.net.TcpServer;
import dev.weft.net.TlsConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * An HTTP/1.1 server on a {@link TcpServer}: each connection is served on one event loop by an
 * {@code @Async} loop, requests are answered by an {@link HttpHandler} (usually a {@link Router}).
 *
 * <pre>{@code
 * Router router = new Router()
 *     .get("/hello", request -> Task.completed(HttpResponse.text(200, "Hello!")))
 *     .get("/items/{id}", request -> items.find(request.pathParam("id")));
 * HttpServer server = HttpServer.newBuilder().port(8080).start(router);
 * ...
 * server.closeGracefully(Duration.ofSeconds(5)).join();
 * }</pre>
 *
 * <p>What it does for every handler:
 *
 * <ul>
 *   <li>Keep-alive: HTTP/1.1 connections stay open unless a side says {@code Connection: close};
 *       HTTP/1.0 ones close unless the client asks for {@code keep-alive}. Pipelined requests are
 *       answered in order; answers ready together go out in one write.
 *   <li>Bodies: a request body ({@code Content-Length} or chunked, {@code Expect: 100-continue}
 *       honoured) is read whole before the handler is called, up to {@link Builder#maxBodySize}
 *       (413 beyond). A response body is whole, or streamed by a {@link BodyProducer} (chunked
 *       when no length is given).
 *   <li>Timeouts: a request head must be complete within {@link Builder#headerTimeout} of its
 *       first byte (408 after), a kept-alive connection or a body may stay silent for {@link
 *       Builder#idleTimeout} (then it is closed, or answered 408 mid-body).
 *   <li>Protections: malformed or ambiguous framing is answered 400, unknown transfer codings
 *       501, a head over {@link Builder#maxHeadSize} bytes or {@link Builder#maxHeaderCount}
 *       fields 431, each closing the connection; error bodies never repeat the request's bytes. A
 *       handler that throws or fails is answered 500 and logged through {@link System.Logger}
 *       {@code dev.weft.http.HttpServer}.
 *   <li>It binds the loopback address unless told otherwise.
 * </ul>
 *
 * <p>HTTPS is the same server over TLS ({@link Builder#tls}):
 *
 * <pre>{@code
 * HttpServer server = HttpServer.newBuilder().port(8443)
 *     .tls(TlsConfig.of(sslContext))   // the key and certificate the server presents
 *     .start(router);
 * }</pre>
 *
 * <p>Each accepted connection makes the TLS handshake first (ALPN: {@code http/1.1}); the
 * handshake counts towards the first request's {@link Builder#headerTimeout}, and everything
 * after it (timeouts, limits, keep-alive, streaming) is as over plain TCP. A handshake that fails
 * or does not end in time (a client that does not trust the certificate, plain HTTP sent to the
 * TLS port, a scanner) closes the connection, never reaches the handler, and is logged at DEBUG.
 * A connection that ends sends close_notify first.
 *
 * <p>All methods may be called from any thread.
 */
public final class HttpServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(HttpServer.class.getName());

  private final Limits limits;
  private final HttpHandler handler;
  private final ThreadLocal<ByteBuffer> loopBuffer;
  private final Set<ServerConnection> connections = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;
  private TcpServer tcp;

  private HttpServer(Limits limits, HttpHandler handler) {
    this.limits = limits;
    this.handler = handler;
    this.loopBuffer = ThreadLocal.withInitial(() -> ByteBuffer.allocate(limits.maxHeadSize));
  }

  /** A builder of a server with the defaults: loopback port 8080, the default loop group. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /** The address the server is bound to (its port, if port 0 was asked for). */
  public InetSocketAddress localAddress() {
    return tcp.localAddress();
  }

  /** How many connections are open. */
  public int connectionCount() {
    return tcp.connectionCount();
  }

  /**
   * Stops gracefully: stops accepting, closes connections waiting for a request, lets requests
   * under way finish (their answers say {@code Connection: close}), and closes what is still open
   * after {@code timeout}.
   *
   * @return a task completed once every connection is gone
   */
  public Task<Void> closeGracefully(Duration timeout) {
    stopping = true;
    for (ServerConnection c : connections) {
      try {
        c.transport.loop().execute(c::stopIfIdle);
      } catch (RejectedExecutionException e) {
        c.transport.close(); // its loop is shutting down
      }
    }
    return tcp.closeGracefully(timeout);
  }

  /** Stops accepting and closes every connection now. */
  @Override
  public void close() {
    stopping = true;
    tcp.close();
  }

  @Override
  public String toString() {
    return "HttpServer[" + tcp.localAddress() + ", " + tcp.connectionCount() + " connections]";
  }

  /**
   * Serves {@code conn} once {@code wrap} made it a transport (a TLS handshake, which must end
   * within the header timeout, as it counts towards the first request's head); on the
   * connection's loop. A transport that cannot be made ends the connection quietly.
   */
  @Async
  private Task<Void> serveOver(
      Function<? super TcpConnection, ? extends CompletionStage<Transport>> wrap,
      TcpConnection conn) {
    long opened = System.nanoTime();
    Transport t;
    try {
      t = await(Task.timeout(wrap.apply(conn), Duration.ofNanos(limits.headerNanos)));
    } catch (Exception e) { // an SSLException of the handshake, or the header timeout
      if (!(e instanceof IOException || e instanceof TimeoutException)) {
        throw e; // a bug in the function, or the server stopping: TcpServer deals with it
      }
      transportFailed(conn, e);
      return Task.completed(null);
    }
    try {
      await(new ServerConnection(this, t, opened).serve());
    } finally {
      t.close(); // TLS: close_notify before TCP's close
    }
    return Task.completed(null);
  }

  Limits limits() {
    return limits;
  }

  HttpHandler handler() {
    return handler;
  }

  boolean isStopping() {
    return stopping;
  }

  /** The input buffer of the calling loop thread, shared by the connections of that loop. */
  ByteBuffer loopBuffer() {
    return loopBuffer.get();
  }

  void opened(ServerConnection c) {
    connections.add(c);
  }

  void closed(ServerConnection c) {
    connections.remove(c);
  }

  void handlerFailed(HttpRequest request, Throwable e) {
    LOG.log(System.Logger.Level.WARNING, "HttpServer: the handler failed on " + request
        + "; answered 500", e);
  }

  /** A handshake failed or took too long: the network's ordinary behaviour, logged at DEBUG. */
  void transportFailed(TcpConnection conn, Exception e) {
    LOG.log(System.Logger.Level.DEBUG, () -> "HttpServer: no transport over " + conn
        + ", closed: " + e);
  }

  void producerFailed(HttpResponse response, Throwable e) {
    LOG.log(System.Logger.Level.DEBUG, "HttpServer: the body of " + response
        + " was cut short; connection closed", e);
  }

  /**
   * Configures and starts an {@link HttpServer}. Not thread-safe; every setter returns this
   * builder.
   */
  public static final class Builder {
    private InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080);
    private EventLoopGroup group;
    private Duration headerTimeout = Duration.ofSeconds(60);
    private Duration idleTimeout = Duration.ofSeconds(75);
    private int maxHeadSize = 8192;
    private int maxHeaderCount = 100;
    private long maxBodySize = 1 << 20;
    /** Null for plain TCP, served without a detour. */
    private Function<? super TcpConnection, ? extends CompletionStage<Transport>> transport;

    private Builder() {}

    /** The address to bind; the default is the loopback address, port 8080. */
    public Builder address(InetSocketAddress address) {
      this.address = Objects.requireNonNull(address, "address");
      return this;
    }

    /** The port to bind on the loopback address; 0 picks a free one. */
    public Builder port(int port) {
      this.address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
      return this;
    }

    /** The loops the connections are spread over; the default group if not set. */
    public Builder group(EventLoopGroup group) {
      this.group = Objects.requireNonNull(group, "group");
      return this;
    }

    /**
     * How long a request head may take from its first byte (or, for the first request, from the
     * connection's opening, a TLS handshake included); 408 after, or a silent close when the
     * handshake itself is not done by then. 60 seconds by default, as nginx's {@code
     * client_header_timeout}.
     */
    public Builder headerTimeout(Duration timeout) {
      this.headerTimeout = positive("headerTimeout", timeout);
      return this;
    }

    /**
     * How long a kept-alive connection may wait silent for its next request (then it is closed
     * without a word), and each read of a request body may wait (408 after). 75 seconds by
     * default, as nginx's {@code keepalive_timeout}.
     */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = positive("idleTimeout", timeout);
      return this;
    }

    /** The longest request head taken, in bytes; 431 beyond. 8192 by default. */
    public Builder maxHeadSize(int bytes) {
      if (bytes < 256) {
        throw new IllegalArgumentException("HttpServer.Builder.maxHeadSize: " + bytes
            + " bytes is less than the minimum of 256");
      }
      this.maxHeadSize = bytes;
      return this;
    }

    /** The most header fields a request may have; 431 beyond. 100 by default. */
    public Builder maxHeaderCount(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("HttpServer.Builder.maxHeaderCount: " + count
            + " is not positive");
      }
      this.maxHeaderCount = count;
      return this;
    }

    /** The longest request body taken, in bytes; 413 beyond. 1 MiB by default. */
    public Builder maxBodySize(long bytes) {
      if (bytes < 0 || bytes > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("HttpServer.Builder.maxBodySize: " + bytes
            + " is not between 0 and " + (Integer.MAX_VALUE - 8));
      }
      this.maxBodySize = bytes;
      return this;
    }

    /**
     * How each accepted connection becomes the byte stream HTTP runs over; plain TCP ({@link
     * Transport#of}) by default. A TLS layer goes here: it handshakes and completes the stage with
     * its transport. A stage that fails closes the connection.
     */
    public Builder transport(
        Function<? super TcpConnection, ? extends CompletionStage<Transport>> transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * Serves HTTPS: each accepted connection makes the TLS handshake as a server with {@code
     * config} (its SSL context holds the key and certificate presented, its parameters any
     * client authentication), accepting {@code http/1.1} through ALPN, before HTTP/1.1 runs over
     * it. Sets the {@link #transport} function, replacing one set before.
     */
    public Builder tls(TlsConfig config) {
      Objects.requireNonNull(config, "config");
      this.transport = conn -> TlsTransport.server(conn, config);
      return this;
    }

    /**
     * Binds the address and starts serving with {@code handler}.
     *
     * @throws IOException if the address cannot be bound
     */
    public HttpServer start(HttpHandler handler) throws IOException {
      Objects.requireNonNull(handler, "handler");
      HttpServer server = new HttpServer(new Limits(headerTimeout, idleTimeout, maxHeadSize,
          maxHeaderCount, maxBodySize), handler);
      EventLoopGroup loops = group != null ? group : EventLoopGroup.defaultGroup();
      Function<? super TcpConnection, ? extends CompletionStage<Transport>> wrap = transport;
      server.tcp = TcpServer.start(loops, address, wrap == null
          ? conn -> new ServerConnection(server, Transport.of(conn), System.nanoTime()).serve()
          : conn -> server.serveOver(wrap, conn));
      return server;
    }

    private static Duration positive(String what, Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("HttpServer.Builder." + what + ": " + d
            + " is not positive");
      }
      return d;
    }
  }
}
