package dev.weft.processor;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weaving through javac's own file manager, with class files on disk under {@code -d}, as the
 * Maven compiler plugin and Gradle run it (compile-testing's file manager is in memory).
 */
class StandardFileManagerTest {
  @TempDir Path dir;

  @Test
  void wovenClassFilesReplaceTheOnesJavacWrote() throws IOException {
    Path sources = Files.createDirectories(dir.resolve("src/test"));
    Files.writeString(
        sources.resolve("Orders.java"),
        String.join(
            "\n",
            "package test;",
            "import dev.weft.Task;",
            "import dev.weft.annotations.Async;",
            "import java.util.concurrent.CompletionStage;",
            "class Orders {",
            "  @Async Task<Integer> checkout(CompletionStage<Integer> s) {",
            "    return Task.completed(Task.await(s));",
            "  }",
            "  static class Line { int n; }",
            "}"));
    Path task = Files.createDirectories(dir.resolve("src/dev/weft"));
    Files.writeString(task.resolve("Task.java"), TestSources.TASK.getCharContent(true));
    Path classes = Files.createDirectories(dir.resolve("classes"));

    RecordingWeaver weaver = new RecordingWeaver();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter out = new StringWriter();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      JavaCompiler.CompilationTask compilation =
          javac.getTask(
              out,
              files,
              null,
              List.of("-d", classes.toString(), "-classpath", System.getProperty("java.class.path")),
              null,
              files.getJavaFileObjects(
                  sources.resolve("Orders.java"), task.resolve("Task.java")));
      compilation.setProcessors(List.of(new WeftProcessor(hierarchy -> weaver)));
      assertThat(compilation.call()).isTrue();
    }
    assertThat(out.toString()).isEmpty();
    assertThat(weaver.woven).containsExactly("test/Orders");
    assertThat(RecordingWeaver.isMarked(Files.readAllBytes(classes.resolve("test/Orders.class"))))
        .isTrue();
    assertThat(
            RecordingWeaver.isMarked(Files.readAllBytes(classes.resolve("test/Orders$Line.class"))))
        .isFalse();
  }
}
