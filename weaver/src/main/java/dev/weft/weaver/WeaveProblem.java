package dev.weft.weaver;

/**
 * One reason a class could not be woven, with where it is: the class (internal name), the method,
 * the source file and line when the class file records them ({@code line} is {@code -1}
 * otherwise).
 */
public record WeaveProblem(
    String className, String methodName, String sourceFile, int line, String message) {

  /** {@code File.java:line: message}, the form the Maven plugin and the agent print. */
  public String toFileLineMessage() {
    String file = sourceFile != null ? sourceFile : className.replace('/', '.');
    return file + ":" + (line > 0 ? line : "?") + ": " + message;
  }

  @Override
  public String toString() {
    return className.replace('/', '.')
        + "."
        + methodName
        + (line > 0 ? " (line " + line + ")" : "")
        + ": "
        + message;
  }
}
