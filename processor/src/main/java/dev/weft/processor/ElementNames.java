package dev.weft.processor;

import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Short, readable names of declarations for messages: {@code Orders.checkout}. */
final class ElementNames {
  private ElementNames() {}

  /** {@code Type.method}, or {@code Type.<init>} for a constructor. */
  static String method(ExecutableElement method) {
    return type(method.getEnclosingElement()) + "." + method.getSimpleName();
  }

  /** The simple name of a type, or {@code (anonymous Runnable)} for an anonymous class. */
  static String type(Element type) {
    if (type instanceof TypeElement && type.getSimpleName().length() == 0) {
      TypeElement anonymous = (TypeElement) type;
      List<? extends TypeMirror> interfaces = anonymous.getInterfaces();
      TypeMirror parent = interfaces.isEmpty() ? anonymous.getSuperclass() : interfaces.get(0);
      String parentName =
          parent.getKind() == TypeKind.DECLARED
              ? ((DeclaredType) parent).asElement().getSimpleName().toString()
              : "class";
      return "(anonymous " + parentName + ")";
    }
    if (type.getKind() == ElementKind.PACKAGE || type.getKind() == ElementKind.MODULE) {
      return type.toString();
    }
    return type.getSimpleName().toString();
  }
}
