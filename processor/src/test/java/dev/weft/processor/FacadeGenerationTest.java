package dev.weft.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.weft.processor.FacadeSources.compile;
import static dev.weft.processor.FacadeSources.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The facades generated for {@code @Offload} and {@code @BlockingFacade}, against goldens. */
class FacadeGenerationTest {

  @Test
  void offloadWrapsOwnAndInheritedAbstractMethods() {
    JavaFileObject dao =
        source(
            "Dao",
            "@Offload",
            "public interface Dao extends java.io.Closeable {",
            "  String find(int id) throws java.sql.SQLException;",
            "  int count();",
            "  void delete(int id, String... reasons) throws java.sql.SQLException;",
            "  List<String> names(Map<String, ? extends Number> filter);",
            "  static Dao none() { return null; }",
            "  private void helper() {}",
            "}");
    Compilation compilation = compile(dao);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("test.DaoOffload")
        .hasSourceEquivalentTo(golden("DaoOffload"));
  }

  @Test
  void blockingFacadeJoinsEachKindOfStage() {
    JavaFileObject orders =
        source(
            "Orders",
            "@BlockingFacade",
            "interface Orders {",
            "  Task<String> checkout(String cart) throws IOException;",
            "  CompletionStage<Void> cancel(long id);",
            "  CompletableFuture<? extends Number> total() throws Exception;",
            "}");
    Compilation compilation = compile(orders);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("test.OrdersBlocking")
        .hasSourceEquivalentTo(golden("OrdersBlocking"));
  }

  @Test
  void nestedInterfacesAndGenericSuperinterfaces() {
    JavaFileObject outer =
        source(
            "Outer",
            "public class Outer {",
            "  interface Repo<T> { T load(long id); }",
            "  @Offload interface Rows extends Repo<String> {}",
            "  @BlockingFacade public interface Loader { Task<Integer> size(); }",
            "}");
    Compilation compilation = compile(outer);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("test.Outer_RowsOffload")
        .contentsAsUtf8String()
        .contains("public Task<String> load(long id)");
    assertThat(compilation)
        .generatedSourceFile("test.Outer_LoaderBlocking")
        .contentsAsUtf8String()
        .contains("public final class Outer_LoaderBlocking");
  }

  @Test
  void waitsForTypesAnotherProcessorGeneratesInALaterRound() {
    JavaFileObject dao =
        source(
            "Dao",
            "@Offload",
            "interface Dao {",
            "  Row find(int id);",
            "  List<Row> all();",
            "}");
    Compilation compilation =
        javac()
            .withProcessors(
                new WeftProcessor(),
                new GeneratingProcessor("test.Row", "package test;", "public class Row {}"))
            .withOptions("-Aweft.weave=false")
            .compile(dao);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("test.DaoOffload")
        .contentsAsUtf8String()
        .contains("public Task<List<Row>> all()");
  }

  private static JavaFileObject golden(String name) {
    return JavaFileObjects.forResource("goldens/" + name + ".java");
  }
}
