package dev.weft.http;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP/1.1 request: method, target, headers and a body held whole. The server makes one for
 * each request it reads (its body already complete, within {@link HttpServer.Builder#maxBodySize});
 * a client builds one with {@link #get} or {@link #newBuilder} and gives it to {@link
 * HttpClient#send}. Immutable.
 *
 * <pre>{@code
 * HttpRequest get = HttpRequest.get("http://localhost:8080/items/7");
 * HttpRequest post = HttpRequest.newBuilder("POST", "http://localhost:8080/items")
 *     .header("Content-Type", "application/json").body("{\"name\":\"x\"}").build();
 * }</pre>
 */
public final class HttpRequest {
  private static final byte[] NO_BODY = new byte[0];

  private final String method;
  private final String target;
  private final HttpHeaders headers;
  private final byte[] body;
  private final String host;
  private final int port;
  private final boolean https;
  private final boolean http10;
  private final Map<String, String> pathParams;
  private final InetSocketAddress remote;

  private HttpRequest(String method, String target, HttpHeaders headers, byte[] body, String host,
      int port, boolean https, boolean http10, Map<String, String> pathParams,
      InetSocketAddress remote) {
    this.method = method;
    this.target = target;
    this.headers = headers;
    this.body = body;
    this.host = host;
    this.port = port;
    this.https = https;
    this.http10 = http10;
    this.pathParams = pathParams;
    this.remote = remote;
  }

  /** A request the server read; {@code body} is not copied. */
  static HttpRequest received(String method, String target, HttpHeaders headers, byte[] body,
      boolean http10, InetSocketAddress remote) {
    return new HttpRequest(method, target, headers, body, null, -1, false, http10, Map.of(),
        remote);
  }

  /** This request with the parameters a route took from its path. */
  HttpRequest withPathParams(Map<String, String> params) {
    return new HttpRequest(method, target, headers, body, host, port, https, http10, params,
        remote);
  }

  /**
   * A GET of {@code uri} ({@code http://host[:port]/path[?query]}, or {@code https://...}).
   *
   * @throws IllegalArgumentException if {@code uri} is not an absolute http or https URI with a
   *     host
   */
  public static HttpRequest get(String uri) {
    return newBuilder("GET", uri).build();
  }

  /**
   * A builder of a request with {@code method} to {@code uri} ({@code http://host[:port]/path}
   * or {@code https://host[:port]/path}).
   *
   * @throws IllegalArgumentException if the method is not a token or {@code uri} is not an
   *     absolute http or https URI with a host
   */
  public static Builder newBuilder(String method, String uri) {
    return new Builder(method, URI.create(uri));
  }

  /** The method, e.g. {@code GET}, as sent (methods are case-sensitive). */
  public String method() {
    return method;
  }

  /** The request target as sent: the path and the query, e.g. {@code /items?page=2}. */
  public String target() {
    return target;
  }

  /** The path part of the target, without the query. */
  public String path() {
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  /** The query part of the target (after {@code ?}), or null if it has none. */
  public String query() {
    int q = target.indexOf('?');
    return q < 0 ? null : target.substring(q + 1);
  }

  /** The header fields. */
  public HttpHeaders headers() {
    return headers;
  }

  /** A copy of the body's bytes; empty if there is none. */
  public byte[] body() {
    return body.length == 0 ? body : body.clone();
  }

  /** The body's length in bytes. */
  public int bodyLength() {
    return body.length;
  }

  /** The body decoded as UTF-8. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body without a copy, for this package. */
  byte[] bodyBytes() {
    return body;
  }

  /**
   * The value a route's {@code {name}} segment matched, or null if the route has no such
   * parameter (see {@link Router}).
   */
  public String pathParam(String name) {
    return pathParams.get(name);
  }

  /** The host to connect to (a client's request), or null for a request the server read. */
  public String host() {
    return host;
  }

  /** The port to connect to (a client's request), or -1 for a request the server read. */
  public int port() {
    return port;
  }

  /**
   * Whether the request goes over TLS: its URI is {@code https} (a client's request); false for
   * a request the server read.
   */
  public boolean isHttps() {
    return https;
  }

  /** The client's address (a request the server read), or null for a client's request. */
  public InetSocketAddress remoteAddress() {
    return remote;
  }

  /** Whether the request came as HTTP/1.0 (a request the server read). */
  public boolean isHttp10() {
    return http10;
  }

  @Override
  public String toString() {
    return "HttpRequest[" + method + " " + (host == null ? "" : (https ? "https://" : "")
        + host + ":" + port) + target
        + ", " + body.length + " body bytes]";
  }

  /** Builds a client's {@link HttpRequest}. Not thread-safe. */
  public static final class Builder {
    private final String method;
    private final String host;
    private final int port;
    private final boolean https;
    private final String target;
    private HttpHeaders headers = HttpHeaders.of();
    private byte[] body = NO_BODY;

    private Builder(String method, URI uri) {
      if (!HttpHeaders.isToken(Objects.requireNonNull(method, "method"))) {
        throw new IllegalArgumentException("HttpRequest.newBuilder: method '" + method
            + "' is not a token");
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new IllegalArgumentException("HttpRequest.newBuilder: want an absolute http or"
            + " https URI with a host, got '" + uri + "'");
      }
      this.method = method;
      this.host = uri.getHost();
      this.https = scheme.equals("https");
      this.port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      this.target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /**
     * Adds a header field. {@code Host}, {@code Content-Length} and {@code Transfer-Encoding} are
     * set by the client; {@code Connection: close} asks for the connection not to be reused.
     *
     * @throws IllegalArgumentException as {@link HttpHeaders#with} does
     */
    public Builder header(String name, String value) {
      headers = headers.with(name, value);
      return this;
    }

    /** Sets the body (the array is copied). */
    public Builder body(byte[] bytes) {
      body = bytes.clone();
      return this;
    }

    /** Sets the body to {@code text} in UTF-8. */
    public Builder body(String text) {
      body = text.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    /** The request. */
    public HttpRequest build() {
      return new HttpRequest(method, target, headers, body, host, port, https, false, Map.of(),
          null);
    }
  }
}
