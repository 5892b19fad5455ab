package dev.weft.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/** Sources and compiler set-ups shared by the processor tests. */
final class TestSources {
  private TestSources() {}

  /**
   * A stand-in for the runtime's {@code dev.weft.Task} with the members the processor looks at, so
   * the tests depend only on names, never on the runtime's state.
   */
  static final JavaFileObject TASK =
      JavaFileObjects.forSourceLines(
          "dev.weft.Task",
          "package dev.weft;",
          "import java.util.concurrent.CompletionStage;",
          "public abstract class Task<T> implements CompletionStage<T> {",
          "  public static <T> T await(CompletionStage<T> stage) {",
          "    throw new IllegalStateException();",
          "  }",
          "  public static <T, X extends Exception> T await(CompletionStage<T> stage, Class<X> x)",
          "      throws X {",
          "    throw new IllegalStateException();",
          "  }",
          "  public static <T, X extends Exception, Y extends Exception> T await(",
          "      CompletionStage<T> stage, Class<X> x, Class<Y> y) throws X, Y {",
          "    throw new IllegalStateException();",
          "  }",
          "  public static <T> Task<T> completed(T value) { return null; }",
          "  public static Task<Void> sleep(java.time.Duration delay) { return null; }",
          "}");

  /** A source named {@code test.<name>} whose lines follow the package and the usual imports. */
  static JavaFileObject source(String name, String... body) {
    List<String> lines = new ArrayList<>();
    lines.add("package test;");
    lines.add("import dev.weft.Task;");
    lines.add("import dev.weft.annotations.Async;");
    lines.add("import static dev.weft.Task.await;");
    lines.add("import java.util.concurrent.*;");
    lines.addAll(List.of(body));
    return JavaFileObjects.forSourceLines("test." + name, lines);
  }

  /** Compiles {@code sources} (and {@link #TASK}) with the checks on and weaving off. */
  static Compilation checkOnly(JavaFileObject... sources) {
    return javac()
        .withProcessors(new WeftProcessor())
        .withOptions("-Aweft.weave=false")
        .compile(withTask(sources));
  }

  /** Compiles with compile-time weaving on, weaving through {@code weaver}. */
  static Compilation weaving(ClassWeaver weaver, JavaFileObject... sources) {
    return javac().withProcessors(new WeftProcessor(hierarchy -> weaver)).compile(withTask(sources));
  }

  static List<JavaFileObject> withTask(JavaFileObject... sources) {
    List<JavaFileObject> all = new ArrayList<>(List.of(sources));
    all.add(TASK);
    return all;
  }
}
