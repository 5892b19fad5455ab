package dev.weft.http;

import dev.weft.Task;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;

/**
 * An {@link HttpHandler} that picks a handler by method and path. A path pattern is exact ({@code
 * /health}), has {@code {name}} segments that match one path segment each ({@code
 * /items/{id}}, read with {@link HttpRequest#pathParam}), or ends in {@code /*} to match every path
 * under a prefix ({@code /static/*}). Routes are tried in the order they were added; the first
 * whose method and pattern match answers. A path that some route matches under other methods is
 * answered {@code 405} with an {@code Allow} field naming them; a path no route matches, {@code
 * 404}. A {@code HEAD} request is answered by the {@code GET} route when there is no {@code HEAD}
 * one (the server sends the head only).
 *
 * <pre>{@code
 * Router router = new Router()
 *     .get("/", request -> Task.completed(HttpResponse.text(200, "home")))
 *     .get("/items/{id}", request -> item(request.pathParam("id")))
 *     .post("/items", request -> create(request.bodyText()));
 * }</pre>
 *
 * <p>Add the routes before the server starts; after that the router is only read, from any
 * loop. Path parameters are the path's bytes as sent, not percent-decoded.
 */
public final class Router implements HttpHandler {
  /** The answer to a path no route matches, plain ASCII like the server's own error answers. */
  private static final HttpResponse NOT_FOUND = HttpResponse.of(404,
      HttpHeaders.of("Content-Type", "text/plain"),
      "no such path\n".getBytes(StandardCharsets.US_ASCII));

  private final List<Route> routes = new ArrayList<>();

  /** A router without routes: every request is answered 404. */
  public Router() {}

  /**
   * Adds a route: {@code method} requests whose path matches {@code pattern} go to {@code
   * handler}.
   *
   * @throws IllegalArgumentException if the method is not a token, or the pattern does not start
   *     with {@code /}, has an empty or unclosed {@code {}} segment, or a {@code *} that is not
   *     its whole last segment
   */
  public Router route(String method, String pattern, HttpHandler handler) {
    if (!HttpHeaders.isToken(Objects.requireNonNull(method, "method"))) {
      throw new IllegalArgumentException("Router.route: method '" + method + "' is not a token");
    }
    routes.add(new Route(method, PathPattern.parse(pattern), Objects.requireNonNull(handler)));
    return this;
  }

  /** {@link #route} for {@code GET} (which also answers {@code HEAD}). */
  public Router get(String pattern, HttpHandler handler) {
    return route("GET", pattern, handler);
  }

  /** {@link #route} for {@code POST}. */
  public Router post(String pattern, HttpHandler handler) {
    return route("POST", pattern, handler);
  }

  /** {@link #route} for {@code PUT}. */
  public Router put(String pattern, HttpHandler handler) {
    return route("PUT", pattern, handler);
  }

  /** {@link #route} for {@code DELETE}. */
  public Router delete(String pattern, HttpHandler handler) {
    return route("DELETE", pattern, handler);
  }

  @Override
  public CompletionStage<HttpResponse> handle(HttpRequest request) {
    String path = request.path();
    TreeSet<String> allowed = null;
    Route getForHead = null;
    Map<String, String> headParams = null;
    for (Route route : routes) {
      Map<String, String> params = route.pattern.match(path);
      if (params == null) {
        continue;
      }
      if (route.method.equals(request.method())) {
        return route.handler.handle(request.withPathParams(params));
      }
      if (getForHead == null && route.method.equals("GET") && request.method().equals("HEAD")) {
        getForHead = route;
        headParams = params;
      }
      if (allowed == null) {
        allowed = new TreeSet<>();
      }
      allowed.add(route.method);
      if (route.method.equals("GET")) {
        allowed.add("HEAD");
      }
    }
    if (getForHead != null) {
      return getForHead.handler.handle(request.withPathParams(headParams));
    }
    if (allowed == null) {
      return Task.completed(NOT_FOUND);
    }
    return Task.completed(HttpResponse.of(405, HttpHeaders.of(
        "Allow", String.join(", ", allowed), "Content-Type", "text/plain"),
        "method not allowed\n".getBytes(StandardCharsets.US_ASCII)));
  }

  private static final class Route {
    final String method;
    final PathPattern pattern;
    final HttpHandler handler;

    Route(String method, PathPattern pattern, HttpHandler handler) {
      this.method = method;
      this.pattern = pattern;
      this.handler = handler;
    }
  }
}
