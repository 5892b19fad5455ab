package dev.weft.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/**
 * Sources of the facade tests. Unlike the other processor tests they compile against the real
 * {@code dev.weft.Task} (the generated facades call {@code Task.blocking}).
 */
final class FacadeSources {
  private FacadeSources() {}

  /** A source named {@code test.<name>}: the package, the usual imports, then {@code body}. */
  static JavaFileObject source(String name, String... body) {
    List<String> lines = new ArrayList<>();
    lines.add("package test;");
    lines.add("import dev.weft.Task;");
    lines.add("import dev.weft.annotations.*;");
    lines.add("import java.io.IOException;");
    lines.add("import java.util.*;");
    lines.add("import java.util.concurrent.*;");
    lines.addAll(List.of(body));
    return JavaFileObjects.forSourceLines("test." + name, lines);
  }

  /**
   * Compiles {@code sources} with the processor, weaving off, and every lint but {@code processing}
   * on: generated facades must compile without a warning in builds with {@code -Xlint -Werror}.
   */
  static Compilation compile(JavaFileObject... sources) {
    return javac()
        .withProcessors(new WeftProcessor())
        .withOptions("-Aweft.weave=false", "-Xlint:all,-processing")
        .compile(sources);
  }
}
