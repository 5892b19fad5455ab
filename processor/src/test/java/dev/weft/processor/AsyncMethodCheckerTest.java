package dev.weft.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.weft.processor.TestSources.checkOnly;
import static dev.weft.processor.TestSources.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Each declaration diagnostic of {@code @Async} methods, pinned to the method's line. */
class AsyncMethodCheckerTest {

  @Test
  void abstractMethod() {
    JavaFileObject src =
        source(
            "Orders",
            "abstract class Orders {",
            "  @Async abstract Task<Integer> checkout();",
            "}");
    Compilation compilation = checkOnly(src);
    assertThat(compilation)
        .hadErrorContaining("[WeftAsyncWithoutBody] @Async on Orders.checkout, which has no body")
        .inFile(src)
        .onLineContaining("checkout()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void interfaceMethodWithoutBodyAndNativeMethod() {
    JavaFileObject src =
        source(
            "Orders",
            "interface Orders {",
            "  @Async Task<Integer> checkout();",
            "  class Impl {",
            "    @Async native Task<Integer> nativeCheckout();",
            "  }",
            "}");
    Compilation compilation = checkOnly(src);
    assertThat(compilation)
        .hadErrorContaining("[WeftAsyncWithoutBody]")
        .inFile(src)
        .onLineContaining("Task<Integer> checkout();");
    assertThat(compilation)
        .hadErrorContaining("[WeftAsyncWithoutBody] @Async on Impl.nativeCheckout")
        .inFile(src)
        .onLineContaining("nativeCheckout()");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void returnTypes() {
    JavaFileObject src =
        source(
            "Orders",
            "class Orders {",
            "  @Async String name() { return null; }",
            "  @Async void run() {}",
            "  @Async int count() { return 0; }",
            "  @Async java.util.concurrent.Future<String> future() { return null; }",
            "}");
    Compilation compilation = checkOnly(src);
    assertThat(compilation)
        .hadErrorContaining(
            "[WeftAsyncReturnType] @Async method Orders.name returns java.lang.String, but an"
                + " @Async method must return dev.weft.Task, CompletableFuture or CompletionStage;"
                + " declare it to return Task<java.lang.String>")
        .inFile(src)
        .onLineContaining("name()");
    assertThat(compilation)
        .hadErrorContaining("declare it to return Task<Void>")
        .inFile(src)
        .onLineContaining("run()");
    assertThat(compilation)
        .hadErrorContaining("declare it to return Task<Integer>")
        .inFile(src)
        .onLineContaining("count()");
    assertThat(compilation)
        .hadErrorContaining(
            "declare it to return Task<java.lang.String> instead of"
                + " java.util.concurrent.Future<java.lang.String>")
        .inFile(src)
        .onLineContaining("future()");
    assertThat(compilation).hadErrorCount(4);
  }

  /**
   * A future-like type (a Future subtype, or a type named like one, as Guava's ListenableFuture or
   * Vert.x's Future) suggests a Task of its value; other generic types a Task of themselves.
   */
  @Test
  void returnTypeSuggestionsForFuturesAndOtherGenericTypes() {
    JavaFileObject src =
        source(
            "Orders",
            "class Orders {",
            "  interface ListenableFuture<V> extends Future<V> {}",
            "  interface VertxFuture<V> {}",
            "  static class MyFuture<V> extends CompletableFuture<V> {}",
            "  @Async ListenableFuture<Integer> listenable() { return null; }",
            "  @Async VertxFuture<Long> vertx() { return null; }",
            "  @Async MyFuture<String> subclass() { return null; }",
            "  @Async Future<?> wildcard() { return null; }",
            "  @Async java.util.List<String> list() { return null; }",
            "}");
    Compilation compilation = checkOnly(src);
    assertThat(compilation)
        .hadErrorContaining(
            "declare it to return Task<java.lang.Integer> instead of"
                + " test.Orders.ListenableFuture<java.lang.Integer>")
        .inFile(src)
        .onLineContaining("listenable()");
    assertThat(compilation)
        .hadErrorContaining("declare it to return Task<java.lang.Long> instead of")
        .inFile(src)
        .onLineContaining("vertx()");
    assertThat(compilation)
        .hadErrorContaining("declare it to return Task<java.lang.String> instead of")
        .inFile(src)
        .onLineContaining("subclass()");
    assertThat(compilation)
        .hadErrorContaining("declare it to return Task<?> instead of")
        .inFile(src)
        .onLineContaining("wildcard()");
    assertThat(compilation)
        .hadErrorContaining("declare it to return Task<java.util.List<java.lang.String>> and")
        .inFile(src)
        .onLineContaining("list()");
    assertThat(compilation).hadErrorCount(5);
  }

  @Test
  void allowedReturnTypesIncludingRawAndSubtypeArguments() {
    JavaFileObject src =
        source(
            "Orders",
            "class Orders {",
            "  @Async Task<String> a() { return Task.completed(\"\"); }",
            "  @SuppressWarnings(\"rawtypes\") @Async Task b() { return Task.completed(1); }",
            "  @Async CompletableFuture<? extends Number> c() { return null; }",
            "  @Async CompletionStage<Void> d() { return null; }",
            "}");
    assertThat(checkOnly(src)).succeededWithoutWarnings();
  }

  @Test
  void synchronizedMethod() {
    JavaFileObject src =
        source(
            "Orders",
            "class Orders {",
            "  @Async synchronized Task<Integer> checkout(CompletionStage<Integer> s) {",
            "    return Task.completed(await(s));",
            "  }",
            "}");
    Compilation compilation = checkOnly(src);
    assertThat(compilation)
        .hadErrorContaining(
            "[WeftAsyncSynchronized] @Async method Orders.checkout is synchronized, but its"
                + " monitor would be released at the first suspension and the rest of the body"
                + " would run without it, on another thread; remove synchronized and guard the"
                + " shared state with an async lock, a dev.weft.sync.Semaphore(1)"
                + " (await(lock.acquire()); try { ... } finally { lock.release(); }, or"
                + " lock.withPermit(...)), or keep it on one event loop.")
        .inFile(src)
        .onLineContaining("checkout(");
    assertThat(compilation).hadErrorCount(1);
  }
}
