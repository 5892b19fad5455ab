package dev.weft.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.weft.processor.FacadeSources.compile;
import static dev.weft.processor.FacadeSources.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Each facade diagnostic, pinned to the element's line; nothing is generated for a refused type. */
class FacadeCheckerTest {

  @Test
  void notAnInterface() {
    JavaFileObject src =
        source(
            "Targets",
            "class Targets {",
            "  @Offload static class Dao {}",
            "  @BlockingFacade enum Kind { A }",
            "  @Offload @interface Marker {}",
            "  @BlockingFacade record Point(int x) {}",
            "}");
    Compilation compilation = compile(src);
    assertThat(compilation)
        .hadErrorContaining(
            "[WeftFacadeNotInterface] @Offload on class Dao, but facades are generated for"
                + " interfaces only; put @Offload on an interface that Dao implements")
        .inFile(src)
        .onLineContaining("class Dao");
    assertThat(compilation)
        .hadErrorContaining("[WeftFacadeNotInterface] @BlockingFacade on enum Kind")
        .inFile(src)
        .onLineContaining("enum Kind");
    assertThat(compilation)
        .hadErrorContaining("[WeftFacadeNotInterface] @Offload on annotation type Marker")
        .inFile(src)
        .onLineContaining("@interface Marker");
    assertThat(compilation)
        .hadErrorContaining("[WeftFacadeNotInterface] @BlockingFacade on record Point")
        .inFile(src)
        .onLineContaining("record Point");
    assertThat(compilation).hadErrorCount(4);
  }

  @Test
  void privateInterfaces() {
    JavaFileObject src =
        source(
            "Outer",
            "class Outer {",
            "  @Offload private interface Hidden { String a(); }",
            "  private static class Inner {",
            "    @Offload interface InPrivate { String b(); }",
            "  }",
            "}");
    Compilation compilation = compile(src);
    assertThat(compilation)
        .hadErrorContaining(
            "[WeftFacadeInaccessible] @Offload interface Hidden is private, so the facade"
                + " generated beside it in package test could not use it;")
        .inFile(src)
        .onLineContaining("interface Hidden");
    assertThat(compilation)
        .hadErrorContaining("[WeftFacadeInaccessible] @Offload interface InPrivate is inside private Inner")
        .inFile(src)
        .onLineContaining("interface InPrivate");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void genericInterface() {
    JavaFileObject src =
        source("Repo", "@Offload", "interface Repo<T> {", "  T find(long id);", "}");
    Compilation compilation = compile(src);
    assertThat(compilation)
        .hadErrorContaining(
            "[WeftFacadeGenericInterface] @Offload interface Repo has type parameters <T>")
        .inFile(src)
        .onLineContaining("interface Repo<T>");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void genericMethodsOwnAndInherited() {
    JavaFileObject src =
        source(
            "Dao",
            "interface Base { <T> T get(Class<T> type); }",
            "@BlockingFacade",
            "interface Dao extends Base {",
            "  <T extends Number> Task<T> find(T id);",
            "}");
    Compilation compilation = compile(src);
    assertThat(compilation)
        .hadErrorContaining(
            "[WeftFacadeGenericMethod] Dao.find has type parameters <T>, which a facade method"
                + " cannot pass on;")
        .inFile(src)
        .onLineContaining("Task<T> find(T id)");
    assertThat(compilation)
        .hadErrorContaining("[WeftFacadeGenericMethod] Base.get (inherited by Dao)")
        .inFile(src)
        .onLineContaining("interface Dao");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void defaultMethod() {
    JavaFileObject src =
        source(
            "Dao",
            "@Offload",
            "interface Dao {",
            "  String find(int id);",
            "  default String first() { return find(0); }",
            "}");
    Compilation compilation = compile(src);
    assertThat(compilation)
        .hadErrorContaining(
            "[WeftFacadeDefaultMethod] Dao.first is a default method; @Offload facades wrap"
                + " abstract methods only")
        .inFile(src)
        .onLineContaining("default String first()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void overloadsAndObjectMethodNames() {
    JavaFileObject src =
        source(
            "Dao",
            "@BlockingFacade",
            "interface Dao {",
            "  Task<String> find(int id);",
            "  Task<String> find(String key);",
            "  String toString();",
            "  Task<Void> wait(int seconds);",
            "  Task<Void> joinStage(CompletionStage<?> stage, String method);",
            "}");
    Compilation compilation = compile(src);
    assertThat(compilation)
        .hadErrorContaining(
            "[WeftFacadeOverload] Dao.find is overloaded (2 methods named find), and a facade"
                + " has one method per name;")
        .inFile(src)
        .onLineContaining("find(int id)");
    assertThat(compilation)
        .hadErrorContaining("[WeftFacadeOverload] Dao.find is overloaded")
        .inFile(src)
        .onLineContaining("find(String key)");
    assertThat(compilation)
        .hadErrorContaining(
            "[WeftFacadeOverload] Dao.toString has the name of a java.lang.Object method,")
        .inFile(src)
        .onLineContaining("toString()");
    assertThat(compilation)
        .hadErrorContaining("[WeftFacadeOverload] Dao.wait has the name of a java.lang.Object")
        .inFile(src)
        .onLineContaining("wait(int seconds)");
    assertThat(compilation)
        .hadErrorContaining(
            "[WeftFacadeOverload] Dao.joinStage has the name of a helper method of the generated"
                + " facade class; rename it.")
        .inFile(src)
        .onLineContaining("joinStage(");
    assertThat(compilation).hadErrorCount(5);
  }

  @Test
  void offloadOfAMethodThatAlreadyReturnsAStage() {
    JavaFileObject src =
        source(
            "Dao",
            "@Offload",
            "interface Dao {",
            "  Task<String> find(int id);",
            "  CompletableFuture<Integer> count();",
            "}");
    Compilation compilation = compile(src);
    assertThat(compilation)
        .hadErrorContaining(
            "[WeftFacadeReturnType] Dao.find returns dev.weft.Task<java.lang.String>, a stage,"
                + " but @Offload is for methods that block and return their result;")
        .inFile(src)
        .onLineContaining("find(int id)");
    assertThat(compilation)
        .hadErrorContaining("[WeftFacadeReturnType] Dao.count returns")
        .inFile(src)
        .onLineContaining("count()");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void blockingFacadeOfAMethodThatReturnsNoStage() {
    JavaFileObject src =
        source(
            "Orders",
            "@BlockingFacade",
            "interface Orders {",
            "  String name();",
            "  void run();",
            "  Future<Integer> count();",
            "}");
    Compilation compilation = compile(src);
    assertThat(compilation)
        .hadErrorContaining(
            "[WeftFacadeReturnType] Orders.name returns java.lang.String, but a @BlockingFacade"
                + " method must return dev.weft.Task, CompletableFuture or CompletionStage, which"
                + " the facade waits for; declare it to return Task<java.lang.String>.")
        .inFile(src)
        .onLineContaining("name()");
    assertThat(compilation)
        .hadErrorContaining("declare it to return Task<Void>")
        .inFile(src)
        .onLineContaining("run()");
    assertThat(compilation)
        .hadErrorContaining("[WeftFacadeReturnType] Orders.count returns")
        .inFile(src)
        .onLineContaining("count()");
    assertThat(compilation).hadErrorCount(3);
  }

  @Test
  void offloadOfAMethodThatThrowsThrowable() {
    JavaFileObject src =
        source(
            "Dao",
            "@Offload",
            "interface Dao {",
            "  String find(int id) throws Throwable;",
            "}");
    Compilation compilation = compile(src);
    assertThat(compilation)
        .hadErrorContaining(
            "[WeftFacadeThrowsThrowable] Dao.find declares throws java.lang.Throwable, which"
                + " the Callable that Task.blocking runs cannot throw;")
        .inFile(src)
        .onLineContaining("find(int id)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void facadeNameTaken() {
    JavaFileObject dao = source("Dao", "@Offload", "interface Dao {", "  String find(int id);", "}");
    JavaFileObject taken = source("DaoOffload", "class DaoOffload {}");
    Compilation compilation = compile(dao, taken);
    assertThat(compilation)
        .hadErrorContaining(
            "[WeftFacadeNotWritten] could not write test.DaoOffload, the @Offload facade of Dao:")
        .inFile(dao)
        .onLineContaining("interface Dao");
  }

  @Test
  void bothFacadesOnOneInterfaceReportEachOwnProblem() {
    JavaFileObject src =
        source(
            "Dao",
            "@Offload @BlockingFacade",
            "interface Dao {",
            "  String find(int id);",
            "}");
    Compilation compilation = compile(src);
    assertThat(compilation)
        .hadErrorContaining("[WeftFacadeReturnType] Dao.find returns java.lang.String, but a"
            + " @BlockingFacade method")
        .inFile(src)
        .onLineContaining("find(int id)");
    assertThat(compilation).hadErrorCount(1);
  }
}
