package dev.weft.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.weft.processor.TestSources.source;
import static dev.weft.processor.TestSources.weaving;

import com.google.testing.compile.Compilation;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import dev.weft.weaver.WeaveException;
import dev.weft.weaver.WeaveProblem;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;

/**
 * Compile-time weaving through the Filer, with a stand-in weaver (the real one is not written
 * yet): which classes are read, that woven bytes replace the class file, that a null result leaves
 * it alone, and how a {@link WeaveException} is reported.
 */
class WeavingListenerTest {
  private static final JavaFileObject OUTER =
      source(
          "Outer",
          "class Outer {",
          "  @Async Task<Integer> top(CompletionStage<Integer> s) {",
          "    Step step = new Step() {",
          "      @Async @Override public Task<Integer> run() { return Task.completed(await(s)); }",
          "    };",
          "    Runnable plain = () -> {};",
          "    return Task.completed(await(s));",
          "  }",
          "  interface Step { Task<Integer> run(); }",
          "  class Inner {",
          "    @Async Task<Integer> inner(CompletionStage<Integer> s) {",
          "      return Task.completed(await(s));",
          "    }",
          "  }",
          "  static class Plain { int x() { return 1; } }",
          "}");

  @Test
  void onlyClassesDeclaringAsyncMethodsAreWoven() {
    RecordingWeaver weaver = new RecordingWeaver();
    Compilation compilation = weaving(weaver, OUTER);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(weaver.woven).containsExactly("test/Outer", "test/Outer$1", "test/Outer$Inner");
  }

  @Test
  void wovenBytesReplaceTheClassFile() throws IOException {
    Compilation compilation = weaving(new RecordingWeaver(), OUTER);
    assertThat(RecordingWeaver.isMarked(classFile(compilation, "Outer"))).isTrue();
    assertThat(RecordingWeaver.isMarked(classFile(compilation, "Outer$1"))).isTrue();
    assertThat(RecordingWeaver.isMarked(classFile(compilation, "Outer$Inner"))).isTrue();
    assertThat(RecordingWeaver.isMarked(classFile(compilation, "Outer$Plain"))).isFalse();
  }

  @Test
  void nullResultLeavesTheClassFileAsItWas() throws IOException {
    Map<String, byte[]> given = new HashMap<>();
    Compilation compilation =
        weaving(
            bytes -> {
              given.put(new ClassReader(bytes).getClassName(), bytes);
              return null;
            },
            OUTER);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(given.keySet()).containsExactly("test/Outer", "test/Outer$1", "test/Outer$Inner");
    assertThat(classFile(compilation, "Outer")).isEqualTo(given.get("test/Outer"));
    assertThat(classFile(compilation, "Outer$1")).isEqualTo(given.get("test/Outer$1"));
  }

  @Test
  void weaveExceptionIsReportedOnTheMethodWithClassMethodAndLine() {
    JavaFileObject src =
        source(
            "Orders",
            "class Orders {",
            "  @Async Task<Integer> checkout(CompletionStage<Integer> s) {",
            "    return Task.completed(await(s));",
            "  }",
            "}");
    ClassWeaver failing =
        bytes -> {
          throw new WeaveException(
              List.of(
                  new WeaveProblem(
                      "test/Orders", "checkout", "Orders.java", 8, "cannot split this frame")));
        };
    Compilation compilation = weaving(failing, src);
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "[WeftWeaveFailed] could not weave test.Orders.checkout (line 8): cannot split this"
                + " frame; the class was left as javac wrote it")
        .inFile(src)
        .onLineContaining("Task<Integer> checkout(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void weaveProblemIsReportedUnderTheIdOfItsRule() {
    JavaFileObject src =
        source(
            "Orders",
            "class Orders {",
            "  @Async Task<Integer> checkout(CompletionStage<Integer> s) {",
            "    return Task.completed(await(s));",
            "  }",
            "}");
    ClassWeaver failing =
        bytes -> {
          throw new WeaveException(
              List.of(
                  new WeaveProblem("test/Orders", "checkout", "Orders.java", 8, "await() inside a lambda",
                      WeaveProblem.Kind.AWAIT_IN_LAMBDA)));
        };
    Compilation compilation = weaving(failing, src);
    assertThat(compilation)
        .hadErrorContaining("[WeftAwaitInLambda] could not weave test.Orders.checkout (line 8): await()")
        .inFile(src)
        .onLineContaining("Task<Integer> checkout(");
    assertThat(compilation).hadErrorCount(1);
  }

  /** The agent and the Maven plugin print the weaver's ids: each is one of the processor's. */
  @Test
  void everyWeaveProblemKindIsADiagnosticId() {
    for (WeaveProblem.Kind kind : WeaveProblem.Kind.values()) {
      assertThat(java.util.Arrays.stream(DiagnosticId.values()).map(DiagnosticId::id).toList())
          .contains(kind.id());
    }
  }

  @Test
  void unexpectedWeaverFailureIsAnInternalErrorNotACrash() {
    JavaFileObject src =
        source(
            "Orders",
            "class Orders {",
            "  @Async Task<Integer> checkout(CompletionStage<Integer> s) {",
            "    return Task.completed(await(s));",
            "  }",
            "}");
    Compilation compilation =
        weaving(
            bytes -> {
              throw new IllegalStateException("boom");
            },
            src);
    assertThat(compilation)
        .hadErrorContaining("[WeftInternalError] weft-processor failed unexpectedly while weaving")
        .inFile(src)
        .onLineContaining("class Orders");
    assertThat(compilation).hadErrorContaining("java.lang.IllegalStateException: boom");
  }

  @Test
  void nothingIsWovenAfterAnError() {
    JavaFileObject src =
        source(
            "Orders",
            "class Orders {",
            "  @Async Task<Integer> checkout(CompletionStage<Integer> s) {",
            "    return Task.completed(await(s));",
            "  }",
            "  int plain(CompletionStage<Integer> s) { return await(s); }",
            "}");
    RecordingWeaver weaver = new RecordingWeaver();
    Compilation compilation = weaving(weaver, src);
    assertThat(compilation).hadErrorContaining("[WeftAwaitOutsideAsync]");
    assertThat(compilation).hadErrorCount(1);
    assertThat(weaver.woven).isEmpty();
  }

  /**
   * The awaits are checked at ANALYZE. With -XDshould-stop.ifError=GENERATE javac still generates
   * a class after errors, under every compile policy: the class with the misplaced await must not
   * reach the weaver, which would reject it again (a duplicate WeftWeaveFailed) or choke on it.
   */
  @Test
  void classWithMisplacedAwaitNeverReachesTheWeaverEvenWhenJavacGeneratesIt() {
    JavaFileObject src =
        source(
            "Orders",
            "class Orders {",
            "  @Async Task<Integer> checkout(CompletionStage<Integer> s) {",
            "    Runnable r = () -> await(s);",
            "    return Task.completed(await(s));",
            "  }",
            "}");
    for (String policy : List.of("byTodo", "simple", "byFile")) {
      List<String> given = new ArrayList<>();
      List<String> generated = new ArrayList<>();
      ClassWeaver rejecting =
          bytes -> {
            given.add(new ClassReader(bytes).getClassName());
            throw new WeaveException(
                List.of(new WeaveProblem("test/Orders", "checkout", "Orders.java", 8, "await")));
          };
      Compilation compilation =
          com.google.testing.compile.Compiler.javac()
              .withProcessors(new WeftProcessor(hierarchy -> rejecting), generationProbe(generated))
              .withOptions("-XDshould-stop.ifError=GENERATE", "-XDcompilePolicy=" + policy)
              .compile(TestSources.withTask(src));
      assertThat(compilation)
          .hadErrorContaining("[WeftAwaitInLambda]")
          .inFile(src)
          .onLineContaining("() -> await(s)");
      assertThat(compilation).hadErrorCount(1);
      assertThat(given).isEmpty();
      assertThat(generated).contains("test.Orders"); // javac did; the weaving listener skipped it
    }
  }

  @Test
  void weaveOptionFalseTurnsWeavingOff() {
    RecordingWeaver weaver = new RecordingWeaver();
    Compilation compilation =
        com.google.testing.compile.Compiler.javac()
            .withProcessors(new WeftProcessor(hierarchy -> weaver))
            .withOptions("-Aweft.weave=false")
            .compile(TestSources.withTask(OUTER));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(weaver.woven).isEmpty();
  }

  /** A processor that records each class javac generates (GENERATE finished). */
  private static Processor generationProbe(List<String> generated) {
    return new AbstractProcessor() {
      @Override
      public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        JavacTask.instance(env)
            .addTaskListener(
                new TaskListener() {
                  @Override
                  public void finished(TaskEvent e) {
                    if (e.getKind() == TaskEvent.Kind.GENERATE) {
                      generated.add(e.getTypeElement().getQualifiedName().toString());
                    }
                  }
                });
      }

      @Override
      public Set<String> getSupportedAnnotationTypes() {
        return Set.of("*");
      }

      @Override
      public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
      }

      @Override
      public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        return false;
      }
    };
  }

  static byte[] classFile(Compilation compilation, String simpleBinaryName) throws IOException {
    JavaFileObject file =
        compilation
            .generatedFile(StandardLocation.CLASS_OUTPUT, "test", simpleBinaryName + ".class")
            .orElseThrow();
    try (InputStream in = file.openInputStream()) {
      return in.readAllBytes();
    }
  }
}
