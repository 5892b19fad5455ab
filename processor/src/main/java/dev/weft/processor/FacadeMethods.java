package dev.weft.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The instance methods a facade wraps: the interface's own abstract and default methods in source
 * order, then those it inherits, superinterface by superinterface in declaration order, leaving
 * out methods overridden by one already listed. Static and private methods are not part of what
 * an implementation provides, so they are left out.
 */
final class FacadeMethods {
  private final Elements elements;
  private final Types types;

  FacadeMethods(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /** The methods of interface {@code owner}, each with its signature as a member of it. */
  List<FacadeMethod> of(TypeElement owner) {
    List<ExecutableElement> found = new ArrayList<>();
    collect(owner, owner, found);
    DeclaredType ownerType = (DeclaredType) owner.asType();
    List<FacadeMethod> methods = new ArrayList<>();
    for (ExecutableElement method : found) {
      ExecutableType type = (ExecutableType) types.asMemberOf(ownerType, method);
      methods.add(new FacadeMethod(owner, method, type));
    }
    return methods;
  }

  private void collect(TypeElement type, TypeElement owner, List<ExecutableElement> found) {
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      Set<Modifier> modifiers = method.getModifiers();
      if (modifiers.contains(Modifier.STATIC) || modifiers.contains(Modifier.PRIVATE)) {
        continue;
      }
      if (!found.contains(method) && !overridden(method, owner, found)) {
        found.add(method);
      }
    }
    for (TypeMirror superinterface : type.getInterfaces()) {
      collect((TypeElement) types.asElement(superinterface), owner, found);
    }
  }

  private boolean overridden(ExecutableElement method, TypeElement owner, List<ExecutableElement> found) {
    for (ExecutableElement listed : found) {
      if (elements.overrides(listed, method, owner)) {
        return true;
      }
    }
    return false;
  }
}
