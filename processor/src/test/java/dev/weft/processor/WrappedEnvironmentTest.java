package dev.weft.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.weft.processor.TestSources.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Build tools that wrap javac's processing environment (Gradle's incremental compiler keeps it in
 * a field named {@code delegate}): the processor finds javac's environment behind the wrapper, and
 * says clearly when it cannot.
 */
class WrappedEnvironmentTest {
  private static final JavaFileObject MISPLACED =
      source(
          "Orders",
          "class Orders {",
          "  @Async Task<Integer> checkout(CompletionStage<Integer> s) {",
          "    return Task.completed(await(s));",
          "  }",
          "  int plain(CompletionStage<Integer> s) { return await(s); }",
          "  @Async String name() { return null; }",
          "}");

  private static final JavaFileObject VALID =
      source(
          "Orders",
          "class Orders {",
          "  @Async Task<Integer> checkout(CompletionStage<Integer> s) {",
          "    return Task.completed(await(s));",
          "  }",
          "}");

  @Test
  void gradleStyleDelegateIsUnwrapped() {
    RecordingWeaver weaver = new RecordingWeaver();
    Compilation compilation =
        compileWrapped(new WeftProcessor(h -> weaver), GradleLikeEnvironment::new, VALID);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(weaver.woven).containsExactly("test/Orders");

    Compilation misplaced =
        compileWrapped(new WeftProcessor(h -> weaver), GradleLikeEnvironment::new, MISPLACED);
    assertThat(misplaced)
        .hadErrorContaining("[WeftAwaitOutsideAsync]")
        .inFile(MISPLACED)
        .onLineContaining("int plain");
  }

  @Test
  void gradlesIncrementalOptionsKeepWeavingAndChecking() {
    RecordingWeaver weaver = new RecordingWeaver();
    for (String implicit : new String[] {"-implicit:none", "-implicit:class"}) {
      Compilation compilation =
          Compiler.javac()
              .withProcessors(new WrappingProcessor(new WeftProcessor(h -> weaver), GradleLikeEnvironment::new))
              .withOptions(implicit, "-parameters")
              .compile(TestSources.withTask(VALID));
      assertThat(compilation).succeededWithoutWarnings();
    }
    assertThat(weaver.woven).containsExactly("test/Orders", "test/Orders");
  }

  @Test
  void gradleKnowsTheProcessorIsIsolating() throws Exception {
    String registration;
    try (var in = WeftProcessor.class.getClassLoader()
        .getResourceAsStream("META-INF/gradle/incremental.annotation.processors")) {
      assertThat(in).isNotNull();
      registration = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
    }
    assertThat(registration).isEqualTo(WeftProcessor.class.getName() + ",isolating");
  }

  @Test
  void opaqueWrapperTurnsWeavingOffWithAWarningButDeclarationsAreStillChecked() {
    Compilation compilation =
        compileWrapped(
            new WeftProcessor(h -> new RecordingWeaver()),
            env -> new GradleLikeEnvironment(() -> env),
            MISPLACED);
    assertThat(compilation)
        .hadWarningContaining(
            "[WeftWeavingOff] this compiler is not javac, or wraps javac's processing environment");
    assertThat(compilation)
        .hadErrorContaining("[WeftAsyncReturnType]")
        .inFile(MISPLACED)
        .onLineContaining("String name()");
    assertThat(compilation).hadErrorCount(1);
  }

  private static Compilation compileWrapped(
      Processor weft,
      Function<ProcessingEnvironment, ProcessingEnvironment> wrap,
      JavaFileObject source) {
    return Compiler.javac()
        .withProcessors(new WrappingProcessor(weft, wrap))
        .compile(TestSources.withTask(source));
  }

  /** Passes a wrapped environment to the processor it wraps, as Gradle does. */
  private static final class WrappingProcessor implements Processor {
    private final Processor delegate;
    private final Function<ProcessingEnvironment, ProcessingEnvironment> wrap;

    WrappingProcessor(Processor delegate, Function<ProcessingEnvironment, ProcessingEnvironment> wrap) {
      this.delegate = delegate;
      this.wrap = wrap;
    }

    @Override public Set<String> getSupportedOptions() { return delegate.getSupportedOptions(); }
    @Override public Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }
    @Override public SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }
    @Override public void init(ProcessingEnvironment env) { delegate.init(wrap.apply(env)); }
    @Override public boolean process(Set<? extends TypeElement> a, RoundEnvironment r) {
      return delegate.process(a, r);
    }
    @Override public Iterable<? extends Completion> getCompletions(
        Element e, AnnotationMirror a, ExecutableElement m, String t) {
      return delegate.getCompletions(e, a, m, t);
    }
  }

  /** Shaped like Gradle's {@code IncrementalProcessingEnvironment}: a {@code delegate} field. */
  private static final class GradleLikeEnvironment implements ProcessingEnvironment {
    private final ProcessingEnvironment delegate;
    private final Supplier<ProcessingEnvironment> hidden;

    GradleLikeEnvironment(ProcessingEnvironment delegate) {
      this.delegate = delegate;
      this.hidden = null;
    }

    /** Holds the environment where unwrapping cannot see it. */
    GradleLikeEnvironment(Supplier<ProcessingEnvironment> hidden) {
      this.delegate = null;
      this.hidden = hidden;
    }

    private ProcessingEnvironment env() { return delegate != null ? delegate : hidden.get(); }
    @Override public Map<String, String> getOptions() { return env().getOptions(); }
    @Override public Messager getMessager() { return env().getMessager(); }
    @Override public Filer getFiler() { return env().getFiler(); }
    @Override public Elements getElementUtils() { return env().getElementUtils(); }
    @Override public Types getTypeUtils() { return env().getTypeUtils(); }
    @Override public SourceVersion getSourceVersion() { return env().getSourceVersion(); }
    @Override public Locale getLocale() { return env().getLocale(); }
  }
}
