package dev.weft.processor;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/** Whether elements carry {@code @dev.weft.annotations.Async}, compared by name (never loaded). */
final class AsyncAnnotations {
  private AsyncAnnotations() {}

  /** Whether {@code element} is annotated {@code @Async}. */
  static boolean isAsync(Element element) {
    if (element == null) {
      return false;
    }
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(WeftNames.ASYNC)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code type} declares at least one {@code @Async} method of its own. */
  static boolean declaresAsyncMethod(TypeElement type) {
    for (Element member : type.getEnclosedElements()) {
      if (member.getKind() == ElementKind.METHOD && isAsync(member)) {
        return true;
      }
    }
    return false;
  }
}
