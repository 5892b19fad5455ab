package dev.weft.processor;

import com.google.auto.service.AutoService;
import com.sun.source.util.JavacTask;
import com.sun.source.util.Trees;
import dev.weft.weaver.ClassHierarchy;
import dev.weft.weaver.Weaver;
import java.util.Set;
import java.util.function.Function;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * The Weft annotation processor: checks {@code @Async} methods and the placement of every {@code
 * await} at their exact source positions, and weaves each class with {@code @Async} methods right
 * after javac writes it (see {@code processor/DIAGNOSTICS.md} for every diagnostic). It also
 * generates the facades of interfaces annotated {@code @Offload} or {@code @BlockingFacade}
 * ({@link Facades}).
 *
 * <p>It looks at every compilation unit ({@code await} outside any {@code @Async} method is an
 * error too), so it supports {@code "*"}, and claims nothing: other processors still see every
 * annotation.
 *
 * <p>Where each check runs: the {@code @Async} declarations are checked in {@code process()}, from
 * elements alone. The awaits are checked after javac has attributed each class, so that the
 * processor never attributes a class before other processors have generated the types it uses
 * ({@link AwaitChecks} says when they are checked in {@code process()} instead).
 *
 * <p>Option {@value #WEAVE_OPTION}: {@code -Aweft.weave=false} turns compile-time weaving off
 * (the checks still run), for builds that weave with {@code weft-agent} or the {@code
 * weft-maven-plugin} instead.
 */
@AutoService(Processor.class)
public final class WeftProcessor extends AbstractProcessor {
  /** The processor option that turns compile-time weaving on (default) or off ({@code false}). */
  public static final String WEAVE_OPTION = "weft.weave";

  private final Function<ClassHierarchy, ClassWeaver> weavers;
  private Reporter reporter;
  private Trees trees;
  private AsyncMethodChecker checker;
  private Facades facades;
  private final boolean awaitsAfterAnalysis;
  /** Null when javac's trees are unavailable: then the awaits are not checked. */
  private AwaitChecks awaitChecks;
  private volatile boolean processingFailed;

  /** The processor as javac's service loader creates it. */
  public WeftProcessor() {
    this(hierarchy -> new Weaver(hierarchy)::weave);
  }

  /** A processor that weaves with what {@code weavers} makes (tests stand in for the weaver). */
  WeftProcessor(Function<ClassHierarchy, ClassWeaver> weavers) {
    this(weavers, true);
  }

  /**
   * {@code awaitsAfterAnalysis} false checks the awaits in {@code process()}, as when no {@link
   * JavacTask} is available (tests of the fallback).
   */
  WeftProcessor(Function<ClassHierarchy, ClassWeaver> weavers, boolean awaitsAfterAnalysis) {
    this.weavers = weavers;
    this.awaitsAfterAnalysis = awaitsAfterAnalysis;
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(WEAVE_OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    ProcessingEnvironment javac = JavacEnvironment.unwrap(env);
    trees = javac != null ? Trees.instance(javac) : null;
    reporter = new Reporter(env.getMessager(), trees);
    checker = new AsyncMethodChecker(env.getTypeUtils(), reporter);
    facades = new Facades(env, reporter);
    awaitChecks = trees != null ? new AwaitChecks(trees, reporter) : null;
    try {
      if (javac == null) {
        reporter.warning(
            DiagnosticId.WEAVING_OFF,
            "this compiler is not javac, or wraps javac's processing environment so that it"
                + " cannot be found (" + env.getClass().getName() + "): await placement is not"
                + " checked and nothing is woven at compile time; weave with"
                + " -javaagent:weft-agent.jar or the weft-maven-plugin 'weave' goal.");
      } else {
        addListeners(JavacTask.instance(javac), javac);
      }
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable t) {
      reporter.internalError(
          "setting up the await checks and compile-time weaving", t, null, null);
    }
  }

  /** The await checks first: weaving relies on their errors being counted (see the listeners). */
  private void addListeners(JavacTask task, ProcessingEnvironment javac) {
    if (awaitsAfterAnalysis) {
      task.addTaskListener(awaitChecks.listener());
    }
    if (!"false".equalsIgnoreCase(processingEnv.getOptions().get(WEAVE_OPTION))) {
      task.addTaskListener(weavingListener(javac));
    }
  }

  private WeavingListener weavingListener(ProcessingEnvironment javac) {
    ElementsHierarchy hierarchy =
        new ElementsHierarchy(javac.getElementUtils(), javac.getTypeUtils());
    return new WeavingListener(
        weavers.apply(hierarchy),
        hierarchy,
        new ClassOutput(javac.getFiler(), javac.getElementUtils()),
        trees,
        reporter,
        // Errors of other processors, and every error of ours: those of the await checks of a
        // class are reported at its ANALYZE, before its GENERATE.
        () -> processingFailed || reporter.errorReported());
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      TypeElement async = processingEnv.getElementUtils().getTypeElement(WeftNames.ASYNC);
      if (async != null) {
        checker.check(round.getElementsAnnotatedWith(async));
      }
      facades.round(round);
      processingFailed |= round.errorRaised() || reporter.errorReported();
      if (awaitChecks != null) {
        awaitChecks.round(round, processingFailed);
      }
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable t) {
      reporter.internalError(
          "checking @Async methods and awaits, or generating facades", t, null, null);
    }
    processingFailed |= round.errorRaised() || reporter.errorReported();
    return false;
  }
}
