package dev.weft.processor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;

/**
 * Whether a type is a {@code java.util.concurrent.CompletionStage} ({@code Task}, {@code
 * CompletableFuture} and their subtypes included), compared by name through the declarations'
 * supertypes, so that it needs no {@code Types} and never loads a class.
 */
final class StageTypes {
  private static final String COMPLETION_STAGE = "java.util.concurrent.CompletionStage";

  private StageTypes() {}

  /** Whether {@code type} (a class, a type variable or an intersection) is a stage. */
  static boolean isStage(TypeMirror type) {
    Deque<TypeMirror> pending = new ArrayDeque<>();
    pending.add(type);
    Set<TypeElement> seen = new HashSet<>();
    while (!pending.isEmpty()) {
      TypeMirror next = pending.removeFirst();
      if (next.getKind() == TypeKind.TYPEVAR) {
        pending.add(((TypeVariable) next).getUpperBound());
      } else if (next.getKind() == TypeKind.INTERSECTION) {
        pending.addAll(((IntersectionType) next).getBounds());
      } else if (next.getKind() == TypeKind.DECLARED) {
        TypeElement element = (TypeElement) ((DeclaredType) next).asElement();
        if (element.getQualifiedName().contentEquals(COMPLETION_STAGE)) {
          return true;
        }
        if (seen.add(element)) {
          pending.add(element.getSuperclass());
          pending.addAll(element.getInterfaces());
        }
      }
    }
    return false;
  }
}
