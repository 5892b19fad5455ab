package dev.weft.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.weft.processor.TestSources.source;

import com.google.testing.compile.Compiler;
import dev.weft.weaver.ClassHierarchy;
import dev.weft.weaver.ClassHierarchy.ClassInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The hierarchy the processor hands the weaver, asked at {@code GENERATE} time (when the weaver
 * asks it): classes being compiled, nested, anonymous and local ones included, and library
 * classes, all from javac's symbols.
 */
class ElementsHierarchyTest {
  private static final JavaFileObject SHAPES =
      source(
          "Shapes",
          "class Shapes {",
          "  @Async Task<Object> make(CompletionStage<Integer> s) {",
          "    Runnable r = new Runnable() { public void run() {} };",
          "    class Local extends java.util.ArrayList<String> {}",
          "    return Task.completed(await(s) > 0 ? r : new Local());",
          "  }",
          "  static class Box$Named implements Comparable<Box$Named> {",
          "    public int compareTo(Box$Named o) { return 0; }",
          "  }",
          "  interface Api extends java.util.function.Supplier<String> {}",
          "}");

  private static Map<String, ClassInfo> askWhileWeaving(String... names) {
    Map<String, ClassInfo> answers = new HashMap<>();
    ClassHierarchy[] hierarchy = new ClassHierarchy[1];
    Compiler.javac()
        .withProcessors(
            new WeftProcessor(
                h -> {
                  hierarchy[0] = h;
                  return bytes -> {
                    for (String name : names) {
                      answers.put(name, h.find(name));
                    }
                    return null;
                  };
                }))
        .compile(TestSources.withTask(SHAPES));
    assertThat(hierarchy[0]).isNotNull();
    return answers;
  }

  @Test
  void classesOfTheCompilation() {
    Map<String, ClassInfo> answers =
        askWhileWeaving("test/Shapes", "test/Shapes$1", "test/Shapes$1Local", "test/Shapes$Api");
    assertThat(answers.get("test/Shapes"))
        .isEqualTo(new ClassInfo("test/Shapes", "java/lang/Object", List.of(), false));
    assertThat(answers.get("test/Shapes$1"))
        .isEqualTo(
            new ClassInfo("test/Shapes$1", "java/lang/Object", List.of("java/lang/Runnable"), false));
    assertThat(answers.get("test/Shapes$1Local"))
        .isEqualTo(new ClassInfo("test/Shapes$1Local", "java/util/ArrayList", List.of(), false));
    assertThat(answers.get("test/Shapes$Api"))
        .isEqualTo(
            new ClassInfo(
                "test/Shapes$Api",
                "java/lang/Object",
                List.of("java/util/function/Supplier"),
                true));
  }

  @Test
  void dollarInASimpleName() {
    Map<String, ClassInfo> answers = askWhileWeaving("test/Shapes$Box$Named");
    assertThat(answers.get("test/Shapes$Box$Named"))
        .isEqualTo(
            new ClassInfo(
                "test/Shapes$Box$Named",
                "java/lang/Object",
                List.of("java/lang/Comparable"),
                false));
  }

  @Test
  void libraryClasses() {
    Map<String, ClassInfo> answers =
        askWhileWeaving("java/util/ArrayList", "java/util/Map$Entry", "java/lang/Object");
    assertThat(answers.get("java/util/ArrayList").superName()).isEqualTo("java/util/AbstractList");
    assertThat(answers.get("java/util/ArrayList").interfaces()).contains("java/util/List");
    assertThat(answers.get("java/util/Map$Entry").isInterface()).isTrue();
    assertThat(answers.get("java/util/Map$Entry").superName()).isEqualTo("java/lang/Object");
    assertThat(answers.get("java/lang/Object").superName()).isNull();
  }

  @Test
  void unknownNamesAndArraysAreNull() {
    Map<String, ClassInfo> answers =
        askWhileWeaving("no/such/Thing", "[Ljava/lang/String;", "java/util/Map$Nope");
    assertThat(answers).containsExactly(
        "no/such/Thing", null, "[Ljava/lang/String;", null, "java/util/Map$Nope", null);
  }

  @Test
  void canonicalCandidatesTryNestingFirst() {
    assertThat(ElementsHierarchy.canonicalCandidates("a.b.C$D$E"))
        .containsExactly("a.b.C.D.E", "a.b.C$D$E", "a.b.C.D$E", "a.b.C$D.E")
        .inOrder();
    assertThat(ElementsHierarchy.canonicalCandidates("C")).containsExactly("C");
  }
}
