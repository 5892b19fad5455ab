package dev.weft.processor;

import dev.weft.weaver.WeaveProblem;

/**
 * The stable ids of every diagnostic the processor reports. Each message starts with its id in
 * brackets ({@code [WeftAwaitInSynchronized] ...}); {@code processor/DIAGNOSTICS.md} has a section
 * per id saying what triggers it and how to fix it. Ids are never renamed: users search for them.
 */
public enum DiagnosticId {
  /** {@code await} in a method (or initializer) that is not {@code @Async}. */
  AWAIT_OUTSIDE_ASYNC("WeftAwaitOutsideAsync"),
  /** {@code await} in a lambda body or method reference inside an {@code @Async} method. */
  AWAIT_IN_LAMBDA("WeftAwaitInLambda"),
  /** {@code await} in a local or anonymous class body inside an {@code @Async} method. */
  AWAIT_IN_LOCAL_CLASS("WeftAwaitInLocalClass"),
  /** {@code await} inside a {@code synchronized} block of an {@code @Async} method. */
  AWAIT_IN_SYNCHRONIZED("WeftAwaitInSynchronized"),
  /** {@code @Async} on an abstract or native method. */
  ASYNC_WITHOUT_BODY("WeftAsyncWithoutBody"),
  /** {@code @Async} on a method that does not return a stage. */
  ASYNC_RETURN_TYPE("WeftAsyncReturnType"),
  /** {@code @Async} on a {@code synchronized} method. */
  ASYNC_SYNCHRONIZED("WeftAsyncSynchronized"),
  /** A stage returned by a call in an {@code @Async} method and dropped unawaited (a warning). */
  DISCARDED_TASK("WeftDiscardedTask"),
  /** {@code @Offload} or {@code @BlockingFacade} on a type that is not an interface. */
  FACADE_NOT_INTERFACE("WeftFacadeNotInterface"),
  /** A facade's interface is private, local, or inside a private type. */
  FACADE_INACCESSIBLE("WeftFacadeInaccessible"),
  /** A facade's interface has type parameters. */
  FACADE_GENERIC_INTERFACE("WeftFacadeGenericInterface"),
  /** A method of a facade's interface has type parameters. */
  FACADE_GENERIC_METHOD("WeftFacadeGenericMethod"),
  /** A default method in a facade's interface. */
  FACADE_DEFAULT_METHOD("WeftFacadeDefaultMethod"),
  /** Overloaded methods, or a method named like a {@code java.lang.Object} method. */
  FACADE_OVERLOAD("WeftFacadeOverload"),
  /** An {@code @Offload} method that returns a stage, a {@code @BlockingFacade} one that does not. */
  FACADE_RETURN_TYPE("WeftFacadeReturnType"),
  /** An {@code @Offload} method that declares a checked throwable that is not an Exception. */
  FACADE_THROWS_THROWABLE("WeftFacadeThrowsThrowable"),
  /** The generated facade could not be written (a type of its name exists, say). */
  FACADE_NOT_WRITTEN("WeftFacadeNotWritten"),
  /** The weaver could not rewrite a class while it was being compiled. */
  WEAVE_FAILED("WeftWeaveFailed"),
  /** A class file could not be read or rewritten through the {@code Filer}. */
  CLASS_OUTPUT_UNAVAILABLE("WeftClassOutputUnavailable"),
  /** Compile-time weaving cannot run in this compiler (a warning). */
  WEAVING_OFF("WeftWeavingOff"),
  /** A bug in the processor itself; the message carries the stack trace. */
  INTERNAL_ERROR("WeftInternalError");

  private final String id;

  DiagnosticId(String id) {
    this.id = id;
  }

  /** The id as it appears in messages and in {@code DIAGNOSTICS.md}, e.g. {@code WeftAwaitInLambda}. */
  public String id() {
    return id;
  }

  /**
   * The id of the weaver's problems of {@code kind}: the agent and the Maven plugin print the same
   * id for the same rule.
   */
  static DiagnosticId of(WeaveProblem.Kind kind) {
    for (DiagnosticId value : values()) {
      if (value.id.equals(kind.id())) {
        return value;
      }
    }
    return WEAVE_FAILED;
  }

  /** {@code [Id] text}: the form of every message the processor reports. */
  String format(String text) {
    return "[" + id + "] " + text;
  }
}
