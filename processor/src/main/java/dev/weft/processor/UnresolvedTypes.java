package dev.weft.processor;

import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Types;

/**
 * Whether an interface's signatures mention a type javac cannot resolve yet: one that another
 * processor generates in a later round. A facade of such an interface waits for that round.
 */
final class UnresolvedTypes {
  private UnresolvedTypes() {}

  /** Whether {@code type}'s superinterfaces or {@code methods}' signatures are unresolved. */
  static boolean in(TypeElement type, List<FacadeMethod> methods, Types types) {
    if (inSuperinterfaces(type, types)) {
      return true;
    }
    for (FacadeMethod method : methods) {
      ExecutableType signature = method.type();
      if (any(signature.getParameterTypes())
          || any(signature.getThrownTypes())
          || unresolved(signature.getReturnType())) {
        return true;
      }
    }
    return false;
  }

  private static boolean inSuperinterfaces(TypeElement type, Types types) {
    for (TypeMirror superinterface : type.getInterfaces()) {
      if (unresolved(superinterface)
          || inSuperinterfaces((TypeElement) types.asElement(superinterface), types)) {
        return true;
      }
    }
    return false;
  }

  private static boolean any(List<? extends TypeMirror> mirrors) {
    for (TypeMirror mirror : mirrors) {
      if (unresolved(mirror)) {
        return true;
      }
    }
    return false;
  }

  private static boolean unresolved(TypeMirror type) {
    if (type == null) {
      return false;
    }
    if (type.getKind() == TypeKind.ERROR) {
      return true;
    }
    if (type instanceof ArrayType array) {
      return unresolved(array.getComponentType());
    }
    if (type instanceof WildcardType wildcard) {
      return unresolved(wildcard.getExtendsBound()) || unresolved(wildcard.getSuperBound());
    }
    if (type instanceof DeclaredType declared) {
      return any(declared.getTypeArguments());
    }
    return false;
  }
}
