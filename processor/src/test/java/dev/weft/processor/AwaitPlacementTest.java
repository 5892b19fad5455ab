package dev.weft.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.weft.processor.TestSources.checkOnly;
import static dev.weft.processor.TestSources.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import javax.annotation.processing.Processor;
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
            "    int z = await(s, java.io.IOException.class, TimeoutException.class);",
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
        .onLineContaining("IOException.class);");
    assertThat(compilation)
        .hadErrorContaining("[WeftAwaitOutsideAsync]")
        .inFile(src)
        .onLineContaining("TimeoutException.class");
    assertThat(compilation).hadErrorCount(3);
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

  /** Spring's @Async (or any other annotation named Async) is not Weft's: the message says so. */
  @Test
  void awaitOutsideAsync_methodCarriesAnotherAsync() {
    JavaFileObject spring =
        JavaFileObjects.forSourceLines(
            "org.springframework.scheduling.annotation.Async",
            "package org.springframework.scheduling.annotation;",
            "public @interface Async {}");
    JavaFileObject src =
        JavaFileObjects.forSourceLines(
            "test.Orders",
            "package test;",
            "import dev.weft.Task;",
            "import org.springframework.scheduling.annotation.Async;",
            "import static dev.weft.Task.await;",
            "import java.util.concurrent.CompletionStage;",
            "class Orders {",
            "  @Async Task<Integer> load(CompletionStage<Integer> s) {",
            "    return Task.completed(await(s)); // load",
            "  }",
            "  @Deprecated Task<Integer> plain(CompletionStage<Integer> s) {",
            "    return Task.completed(Task.await(s));",
            "  }",
            "}");
    Compilation compilation = checkOnly(src, spring);
    assertThat(compilation)
        .hadErrorContaining(
            "[WeftAwaitOutsideAsync] await() in Orders.load, which is not an @Async method (it is"
                + " annotated @org.springframework.scheduling.annotation.Async, not"
                + " @dev.weft.annotations.Async)")
        .inFile(src)
        .onLineContaining("// load");
    assertThat(compilation)
        .hadErrorContaining("annotate Orders.load with @dev.weft.annotations.Async")
        .inFile(src)
        .onLineContaining("// load");
    assertThat(compilation)
        .hadErrorContaining(
            "[WeftAwaitOutsideAsync] await() in Orders.plain, which is not an @Async method,")
        .inFile(src)
        .onLineContaining("Task.await(s)");
    assertThat(compilation).hadErrorCount(2);
  }

  /** Spring's @Async on the class makes every method async for Spring, none for Weft. */
  @Test
  void awaitOutsideAsync_classCarriesAnotherAsync() {
    JavaFileObject other =
        JavaFileObjects.forSourceLines(
            "com.acme.Async", "package com.acme;", "public @interface Async {}");
    JavaFileObject src =
        source(
            "Orders",
            "@com.acme.Async class Orders {",
            "  Task<Integer> load(CompletionStage<Integer> s) {",
            "    return Task.completed(await(s));",
            "  }",
            "}");
    Compilation compilation = checkOnly(src, other);
    assertThat(compilation)
        .hadErrorContaining(
            "[WeftAwaitOutsideAsync] await() in Orders.load, which is not an @Async method (its"
                + " class is annotated @com.acme.Async, which does not make it a"
                + " @dev.weft.annotations.Async method)")
        .inFile(src)
        .onLineContaining("await(s)");
    assertThat(compilation).hadErrorCount(1);
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
                + " the monitor on another thread; move the await out of the block, or guard the"
                + " state with an async lock, a dev.weft.sync.Semaphore(1) (await(lock.acquire());"
                + " try { ... } finally { lock.release(); }, or lock.withPermit(...)).")
        .inFile(src)
        .onLineContaining("await(s)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void awaitWithTwoCheckedTypesIsCheckedLikeAnyAwait() {
    JavaFileObject src =
        source(
            "Orders",
            "class Orders {",
            "  private final Object lock = new Object();",
            "  @Async Task<Integer> checkout(CompletionStage<Integer> s) throws Exception {",
            "    synchronized (lock) {",
            "      int x = await(s, java.io.IOException.class, TimeoutException.class);",
            "    }",
            "    Callable<Integer> c = () -> Task.await(s, java.io.IOException.class, TimeoutException.class);",
            "    return Task.completed(1);",
            "  }",
            "}");
    Compilation compilation = checkOnly(src);
    assertThat(compilation)
        .hadErrorContaining("[WeftAwaitInSynchronized] await() inside synchronized in Orders.checkout")
        .inFile(src)
        .onLineContaining("int x = await(");
    assertThat(compilation)
        .hadErrorContaining("[WeftAwaitInLambda] await() inside a lambda in Orders.checkout")
        .inFile(src)
        .onLineContaining("Callable<Integer>");
    assertThat(compilation).hadErrorCount(2);
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
            "    try {",
            "      z += await(s, java.io.IOException.class, TimeoutException.class);",
            "    } catch (java.io.IOException e) {",
            "      z = -1;",
            "    } catch (TimeoutException e) {",
            "      z = -2;",
            "    }",
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

  /** A superclass another processor generates in round 1, as AutoValue, Dagger or JMH would. */
  private static final String[] GENERATED_BASE = {
    "package test;",
    "public abstract class GeneratedBase {",
    "  protected abstract int size();",
    "}"
  };

  /**
   * Regression: the awaits were resolved in process(), which made javac attribute Orders in round
   * 1, before GeneratedBase existed, and fail with "method does not override or implement a
   * method from a supertype". They are now checked after javac attributes the class.
   */
  @Test
  void typesGeneratedByOtherProcessorsInTheSameCompilationResolve() {
    JavaFileObject src =
        source(
            "Orders",
            "class Orders extends GeneratedBase {",
            "  @Override protected int size() { return 1; }",
            "  @Async Task<Integer> checkout(CompletionStage<Integer> s) {",
            "    return Task.completed(await(s) + size());",
            "  }",
            "}");
    for (boolean weftFirst : new boolean[] {true, false}) {
      RecordingWeaver weaver = new RecordingWeaver();
      Processor weft = new WeftProcessor(hierarchy -> weaver);
      Processor generator = new GeneratingProcessor("test.GeneratedBase", GENERATED_BASE);
      Compilation compilation =
          Compiler.javac()
              .withProcessors(weftFirst ? weft : generator, weftFirst ? generator : weft)
              .compile(TestSources.withTask(src));
      assertThat(compilation).succeededWithoutWarnings();
      assertThat(weaver.woven).containsExactly("test/Orders");
    }
  }

  @Test
  void misplacedAwaitNextToGeneratedTypesIsStillReportedOnItsLine() {
    JavaFileObject src =
        source(
            "Orders",
            "class Orders extends GeneratedBase {",
            "  @Override protected int size() { return await(new CompletableFuture<Integer>()); }",
            "}");
    Compilation compilation =
        Compiler.javac()
            .withProcessors(
                new GeneratingProcessor("test.GeneratedBase", GENERATED_BASE), new WeftProcessor())
            .compile(TestSources.withTask(src));
    assertThat(compilation)
        .hadErrorContaining("[WeftAwaitOutsideAsync] await() in Orders.size, which is not an @Async")
        .inFile(src)
        .onLineContaining("await(");
    assertThat(compilation).hadErrorCount(1);
  }

  /** Without a JavacTask to listen to, process() checks the awaits, with the same diagnostics. */
  @Test
  void fallbackInProcessReportsTheSameDiagnostics() {
    JavaFileObject src =
        source(
            "Orders",
            "class Orders {",
            "  private final Object lock = new Object();",
            "  Task<Integer> load(CompletionStage<Integer> s) {",
            "    return Task.completed(await(s));",
            "  }",
            "  @Async Task<Integer> checkout(CompletionStage<Integer> s) {",
            "    synchronized (lock) {",
            "      return Task.completed(Task.await(s));",
            "    }",
            "  }",
            "}");
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new WeftProcessor(hierarchy -> new RecordingWeaver(), false))
            .withOptions("-Aweft.weave=false")
            .compile(TestSources.withTask(src));
    assertThat(compilation)
        .hadErrorContaining("[WeftAwaitOutsideAsync] await() in Orders.load, which is not an @Async")
        .inFile(src)
        .onLineContaining("Task.completed(await(s))");
    assertThat(compilation)
        .hadErrorContaining("[WeftAwaitInSynchronized] await() inside synchronized in Orders.checkout")
        .inFile(src)
        .onLineContaining("Task.await(s)");
    assertThat(compilation).hadErrorCount(2);
  }

  /**
   * After an error in annotation processing javac does not attribute, so the awaits are checked in
   * the last round; where javac attributes anyway (should-stop.ifError=FLOW, as Error Prone users
   * set it) they must not be reported a second time.
   */
  @Test
  void awaitsAreCheckedOnceAfterADeclarationError() {
    JavaFileObject src =
        source(
            "Orders",
            "class Orders {",
            "  int plain(CompletionStage<Integer> s) { return await(s); }",
            "  @Async String name() { return null; }",
            "}");
    for (String stopIfError : List.of("INIT", "FLOW")) {
      Compilation compilation =
          Compiler.javac()
              .withProcessors(new WeftProcessor())
              .withOptions("-Aweft.weave=false", "-XDshould-stop.ifError=" + stopIfError)
              .compile(TestSources.withTask(src));
      assertThat(compilation)
          .hadErrorContaining("[WeftAwaitOutsideAsync]")
          .inFile(src)
          .onLineContaining("await(s)");
      assertThat(compilation)
          .hadErrorContaining("[WeftAsyncReturnType]")
          .inFile(src)
          .onLineContaining("String name()");
      assertThat(compilation).hadErrorCount(2);
    }
  }
}
