package dev.weft.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.weft.processor.TestSources.checkOnly;
import static dev.weft.processor.TestSources.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Each await-placement diagnostic, pinned to its line, and the placements that are fine. */
class AwaitPlacementTest {

  @Test
  void awaitOutsideAsync_staticImport() {
    JavaFileObject src =
        source(
            "Orders",
            "class Orders {",
            "  Task<Integer> load(CompletionStage<Integer> s) {",
            "    int x = await(s);",
            "    return Task.completed(x);",
            "  }",
            "}");
    Compilation compilation = checkOnly(src);
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("[WeftAwaitOutsideAsync] await() in Orders.load, which is not an @Async")
        .inFile(src)
        .onLineContaining("await(s)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void awaitOutsideAsync_qualifiedAndSecondOverload() {
    JavaFileObject src =
        source(
            "Orders",
            "class Orders {",
            "  void load(CompletionStage<Integer> s) throws Exception {",
            "    int x = Task.await(s);",
            "    int y = dev.weft.Task.await(s, java.io.IOException.class);",
            "  }",
            "}");
    Compilation compilation = checkOnly(src);
    assertThat(compilation)
        .hadErrorContaining("[WeftAwaitOutsideAsync]")
        .inFile(src)
        .onLineContaining("Task.await(s);");
    assertThat(compilation)
        .hadErrorContaining("[WeftAwaitOutsideAsync]")
        .inFile(src)
        .onLineContaining("IOException.class");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void awaitOutsideAsync_fieldInitializerAndLambdaOfPlainMethod() {
    JavaFileObject src =
        source(
            "Orders",
            "class Orders {",
            "  static final CompletableFuture<Integer> F = new CompletableFuture<>();",
            "  int first = await(F);",
            "  Runnable r() {",
            "    return () -> System.out.println(await(F));",
            "  }",
            "}");
    Compilation compilation = checkOnly(src);
    assertThat(compilation)
        .hadErrorContaining("[WeftAwaitOutsideAsync] await() in an initializer of Orders")
        .inFile(src)
        .onLineContaining("int first");
    assertThat(compilation)
        .hadErrorContaining("[WeftAwaitOutsideAsync] await() in a lambda in Orders.r")
        .inFile(src)
        .onLineContaining("println(await(F))");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void awaitInLambda() {
    JavaFileObject src =
        source(
            "Orders",
            "class Orders {",
            "  @Async Task<Integer> checkout(CompletionStage<Integer> s) {",
            "    Runnable r = () -> {",
            "      int x = await(s);",
            "    };",
            "    return Task.completed(1);",
            "  }",
            "}");
    Compilation compilation = checkOnly(src);
    assertThat(compilation)
        .hadErrorContaining("[WeftAwaitInLambda] await() inside a lambda in Orders.checkout")
        .inFile(src)
        .onLineContaining("await(s)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void awaitAsMethodReference() {
    JavaFileObject src =
        source(
            "Orders",
            "class Orders {",
            "  @Async Task<Integer> checkout(java.util.List<CompletionStage<Integer>> all) {",
            "    all.stream().map(Task::await).forEach(System.out::println);",
            "    return Task.completed(1);",
            "  }",
            "}");
    assertThat(checkOnly(src))
        .hadErrorContaining("[WeftAwaitInLambda] Task::await as a method reference")
        .inFile(src)
        .onLineContaining("Task::await");
  }

  @Test
  void awaitInAnonymousClass() {
    JavaFileObject src =
        source(
            "Orders",
            "class Orders {",
            "  @Async Task<Integer> checkout(CompletionStage<Integer> s) {",
            "    Runnable r = new Runnable() {",
            "      @Override public void run() {",
            "        int x = await(s);",
            "      }",
            "    };",
            "    return Task.completed(1);",
            "  }",
            "}");
    Compilation compilation = checkOnly(src);
    assertThat(compilation)
        .hadErrorContaining(
            "[WeftAwaitInLocalClass] await() inside (anonymous Runnable).run, a member of a local"
                + " or anonymous class in Orders.checkout")
        .inFile(src)
        .onLineContaining("await(s)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void awaitInLocalClassInitializer() {
    JavaFileObject src =
        source(
            "Orders",
            "class Orders {",
            "  @Async Task<Integer> checkout(CompletionStage<Integer> s) {",
            "    class Helper {",
            "      int value = await(s);",
            "    }",
            "    return Task.completed(new Helper().value);",
            "  }",
            "}");
    assertThat(checkOnly(src))
        .hadErrorContaining("[WeftAwaitInLocalClass] await() inside an initializer of Helper")
        .inFile(src)
        .onLineContaining("int value = await(s)");
  }

  @Test
  void asyncMethodOfAnonymousClassMayAwait() {
    JavaFileObject src =
        source(
            "Orders",
            "class Orders {",
            "  interface Step { Task<Integer> run(); }",
            "  @Async Task<Integer> checkout(CompletionStage<Integer> s) {",
            "    Step step = new Step() {",
            "      @Async @Override public Task<Integer> run() {",
            "        return Task.completed(await(s));",
            "      }",
            "    };",
            "    return Task.completed(await(step.run()));",
            "  }",
            "}");
    assertThat(checkOnly(src)).succeededWithoutWarnings();
  }

  @Test
  void awaitInSynchronized() {
    JavaFileObject src =
        source(
            "Orders",
            "class Orders {",
            "  private final Object lock = new Object();",
            "  @Async Task<Integer> checkout(CompletionStage<Integer> s) {",
            "    synchronized (lock) {",
            "      int x = await(s);",
            "    }",
            "    return Task.completed(1);",
            "  }",
            "}");
    Compilation compilation = checkOnly(src);
    assertThat(compilation)
        .hadErrorContaining(
            "[WeftAwaitInSynchronized] await() inside synchronized in Orders.checkout would release"
                + " the monitor on another thread; move the await out of the block or use an async"
                + " lock.")
        .inFile(src)
        .onLineContaining("await(s)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void awaitInSynchronizedLockExpressionIsFine() {
    JavaFileObject src =
        source(
            "Orders",
            "class Orders {",
            "  @Async Task<Integer> checkout(CompletionStage<Object> s) {",
            "    synchronized (await(s)) {",
            "      System.out.println();",
            "    }",
            "    return Task.completed(1);",
            "  }",
            "}");
    assertThat(checkOnly(src)).succeededWithoutWarnings();
  }

  @Test
  void validAwaitsCompile() {
    JavaFileObject src =
        source(
            "Orders",
            "class Orders {",
            "  @Async Task<Integer> a(CompletionStage<Integer> s) throws java.io.IOException {",
            "    int x = await(s);",
            "    int y = Task.await(s);",
            "    int z = dev.weft.Task.await(s, java.io.IOException.class);",
            "    return Task.completed(x + y + z);",
            "  }",
            "  @Async CompletableFuture<String> b(CompletionStage<String> s) {",
            "    return CompletableFuture.completedFuture(await(s));",
            "  }",
            "  @Async static CompletionStage<String> c(CompletionStage<String> s) {",
            "    return CompletableFuture.completedFuture(await(s));",
            "  }",
            "  class Inner {",
            "    @Async Task<Integer> d(CompletionStage<Integer> s) {",
            "      return Task.completed(await(s));",
            "    }",
            "  }",
            "  interface Api {",
            "    @Async default Task<Integer> e(CompletionStage<Integer> s) {",
            "      return Task.completed(await(s));",
            "    }",
            "  }",
            "}");
    assertThat(checkOnly(src)).succeededWithoutWarnings();
  }

  @Test
  void otherMethodsNamedAwaitAreIgnored() {
    JavaFileObject src =
        source(
            "Orders",
            "class Orders {",
            "  static int await(int x) { return x; }",
            "  int plain() { return await(1) + Other.await(2); }",
            "  static class Other { static int await(int x) { return x; } }",
            "}");
    assertThat(checkOnly(src)).succeededWithoutWarnings();
  }
}
