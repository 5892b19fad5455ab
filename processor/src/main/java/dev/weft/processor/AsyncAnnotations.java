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
  private static String otherAsync(Element element) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getSimpleName().contentEquals(SIMPLE_NAME)
          && !type.getQualifiedName().contentEquals(WeftNames.ASYNC)) {
        return type.getQualifiedName().toString();
      }
    }
    return null;
  }

  /**
   * Why {@code method}, which is not {@code @Async}, may look as if it were: {@code " (it is
   * annotated @org.springframework.scheduling.annotation.Async, not @dev.weft.annotations.Async)"},
   * or the same said of its class; empty when neither carries another {@code Async}.
   */
  static String otherAsyncNote(Element method) {
    if (method == null) {
      return "";
    }
    String onMethod = otherAsync(method);
    if (onMethod != null) {
      return " (it is annotated @" + onMethod + ", not @" + WeftNames.ASYNC + ")";
    }
    Element type = method.getEnclosingElement();
    String onClass = type == null ? null : otherAsync(type);
    if (onClass != null) {
      return " (its class is annotated @"
          + onClass
          + ", which does not make it a @"
          + WeftNames.ASYNC
          + " method)";
    }
    return "";
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
