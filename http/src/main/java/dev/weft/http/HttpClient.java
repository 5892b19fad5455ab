package dev.weft.http;

import static dev.weft.Task.await;

import dev.weft.EventLoop;
import dev.weft.Task;
import dev.weft.annotations.Async;
import dev.weft.net.TlsConfig;
import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;

/**
 * An HTTP/1.1 client with a pool of keep-alive connections per {@code host:port}.
 *
 * <pre>{@code
 * HttpClient client = HttpClient.newBuilder().requestTimeout(Duration.ofSeconds(5)).build();
 *
 * @Async Task<String> greeting() throws IOException {
 *   HttpResponse r = await(client.send(HttpRequest.get("http://localhost:8080/hello")));
 *   return Task.completed(r.bodyText());
 * }
 * }</pre>
 *
 * <p>{@code https} URIs are sent over TLS with the SSL context of {@link Builder#tls} ({@link
 * SSLContext#getDefault()}, the JDK's trusted certificates, unless set): the server's certificate
 * must name the URI's host, which is sent as SNI; ALPN offers {@code http/1.1}. A certificate
 * that is not trusted fails the send with an {@link javax.net.ssl.SSLException}. TLS connections
 * are pooled and kept alive as plain ones, apart from them.
 *
 * <p>A request takes an idle connection to its host (the most recently used), or opens one while
 * fewer than {@link Builder#maxConnectionsPerHost} are open, or waits its turn for one. After the
 * exchange the connection goes back to the pool unless a side asked to close it or it failed.
 * A request that fails on a reused connection before any byte of a response came back (the server
 * closed the idle connection as the request left) is sent again on another connection if its
 * method is idempotent ({@code GET}, {@code HEAD}, {@code PUT}, {@code DELETE}, {@code OPTIONS}).
 *
 * <p>Time limits: {@link Builder#connectTimeout} for opening a connection, {@link
 * Builder#readTimeout} for each read of a response, {@link Builder#requestTimeout} for the whole
 * send (waiting for a connection included); each fails the send with {@link
 * java.util.concurrent.TimeoutException}, and the connection involved is closed. Cancelling the
 * task a send returned closes its connection too. All methods may be called from any thread; a
 * new connection is opened on the caller's loop (or the default group's next).
 */
public final class HttpClient implements AutoCloseable {
  private final int maxPerHost;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration requestTimeout;
  private final long idleNanos;
  private final long maxBodySize;
  private final Connector connector;
  private final TlsConfig tls;
  /** {@link Connector#tls} over {@link #tls} or the default context, made at the first use. */
  private volatile Connector tlsConnector;
  private final Map<String, HostPool> pools = new ConcurrentHashMap<>();

  private HttpClient(Builder b) {
    this.maxPerHost = b.maxPerHost;
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
    this.requestTimeout = b.requestTimeout;
    this.idleNanos = b.idleTimeout.toNanos();
    this.maxBodySize = b.maxBodySize;
    this.connector = b.connector;
    this.tls = b.tls;
  }

  /** A client with the defaults of {@link Builder}. */
  public static HttpClient create() {
    return newBuilder().build();
  }

  /** A builder of a client. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Sends {@code request} (built with {@link HttpRequest#get} or {@link HttpRequest#newBuilder})
   * to its host and reads the response whole.
   *
   * @return a task completed with the response, whatever its status; failed with {@link
   *     IOException} if the connection fails or the response is malformed, {@link
   *     java.util.concurrent.TimeoutException} if a time limit ran out, {@link
   *     IllegalStateException} if the client is closed
   */
  public Task<HttpResponse> send(HttpRequest request) {
    if (request.host() == null) {
      return Task.failed(new IllegalArgumentException("HttpClient.send: " + request
          + " has no host; build it with HttpRequest.get or HttpRequest.newBuilder"));
    }
    Task<HttpResponse> exchange;
    try {
      exchange = exchange(pool(request.isHttps(), request.host(), request.port()), request);
    } catch (IOException e) { // an @Async method fails its task instead; javac cannot tell
      exchange = Task.failed(e);
    }
    return requestTimeout.isZero() ? exchange : exchange.withTimeout(requestTimeout);
  }

  /**
   * How many connections to {@code host:port} are open now, and how many were opened in all:
   * {@code [open, opened]}, plain and TLS ones together.
   */
  public long[] connectionCounts(String host, int port) {
    long[] counts = new long[2];
    for (String key : new String[] {host + ":" + port, "https://" + host + ":" + port}) {
      HostPool pool = pools.get(key);
      if (pool != null) {
        long[] c = pool.counts();
        counts[0] += c[0];
        counts[1] += c[1];
      }
    }
    return counts;
  }

  /** Closes the idle connections and fails requests waiting for one; later sends fail. */
  @Override
  public void close() {
    for (HostPool pool : pools.values()) {
      pool.close();
    }
  }

  private HostPool pool(boolean https, String host, int port) {
    String key = (https ? "https://" : "") + host + ":" + port;
    return pools.computeIfAbsent(key, k -> new HostPool(maxPerHost, idleNanos,
        () -> connect(https, host, port)));
  }

  private Task<HttpClientConnection> connect(boolean https, String host, int port) {
    Connector c;
    try {
      c = https ? tlsConnector() : connector;
    } catch (NoSuchAlgorithmException e) {
      return Task.failed(e);
    }
    Task<HttpClientConnection> open = HttpClientConnection.open(c, host, port,
        EventLoop.currentOrNext(), readTimeout, maxBodySize);
    return connectTimeout.isZero() ? open : open.withTimeout(connectTimeout);
  }

  /** The TLS connector, over the default SSL context unless {@link Builder#tls} set one. */
  private Connector tlsConnector() throws NoSuchAlgorithmException {
    Connector c = tlsConnector;
    if (c == null) {
      c = Connector.tls(tls != null ? tls : TlsConfig.of(SSLContext.getDefault()));
      tlsConnector = c;
    }
    return c;
  }

  /** One exchange, sent again on another connection if a reused one was found closed. */
  @Async
  private Task<HttpResponse> exchange(HostPool pool, HttpRequest request) throws IOException {
    for (int attempt = 1; ; attempt++) {
      HttpClientConnection c = await(pool.acquire());
      boolean reused = c.exchanges() > 0;
      try {
        return Task.completed(await(c.send(request), IOException.class));
      } catch (IOException e) {
        if (!reused || attempt == 3 || c.receivedAny() || !idempotent(request.method())) {
          throw e;
        }
      } finally {
        pool.release(c);
      }
    }
  }

  private static boolean idempotent(String method) {
    switch (method) {
      case "GET": case "HEAD": case "PUT": case "DELETE": case "OPTIONS":
        return true;
      default:
        return false;
    }
  }

  /** Configures an {@link HttpClient}. Not thread-safe; every setter returns this builder. */
  public static final class Builder {
    private int maxPerHost = 16;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration requestTimeout = Duration.ZERO;
    private Duration idleTimeout = Duration.ofSeconds(50);
    private long maxBodySize = HttpClientConnection.DEFAULT_MAX_BODY;
    private Connector connector = Connector.plain();
    private TlsConfig tls;

    private Builder() {}

    /** The most connections open to one {@code host:port} at once; 16 by default. */
    public Builder maxConnectionsPerHost(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("HttpClient.Builder.maxConnectionsPerHost: " + max
            + " is not positive");
      }
      this.maxPerHost = max;
      return this;
    }

    /** How long opening a connection may take; 10 s by default, zero for no limit. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = notNegative("connectTimeout", timeout);
      return this;
    }

    /** How long each read of a response may wait; 30 s by default, zero for no limit. */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = notNegative("readTimeout", timeout);
      return this;
    }

    /** How long a whole send may take; no limit (zero) by default. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = notNegative("requestTimeout", timeout);
      return this;
    }

    /**
     * How long an idle connection stays in the pool; 50 s by default, under the 60 s or more
     * after which servers commonly close idle connections.
     */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = notNegative("idleTimeout", timeout);
      return this;
    }

    /** The longest response body taken, in bytes; 16 MiB by default. */
    public Builder maxBodySize(long bytes) {
      if (bytes < 0 || bytes > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("HttpClient.Builder.maxBodySize: " + bytes
            + " is not between 0 and " + (Integer.MAX_VALUE - 8));
      }
      this.maxBodySize = bytes;
      return this;
    }

    /**
     * How connections for {@code http} URIs are opened; {@link Connector#plain()} by default.
     * {@code https} ones are opened by {@link Connector#tls} with the {@link #tls} configuration.
     */
    public Builder connector(Connector connector) {
      this.connector = Objects.requireNonNull(connector, "connector");
      return this;
    }

    /**
     * The TLS configuration of {@code https} requests: its SSL context says which certificates
     * are trusted (and which key to present, if the server asks for one), its parameters the
     * protocols and cipher suites. By default {@code TlsConfig.of(SSLContext.getDefault())}, made
     * at the first {@code https} request. Its application protocols are replaced by {@code
     * http/1.1}, the one spoken here.
     */
    public Builder tls(TlsConfig config) {
      this.tls = Objects.requireNonNull(config, "config");
      return this;
    }

    /** The client. */
    public HttpClient build() {
      return new HttpClient(this);
    }

    private static Duration notNegative(String what, Duration d) {
      if (d.isNegative()) {
        throw new IllegalArgumentException("HttpClient.Builder." + what + ": " + d
            + " is negative");
      }
      return d;
    }
  }
}
