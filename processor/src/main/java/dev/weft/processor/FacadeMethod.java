package dev.weft.processor;

import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ExecutableType;

/**
 * An abstract method of a facade's interface, declared there or inherited: {@code type} is its
 * signature as a member of that interface (type arguments of generic superinterfaces applied).
 */
record FacadeMethod(TypeElement owner, ExecutableElement element, ExecutableType type) {
  /** The method's simple name. */
  String name() {
    return element.getSimpleName().toString();
  }

  /** Whether the facade's interface declares the method itself (else it inherits it). */
  boolean declaredInOwner() {
    return element.getEnclosingElement().equals(owner);
  }

  /** {@code Dao.find}, or {@code Base.get (inherited by Dao)}, for messages. */
  String displayName() {
    String name = ElementNames.method(element);
    return declaredInOwner() ? name : name + " (inherited by " + owner.getSimpleName() + ")";
  }

  /** Where to report a problem of the method: on it, or on the interface when inherited. */
  Element position() {
    return declaredInOwner() ? element : owner;
  }

  /** {@code Dao.find}, named through the facade's interface: the label of generated messages. */
  String callName() {
    return owner.getSimpleName() + "." + name();
  }
}
