package dev.weft.processor;

import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Checks the declaration of each {@code @Async} method: it has a body, returns a stage and is not
 * {@code synchronized}. Reports on the method element; several problems of one method are all
 * reported.
 */
final class AsyncMethodChecker {
  private final Types types;
  private final Reporter reporter;
  private final SuggestedReturnType suggested;

  AsyncMethodChecker(Types types, Reporter reporter) {
    this.types = types;
    this.reporter = reporter;
    this.suggested = new SuggestedReturnType(types);
  }

  /** Checks every element of {@code annotated} that is a method. */
  void check(Set<? extends Element> annotated) {
    for (Element element : annotated) {
      if (element instanceof ExecutableElement) {
        check((ExecutableElement) element);
      }
    }
  }

  private void check(ExecutableElement method) {
    String name = ElementNames.method(method);
    Set<Modifier> modifiers = method.getModifiers();
    if (modifiers.contains(Modifier.ABSTRACT) || modifiers.contains(Modifier.NATIVE)) {
      reporter.error(
          DiagnosticId.ASYNC_WITHOUT_BODY,
          "@Async on "
              + name
              + ", which has no body (abstract, native or an interface method without one), has"
              + " nothing to weave; remove @Async here and put it on the methods that implement"
              + " it (or give this one a body, e.g. as an interface default method).",
          method);
    }
    if (!isStage(method.getReturnType())) {
      reporter.error(
          DiagnosticId.ASYNC_RETURN_TYPE,
          "@Async method "
              + name
              + " returns "
              + method.getReturnType()
              + ", but an @Async method must return dev.weft.Task, CompletableFuture or"
              + " CompletionStage; "
              + returnTypeFix(method.getReturnType()),
          method);
    }
    if (modifiers.contains(Modifier.SYNCHRONIZED)) {
      reporter.error(
          DiagnosticId.ASYNC_SYNCHRONIZED,
          "@Async method "
              + name
              + " is synchronized, but its monitor would be released at the first suspension and"
              + " the rest of the body would run without it, on another thread; remove"
              + " synchronized and guard the shared state with "
              + Fixes.ASYNC_LOCK
              + ", or keep it on one event loop.",
          method);
    }
  }

  private boolean isStage(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return false;
    }
    TypeElement erased = (TypeElement) ((DeclaredType) types.erasure(type)).asElement();
    return WeftNames.ASYNC_RETURN_TYPES.contains(erased.getQualifiedName().toString());
  }

  private String returnTypeFix(TypeMirror type) {
    String task = suggested.of(type);
    if (suggested.isFuture(type)) {
      return "declare it to return "
          + task
          + " instead of "
          + type
          + " (a Task is a Future too) and return a Task of the value instead of a future.";
    }
    return "declare it to return "
        + task
        + " and return Task.completed(...) where it returned a value.";
  }
}
