package dev.weft.processor;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Generates the facades of one round: for each interface annotated {@code @Offload} or {@code
 * @BlockingFacade}, checks it and its methods, and writes the facade source through the {@link
 * Filer} (so javac compiles it in the next round). Nothing is written for an interface with an
 * error. An interface whose signatures mention a type not generated yet (by another processor)
 * waits for the round that has it; if none does, javac reports the missing type itself.
 */
final class Facades {
  private final Elements elements;
  private final Filer filer;
  private final Reporter reporter;
  private final FacadeChecker checker;
  private final FacadeMethodChecker methodChecker;
  private final FacadeMethods methods;
  private final FacadeSkeleton skeleton;
  private final OffloadGenerator offload;
  private final BlockingFacadeGenerator blocking;
  private final Types types;
  /** Interfaces waiting for a type of a later round, by kind and qualified name. */
  private List<Deferred> deferred = new ArrayList<>();

  private record Deferred(FacadeKind kind, String name) {}

  Facades(ProcessingEnvironment env, Reporter reporter) {
    this.elements = env.getElementUtils();
    this.filer = env.getFiler();
    this.reporter = reporter;
    this.checker = new FacadeChecker(elements, reporter);
    this.methodChecker = new FacadeMethodChecker(elements, env.getTypeUtils(), reporter);
    this.methods = new FacadeMethods(elements, env.getTypeUtils());
    this.skeleton = new FacadeSkeleton(elements);
    this.offload = new OffloadGenerator(skeleton);
    this.blocking = new BlockingFacadeGenerator(skeleton);
    this.types = env.getTypeUtils();
  }

  /** Checks and generates the facades of the interfaces annotated in {@code round}. */
  void round(RoundEnvironment round) {
    List<Deferred> waiting = deferred;
    deferred = new ArrayList<>();
    for (Deferred d : waiting) {
      generate(d.kind(), elements.getTypeElement(d.name()));
    }
    for (FacadeKind kind : FacadeKind.values()) {
      TypeElement annotation = elements.getTypeElement(kind.annotation());
      if (annotation == null) {
        continue;
      }
      for (Element target : round.getElementsAnnotatedWith(annotation)) {
        generate(kind, target);
      }
    }
  }

  private void generate(FacadeKind kind, Element target) {
    if (!checker.check(kind, target)) {
      return;
    }
    TypeElement type = (TypeElement) target;
    List<FacadeMethod> wrapped = methods.of(type);
    if (UnresolvedTypes.in(type, wrapped, types)) {
      deferred.add(new Deferred(kind, type.getQualifiedName().toString()));
      return;
    }
    if (!methodChecker.check(kind, wrapped)) {
      return;
    }
    TypeSpec facade =
        kind == FacadeKind.OFFLOAD ? offload.generate(type, wrapped) : blocking.generate(type, wrapped);
    String packageName = elements.getPackageOf(type).getQualifiedName().toString();
    try {
      JavaFile.builder(packageName, facade).skipJavaLangImports(true).build().writeTo(filer);
    } catch (IOException e) {
      reporter.error(
          DiagnosticId.FACADE_NOT_WRITTEN,
          "could not write " + skeleton.name(type, kind).canonicalName() + ", the "
              + kind.label() + " facade of " + type.getSimpleName() + ": " + e.getMessage()
              + "; if a type of that name already exists, rename it.",
          type);
    }
  }
}
