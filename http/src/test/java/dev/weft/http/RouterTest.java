package dev.weft.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Task;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Router} and its {@link PathPattern}s, without a server. */
class RouterTest {
  private static HttpRequest request(String method, String target) {
    return HttpRequest.received(method, target, HttpHeaders.of(), new byte[0], false, null);
  }

  private static HttpResponse answer(Router router, String method, String target) {
    return router.handle(request(method, target)).toCompletableFuture().join();
  }

  private static HttpHandler says(String what) {
    return r -> Task.completed(HttpResponse.text(200, what + (r.pathParam("id") == null ? ""
        : " " + r.pathParam("id"))));
  }

  @Test
  void patternsMatchExactParamAndPrefixPaths() {
    assertEquals(Map.of(), PathPattern.parse("/").match("/"));
    assertNull(PathPattern.parse("/").match("/a"));
    assertEquals(Map.of("id", "7", "sub", "x"),
        PathPattern.parse("/items/{id}/parts/{sub}").match("/items/7/parts/x"));
    assertNull(PathPattern.parse("/items/{id}").match("/items/"));
    assertNull(PathPattern.parse("/items/{id}").match("/items/7/more"));
    assertNull(PathPattern.parse("/items/{id}").match("/items"));
    assertEquals(Map.of(), PathPattern.parse("/static/*").match("/static/a/b.css"));
    assertEquals(Map.of(), PathPattern.parse("/static/*").match("/static/"));
    assertNull(PathPattern.parse("/static/*").match("/statics/a"));
    assertEquals(Map.of(), PathPattern.parse("/*").match("/anything/at/all"));
  }

  @Test
  void badPatternsAreRefusedNamingThePattern() {
    for (String bad : new String[] {"items", "/a/{}", "/a/{id", "/a*/b", "/a/*/b"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> new Router().get(bad, says("x")));
      assertTrue(e.getMessage().startsWith("Router.route: path pattern '" + bad + "'"),
          e.getMessage());
    }
  }

  @Test
  void firstMatchingRouteWinsAndParamsReachTheHandler() {
    Router router = new Router()
        .get("/items/new", says("form"))
        .get("/items/{id}", says("item"));
    assertEquals("form", answer(router, "GET", "/items/new").bodyText());
    assertEquals("item 9", answer(router, "GET", "/items/9?x=1").bodyText());
  }

  @Test
  void notFoundAndMethodNotAllowedWithAllow() {
    Router router = new Router()
        .get("/items/{id}", says("get"))
        .delete("/items/{id}", says("delete"))
        .post("/items", says("post"));
    HttpResponse missing = answer(router, "GET", "/other");
    assertEquals(404, missing.status());
    assertEquals("no such path\n", missing.bodyText());
    HttpResponse wrong = answer(router, "PUT", "/items/1");
    assertEquals(405, wrong.status());
    assertEquals("DELETE, GET, HEAD", wrong.headers().first("Allow"));
    assertEquals("get 1", answer(router, "HEAD", "/items/1").bodyText());
  }
}
