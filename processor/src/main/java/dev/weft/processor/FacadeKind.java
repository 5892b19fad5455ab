package dev.weft.processor;

/** The two facades the processor generates, each from its own interface annotation. */
enum FacadeKind {
  /** {@code @Offload}: a class whose methods run the blocking methods on the blocking pool. */
  OFFLOAD(WeftNames.OFFLOAD, "Offload"),
  /** {@code @BlockingFacade}: a class whose methods wait for the asynchronous methods. */
  BLOCKING(WeftNames.BLOCKING_FACADE, "Blocking");

  private final String annotation;
  private final String suffix;

  FacadeKind(String annotation, String suffix) {
    this.annotation = annotation;
    this.suffix = suffix;
  }

  /** The qualified name of the annotation. */
  String annotation() {
    return annotation;
  }

  /** {@code @Offload}, as messages write it. */
  String label() {
    return "@" + annotation.substring(annotation.lastIndexOf('.') + 1);
  }

  /** Appended to the interface's name to name the facade: {@code DaoOffload}. */
  String suffix() {
    return suffix;
  }
}
