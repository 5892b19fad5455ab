package dev.weft.processor;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.util.Elements;

/**
 * Checks that an {@code @Offload} or {@code @BlockingFacade} target is an interface a facade can be
 * generated for: a non-generic interface the facade's package can see. Its methods are checked by
 * {@link FacadeMethodChecker}. Reports on the element; returns whether the target passed.
 */
final class FacadeChecker {
  private final Elements elements;
  private final Reporter reporter;

  FacadeChecker(Elements elements, Reporter reporter) {
    this.elements = elements;
    this.reporter = reporter;
  }

  /** Whether {@code target}, annotated for {@code kind}, is an interface to generate a facade for. */
  boolean check(FacadeKind kind, Element target) {
    if (target.getKind() != ElementKind.INTERFACE) {
      String what = target.getKind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
      reporter.error(
          DiagnosticId.FACADE_NOT_INTERFACE,
          kind.label() + " on " + what + " " + target.getSimpleName() + ", but facades are"
              + " generated for interfaces only; put " + kind.label() + " on an interface that "
              + target.getSimpleName() + " implements (extract one if there is none).",
          target);
      return false;
    }
    TypeElement type = (TypeElement) target;
    String inaccessible = whyInaccessible(type);
    if (inaccessible != null) {
      reporter.error(
          DiagnosticId.FACADE_INACCESSIBLE,
          kind.label() + " interface " + type.getSimpleName() + " is " + inaccessible
              + ", so the facade generated beside it in package "
              + elements.getPackageOf(type).getQualifiedName() + " could not use it; make it a"
              + " top-level or member interface, at least package-private, of types that are not"
              + " private.",
          type);
      return false;
    }
    if (!type.getTypeParameters().isEmpty()) {
      reporter.error(
          DiagnosticId.FACADE_GENERIC_INTERFACE,
          kind.label() + " interface " + type.getSimpleName() + " has type parameters "
              + typeParameters(type.getTypeParameters()) + ", which the generated facade could"
              + " not choose; put " + kind.label() + " on an interface that extends it with type"
              + " arguments instead (interface RowRepo extends Repo<Row> {}).",
          type);
      return false;
    }
    return true;
  }

  /** Null when the facade's package can refer to {@code type}, else why it cannot. */
  private static String whyInaccessible(TypeElement type) {
    if (type.getModifiers().contains(Modifier.PRIVATE)) {
      return "private";
    }
    if (type.getNestingKind() == NestingKind.LOCAL) {
      return "local"; // javac shows processors no local types; other compilers may
    }
    for (Element e = type.getEnclosingElement(); e instanceof TypeElement; e = e.getEnclosingElement()) {
      TypeElement enclosing = (TypeElement) e;
      if (enclosing.getModifiers().contains(Modifier.PRIVATE)) {
        return "inside private " + enclosing.getSimpleName();
      }
    }
    return null;
  }

  /** {@code <T, U>}. */
  static String typeParameters(List<? extends TypeParameterElement> parameters) {
    return parameters.stream()
        .map(p -> p.getSimpleName().toString())
        .collect(Collectors.joining(", ", "<", ">"));
  }
}
