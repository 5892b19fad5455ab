package dev.weft.processor;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/** Whether elements carry {@code @dev.weft.annotations.Async}, compared by name (never loaded). */
final class AsyncAnnotations {
  private static final String SIMPLE_NAME = "Async";

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

  /**
   * The qualified name of an annotation named {@code Async} that is not Weft's (Spring's {@code
   * org.springframework.scheduling.annotation.Async}, say) on {@code element}, or null if it
   * carries none.
   */
  static String otherAsync(Element element) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getSimpleName().contentEquals(SIMPLE_NAME)
          && !type.getQualifiedName().contentEquals(WeftNames.ASYNC)) {
        return type.getQualifiedName().toString();
      }
    }
    return null;
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
