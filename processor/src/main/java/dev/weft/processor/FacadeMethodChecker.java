package dev.weft.processor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks each method a facade would wrap: abstract, not generic, the only one of its name, and
 * returning what the facade's kind needs. Reports every problem on the method (on the interface
 * when the method is inherited); returns whether all methods passed.
 */
final class FacadeMethodChecker {
  /** The names of the public and protected methods of {@code java.lang.Object}. */
  private static final Set<String> OBJECT_METHODS =
      Set.of("equals", "hashCode", "toString", "getClass", "notify", "notifyAll", "wait", "clone",
          "finalize");

  private final Types types;
  private final Reporter reporter;
  private final TypeMirror completionStage;
  private final TypeMirror exception;
  private final TypeMirror error;

  FacadeMethodChecker(Elements elements, Types types, Reporter reporter) {
    this.types = types;
    this.reporter = reporter;
    this.completionStage = erased(elements, "java.util.concurrent.CompletionStage");
    this.exception = erased(elements, "java.lang.Exception");
    this.error = erased(elements, "java.lang.Error");
  }

  private TypeMirror erased(Elements elements, String name) {
    return types.erasure(elements.getTypeElement(name).asType());
  }

  /** Whether every method of {@code methods} can be wrapped by a facade of {@code kind}. */
  boolean check(FacadeKind kind, List<FacadeMethod> methods) {
    Map<String, Integer> counts = nameCounts(methods);
    boolean ok = true;
    for (FacadeMethod method : methods) {
      // A method of the wrong shape is not looked at further: its name or type parameters are the
      // problem, not its signature.
      if (!checkShape(kind, method, counts.get(method.name()))) {
        ok = false;
      } else {
        ok &= kind == FacadeKind.OFFLOAD ? checkOffload(method) : checkBlocking(method);
      }
    }
    return ok;
  }

  private boolean checkShape(FacadeKind kind, FacadeMethod method, int sameName) {
    boolean ok = true;
    String name = method.displayName();
    if (method.element().getModifiers().contains(Modifier.DEFAULT)) {
      ok = error(DiagnosticId.FACADE_DEFAULT_METHOD, method, name + " is a default method; "
          + kind.label() + " facades wrap abstract methods only, so that each facade method calls"
          + " the implementation; make it abstract, or static, or move it out of the interface.");
    }
    if (!method.element().getTypeParameters().isEmpty()) {
      ok = error(DiagnosticId.FACADE_GENERIC_METHOD, method, name + " has type parameters "
          + FacadeChecker.typeParameters(method.element().getTypeParameters()) + ", which a"
          + " facade method cannot pass on; declare a method per type you need, or move it out of"
          + " the " + kind.label() + " interface.");
    }
    if (sameName > 1) {
      ok = error(DiagnosticId.FACADE_OVERLOAD, method, name + " is overloaded (" + sameName
          + " methods named " + method.name() + "), and a facade has one method per name; give"
          + " each a name of its own.");
    } else if (OBJECT_METHODS.contains(method.name())) {
      ok = error(DiagnosticId.FACADE_OVERLOAD, method, name + " has the name of a"
          + " java.lang.Object method, which the generated facade class already has; rename it.");
    } else if (kind == FacadeKind.BLOCKING && BlockingFacadeHelpers.NAMES.contains(method.name())) {
      ok = error(DiagnosticId.FACADE_OVERLOAD, method, name + " has the name of a helper method"
          + " of the generated facade class; rename it.");
    }
    return ok;
  }

  private boolean checkOffload(FacadeMethod method) {
    boolean ok = true;
    TypeMirror returned = method.type().getReturnType();
    if (types.isAssignable(types.erasure(returned), completionStage)) {
      ok = error(DiagnosticId.FACADE_RETURN_TYPE, method, method.displayName() + " returns "
          + returned + ", a stage, but @Offload is for methods that block and return their"
          + " result; make it return the result, or move it out of the @Offload interface.");
    }
    for (TypeMirror thrown : method.type().getThrownTypes()) {
      if (!types.isSubtype(thrown, exception) && !types.isSubtype(thrown, error)) {
        ok = error(DiagnosticId.FACADE_THROWS_THROWABLE, method, method.displayName()
            + " declares throws " + thrown + ", which the Callable that Task.blocking runs cannot"
            + " throw; declare Exception or narrower types.");
      }
    }
    return ok;
  }

  private boolean checkBlocking(FacadeMethod method) {
    TypeMirror returned = method.type().getReturnType();
    if (isStage(returned)) {
      return true;
    }
    return error(DiagnosticId.FACADE_RETURN_TYPE, method, method.displayName() + " returns "
        + returned + ", but a @BlockingFacade method must return dev.weft.Task, CompletableFuture"
        + " or CompletionStage, which the facade waits for; declare it to return "
        + suggestedStage(returned) + ".");
  }

  /** Whether {@code type} is one of the stage types an {@code @Async} method may return. */
  boolean isStage(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return false;
    }
    TypeElement erased = (TypeElement) ((DeclaredType) types.erasure(type)).asElement();
    return WeftNames.ASYNC_RETURN_TYPES.contains(erased.getQualifiedName().toString());
  }

  private String suggestedStage(TypeMirror type) {
    if (type.getKind() == TypeKind.VOID) {
      return "Task<Void>";
    }
    if (type.getKind().isPrimitive()) {
      return "Task<" + types.boxedClass((PrimitiveType) type).getSimpleName() + ">";
    }
    return "Task<" + type + ">";
  }

  private boolean error(DiagnosticId id, FacadeMethod method, String text) {
    reporter.error(id, text, method.position());
    return false;
  }

  /** How many of {@code methods} bear each name. */
  private static Map<String, Integer> nameCounts(List<FacadeMethod> methods) {
    Map<String, Integer> counts = new HashMap<>();
    for (FacadeMethod method : methods) {
      counts.merge(method.name(), 1, Integer::sum);
    }
    return counts;
  }

}
