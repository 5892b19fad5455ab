package dev.weft;

import java.util.Optional;

/** Builds the error thrown by {@link Task#await} when it is reached in code that was not woven. */
final class Unwoven {
  private Unwoven() {}

  private static final StackWalker WALKER = StackWalker.getInstance();

  static IllegalStateException error() {
    Optional<String> caller = WALKER.walk(frames -> frames
        .filter(f -> !f.getClassName().equals(Unwoven.class.getName())
            && !f.getClassName().equals(Task.class.getName()))
        .findFirst()
        .map(f -> f.getClassName() + "." + f.getMethodName()
            + (f.getLineNumber() > 0 ? " (" + f.getFileName() + ":" + f.getLineNumber() + ")" : "")));
    return new IllegalStateException(message(caller.orElse("an unknown method")));
  }

  static String message(String method) {
    return "Task.await() was called in " + method + ", which was not woven into a state machine, "
        + "so it cannot suspend (and it never blocks). Annotate the method with "
        + "@dev.weft.annotations.Async and enable weaving in one of three ways: "
        + "(1) put the weft-processor annotation processor on the compiler's "
        + "annotationProcessorPaths, (2) run the JVM with -javaagent:weft-agent.jar, or "
        + "(3) add the weft-maven-plugin 'weave' goal to the build.";
  }
}
