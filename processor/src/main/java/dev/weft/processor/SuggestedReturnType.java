package dev.weft.processor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * The return type {@code WeftAsyncReturnType} suggests in place of one that is not a stage: a
 * {@code Task} of the value the method means to produce.
 *
 * <ul>
 *   <li>{@code void} gives {@code Task<Void>}, a primitive its boxed type: {@code Task<Integer>}.
 *   <li>A future gives a {@code Task} of its value, since a {@code Task} is a {@code Future} too:
 *       {@code Future<String>} and Guava's {@code ListenableFuture<String>} give {@code
 *       Task<String>}. A future is a subtype of {@code java.util.concurrent.Future} (its value is
 *       that supertype's argument), or a type of one type argument named like one ({@code
 *       ...Future}, {@code ...Promise}), as Vert.x's {@code Future} is.
 *   <li>Any other type is the value itself: {@code List<String>} gives {@code Task<List<String>>}.
 * </ul>
 */
final class SuggestedReturnType {
  private static final String FUTURE = "java.util.concurrent.Future";

  private final Types types;

  SuggestedReturnType(Types types) {
    this.types = types;
  }

  /** {@code Task<...>} for a method declared to return {@code type}. */
  String of(TypeMirror type) {
    if (type.getKind() == TypeKind.VOID) {
      return "Task<Void>";
    }
    if (type.getKind().isPrimitive()) {
      return "Task<" + types.boxedClass((PrimitiveType) type).getSimpleName() + ">";
    }
    TypeMirror value =
        type.getKind() == TypeKind.DECLARED ? futureValue((DeclaredType) type) : null;
    return "Task<" + (value != null ? value : type) + ">";
  }

  /** Whether {@link #of} suggests the value of a future rather than the type itself. */
  boolean isFuture(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED && futureValue((DeclaredType) type) != null;
  }

  /** The value type of a future, {@code ?} for a raw one; null when {@code type} is no future. */
  private TypeMirror futureValue(DeclaredType type) {
    DeclaredType future = supertypeNamed(type, FUTURE);
    if (future != null) {
      List<? extends TypeMirror> arguments = future.getTypeArguments();
      return arguments.isEmpty() ? types.getWildcardType(null, null) : arguments.get(0);
    }
    String name = type.asElement().getSimpleName().toString();
    boolean namedLikeOne = name.endsWith("Future") || name.endsWith("Promise");
    if (namedLikeOne && type.getTypeArguments().size() == 1) {
      return type.getTypeArguments().get(0);
    }
    return null;
  }

  /** {@code type} or its supertype named {@code qualifiedName}, as {@code type} instantiates it. */
  private DeclaredType supertypeNamed(DeclaredType type, String qualifiedName) {
    Deque<TypeMirror> pending = new ArrayDeque<>(List.of(type));
    while (!pending.isEmpty()) {
      TypeMirror next = pending.removeFirst();
      if (next.getKind() != TypeKind.DECLARED) {
        continue;
      }
      DeclaredType declared = (DeclaredType) next;
      if (((TypeElement) declared.asElement()).getQualifiedName().contentEquals(qualifiedName)) {
        return declared;
      }
      pending.addAll(types.directSupertypes(declared));
    }
    return null;
  }
}
