package dev.weft.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.weft.processor.TestSources.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code WeftDiscardedTask}: an {@code @Async} method that calls something returning a stage as a
 * statement, so that the stage is dropped without an await, is warned about on that line.
 */
class DiscardedTaskTest {
  /** Stand-ins for the runtime's semaphore and scope: the check looks at names and types only. */
  private static final JavaFileObject SEMAPHORE =
      JavaFileObjects.forSourceLines(
          "dev.weft.sync.Semaphore",
          "package dev.weft.sync;",
          "import dev.weft.Task;",
          "public final class Semaphore {",
          "  public Semaphore(int permits) {}",
          "  public Task<Void> acquire() { return null; }",
          "  public boolean tryAcquire() { return true; }",
          "  public void release() {}",
          "}");

  private static final JavaFileObject SCOPE =
      JavaFileObjects.forSourceLines(
          "dev.weft.TaskScope",
          "package dev.weft;",
          "import java.util.concurrent.CompletionStage;",
          "import java.util.function.Supplier;",
          "public final class TaskScope {",
          "  public static TaskScope open() { return null; }",
          "  public <T> Task<T> spawn(Supplier<? extends CompletionStage<T>> start) {",
          "    return null;",
          "  }",
          "  public <T> Task<T> adopt(CompletionStage<T> stage) { return null; }",
          "  public Task<Void> close() { return null; }",
          "}");

  private static Compilation compile(boolean awaitsAfterAnalysis, JavaFileObject src) {
    List<JavaFileObject> sources = new ArrayList<>(TestSources.withTask(src));
    sources.add(SEMAPHORE);
    sources.add(SCOPE);
    return Compiler.javac()
        .withProcessors(new WeftProcessor(hierarchy -> new RecordingWeaver(), awaitsAfterAnalysis))
        .withOptions("-Aweft.weave=false")
        .compile(sources);
  }

  private static Compilation compile(JavaFileObject src) {
    return compile(true, src);
  }

  @Test
  void messageSaysWhatToDo() {
    JavaFileObject src =
        source(
            "Orders",
            "import dev.weft.sync.Semaphore;",
            "class Orders {",
            "  final Semaphore sem = new Semaphore(1);",
            "  @Async Task<Integer> checkout() {",
            "    sem.acquire();",
            "    return Task.completed(1);",
            "  }",
            "}");
    Compilation compilation = compile(src);
    assertThat(compilation).succeeded();
    assertThat(compilation)
        .hadWarningContaining(
            "[WeftDiscardedTask] the Task that sem.acquire() returns is discarded in"
                + " Orders.checkout, which goes on without waiting for it and never sees it fail;"
                + " await it (await(sem.acquire());), or, if it is meant to run on its own, keep"
                + " it in a variable or start it in a dev.weft.TaskScope"
                + " (scope.spawn(() -> sem.acquire())); @SuppressWarnings(\"WeftDiscardedTask\")"
                + " on the method or class silences this.")
        .inFile(src)
        .onLineContaining("sem.acquire();");
    assertThat(compilation).hadWarningCount(1);
  }

  @Test
  void aLongCallIsShownByItsReceiverAndName() {
    JavaFileObject src =
        source(
            "Orders",
            "class Orders {",
            "  @Async Task<Integer> checkout(CompletableFuture<Integer> cf) {",
            "    cf.thenCompose(x -> {",
            "      System.out.println(x);",
            "      return cf;",
            "    });",
            "    return Task.completed(1);",
            "  }",
            "}");
    assertThat(compile(src))
        .hadWarningContaining(
            "the CompletableFuture that cf.thenCompose(...) returns is discarded in"
                + " Orders.checkout, which goes on without waiting for it and never sees it fail;"
                + " await it (await(cf.thenCompose(...));)")
        .inFile(src)
        .onLineContaining("cf.thenCompose(");
  }

  @Test
  void everyKindOfStageIsWarnedAbout() {
    JavaFileObject src =
        source(
            "Orders",
            "import java.time.Duration;",
            "class Orders {",
            "  static abstract class MyTask<T> extends Task<T> {}",
            "  @Async Task<String> other() { return Task.completed(\"\"); }",
            "  CompletionStage<Integer> stage() { return null; }",
            "  MyTask<Integer> mine() { return null; }",
            "  <S extends CompletionStage<Integer>> S generic() { return null; }",
            "  @Async CompletableFuture<Integer> checkout(CompletableFuture<Integer> cf) {",
            "    Task.sleep(Duration.ofMillis(5));",
            "    other();",
            "    this.stage();",
            "    mine();",
            "    generic();",
            "    cf.thenApply(x -> x + 1);",
            "    return cf;",
            "  }",
            "}");
    Compilation compilation = compile(src);
    assertThat(compilation).succeeded();
    List<String> lines =
        List.of("Task.sleep(", "other();", "this.stage();", "mine();", "generic();", "thenApply(");
    for (String line : lines) {
      assertThat(compilation)
          .hadWarningContaining("[WeftDiscardedTask]")
          .inFile(src)
          .onLineContaining(line);
    }
    assertThat(compilation)
        .hadWarningContaining("[WeftDiscardedTask] the CompletableFuture that cf.thenApply(")
        .inFile(src)
        .onLineContaining("thenApply(");
    assertThat(compilation).hadWarningCount(6);
  }

  @Test
  void stagesThatAreUsedOrOwnedAreFine() {
    JavaFileObject src =
        source(
            "Orders",
            "import dev.weft.TaskScope;",
            "import dev.weft.sync.Semaphore;",
            "class Orders {",
            "  final Semaphore sem = new Semaphore(1);",
            "  @Async Task<Integer> other() { return Task.completed(1); }",
            "  void use(CompletionStage<?> s) {}",
            "  @Async Task<Integer> checkout(CompletableFuture<Integer> cf) {",
            "    Task<Void> kept = sem.acquire();",
            "    await(sem.acquire());",
            "    use(sem.acquire());",
            "    kept = sem.acquire();",
            "    sem.tryAcquire();",
            "    sem.release();",
            "    cf.complete(1);",
            "    cf.orTimeout(1, TimeUnit.SECONDS);",
            "    cf.completeOnTimeout(2, 1, TimeUnit.SECONDS);",
            "    TaskScope scope = TaskScope.open();",
            "    scope.spawn(() -> other());",
            "    scope.adopt(other());",
            "    await(scope.close());",
            "    Runnable r = () -> { sem.acquire(); };",
            "    new Object() { void later() { sem.acquire(); } };",
            "    return other();",
            "  }",
            "  Task<Integer> plain() {",
            "    sem.acquire();",
            "    return other();",
            "  }",
            "}");
    assertThat(compile(src)).succeededWithoutWarnings();
  }

  @Test
  void asyncMethodOfALocalClassIsChecked() {
    JavaFileObject src =
        source(
            "Orders",
            "class Orders {",
            "  interface Step { Task<Integer> run(); }",
            "  Step step(CompletionStage<Integer> s) {",
            "    return new Step() {",
            "      @Async @Override public Task<Integer> run() {",
            "        Task.sleep(null);",
            "        return Task.completed(await(s));",
            "      }",
            "    };",
            "  }",
            "}");
    Compilation compilation = compile(src);
    assertThat(compilation)
        .hadWarningContaining(
            "[WeftDiscardedTask] the Task that Task.sleep(null) returns is discarded in"
                + " (anonymous Step).run")
        .inFile(src)
        .onLineContaining("Task.sleep(null)");
    assertThat(compilation).hadWarningCount(1);
  }

  @Test
  void suppressWarningsOnTheMethodOrAnEnclosingClassSilencesIt() {
    JavaFileObject src =
        source(
            "Orders",
            "class Orders {",
            "  @SuppressWarnings(\"WeftDiscardedTask\")",
            "  @Async Task<Integer> onMethod() {",
            "    Task.sleep(null);",
            "    return Task.completed(1);",
            "  }",
            "  @SuppressWarnings({\"unchecked\", \"WeftDiscardedTask\"})",
            "  static class Inner {",
            "    class Deeper {",
            "      @Async Task<Integer> onClass() {",
            "        Task.sleep(null);",
            "        return Task.completed(1);",
            "      }",
            "    }",
            "  }",
            "  @SuppressWarnings(\"unchecked\")",
            "  @Async Task<Integer> otherValue() {",
            "    Task.sleep(null); // warned",
            "    return Task.completed(1);",
            "  }",
            "}");
    Compilation compilation = compile(src);
    assertThat(compilation)
        .hadWarningContaining("[WeftDiscardedTask]")
        .inFile(src)
        .onLineContaining("// warned");
    assertThat(compilation).hadWarningCount(1);
  }

  /** Where the await checks run in process() (no ANALYZE listener), discarded tasks are too. */
  @Test
  void fallbackInProcessWarnsToo() {
    JavaFileObject src =
        source(
            "Orders",
            "class Orders {",
            "  @Async Task<Integer> checkout() {",
            "    Task.sleep(null);",
            "    return Task.completed(1);",
            "  }",
            "}");
    Compilation compilation = compile(false, src);
    assertThat(compilation)
        .hadWarningContaining("[WeftDiscardedTask]")
        .inFile(src)
        .onLineContaining("Task.sleep(null)");
    assertThat(compilation).hadWarningCount(1);
  }

  /**
   * After a declaration error javac does not attribute, so the statements are checked in the last
   * round; where it attributes anyway (should-stop.ifError=FLOW) they are not warned about twice.
   */
  @Test
  void warnedOnceAfterADeclarationError() {
    JavaFileObject src =
        source(
            "Orders",
            "class Orders {",
            "  @Async Task<Integer> checkout() {",
            "    Task.sleep(null);",
            "    return Task.completed(1);",
            "  }",
            "  @Async String name() { return null; }",
            "}");
    for (String stopIfError : List.of("INIT", "FLOW")) {
      Compilation compilation =
          Compiler.javac()
              .withProcessors(new WeftProcessor())
              .withOptions("-Aweft.weave=false", "-XDshould-stop.ifError=" + stopIfError)
              .compile(TestSources.withTask(src));
      assertThat(compilation)
          .hadWarningContaining("[WeftDiscardedTask]")
          .inFile(src)
          .onLineContaining("Task.sleep(null)");
      assertThat(compilation).hadWarningCount(1);
      assertThat(compilation).hadErrorCount(1);
    }
  }
}
