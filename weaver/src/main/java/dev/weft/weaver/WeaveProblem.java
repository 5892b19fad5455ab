package dev.weft.weaver;

/**
 * One reason a class could not be woven, with where it is: the class (internal name), the source
 * method (for an await in a lambda, the method that declares the lambda, never javac's {@code
 * lambda$m$0}; {@code "?"} for a problem of the whole class), the source file and line when the
 * class file records them ({@code line} is {@code -1} otherwise), and its {@link Kind}, which
 * carries the processor's diagnostic id for the same rule.
 */
public record WeaveProblem(
    String className, String methodName, String sourceFile, int line, String message, Kind kind) {

  /**
   * What a problem is, with the id the processor reports for the same rule at compile time, so that
   * a user searches one id whichever tool wove the class. Ids are never renamed.
   */
  public enum Kind {
    /** {@code await} in a method that is not {@code @Async}. */
    AWAIT_OUTSIDE_ASYNC("WeftAwaitOutsideAsync"),
    /** {@code await} in a lambda body. */
    AWAIT_IN_LAMBDA("WeftAwaitInLambda"),
    /** {@code await} where a monitor is held. */
    AWAIT_IN_SYNCHRONIZED("WeftAwaitInSynchronized"),
    /** {@code @Async} on an abstract or native method. */
    ASYNC_WITHOUT_BODY("WeftAsyncWithoutBody"),
    /** {@code @Async} on a method that does not return a stage. */
    ASYNC_RETURN_TYPE("WeftAsyncReturnType"),
    /** {@code @Async} on a {@code synchronized} method. */
    ASYNC_SYNCHRONIZED("WeftAsyncSynchronized"),
    /** Anything else the weaver cannot rewrite. */
    WEAVE_FAILED("WeftWeaveFailed");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    /** The id as messages print it between brackets, e.g. {@code WeftAwaitInLambda}. */
    public String id() {
      return id;
    }
  }

  /** A problem of kind {@link Kind#WEAVE_FAILED}. */
  public WeaveProblem(String className, String methodName, String sourceFile, int line, String message) {
    this(className, methodName, sourceFile, line, message, Kind.WEAVE_FAILED);
  }

  /**
   * {@code com/acme/Orders.java}: the source file's path below its source root, from the package of
   * the class and the file name the class file records (the top-level class's name when it records
   * none).
   */
  public String sourcePath() {
    int slash = className.lastIndexOf('/');
    if (sourceFile != null) {
      return (slash < 0 ? "" : className.substring(0, slash + 1)) + sourceFile;
    }
    int nested = className.indexOf('$', slash + 1);
    return (nested < 0 ? className : className.substring(0, nested)) + ".java";
  }

  /**
   * {@code path:line: [WeftId] could not weave com.acme.Orders.checkout: message}, the one form in
   * which the Maven plugin and the agent print a problem; {@code path} is where the source file is,
   * as the tool knows it ({@link #sourcePath()} at least), and {@code ?} stands for an unknown line.
   */
  public String report(String path) {
    return path + ":" + (line > 0 ? line : "?") + ": [" + kind.id() + "] could not weave " + where() + ": "
        + message;
  }

  /** {@code com.acme.Orders.checkout}, or the class alone for a problem of the whole class. */
  private String where() {
    String type = className.replace('/', '.');
    return methodName == null || methodName.equals("?") ? type : type + "." + methodName;
  }

  @Override
  public String toString() {
    return where() + (line > 0 ? " (line " + line + ")" : "") + ": " + message;
  }
}
