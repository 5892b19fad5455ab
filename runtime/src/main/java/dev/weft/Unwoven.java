package dev.weft;

import java.util.Optional;

/**
 * Builds the error thrown by {@link Task#await} when it is reached in code that was not woven. When
 * weft-agent tried to weave the calling class and could not, the error says so and gives the
 * agent's reasons, read from the system property the agent leaves per class ({@value
 * #AGENT_FAILURE_PREFIX} and the class's binary name); the agent and the runtime share that name,
 * no class. Otherwise it says how to enable weaving.
 */
final class Unwoven {
  private Unwoven() {}

  /** The prefix of weft-agent's per-class property of why it could not weave the class. */
  static final String AGENT_FAILURE_PREFIX = "weft.agent.notWoven.";

  private static final StackWalker WALKER = StackWalker.getInstance();

  static IllegalStateException error() {
    Optional<StackWalker.StackFrame> caller = WALKER.walk(frames -> frames
        .filter(f -> !f.getClassName().equals(Unwoven.class.getName())
            && !f.getClassName().equals(Task.class.getName()))
        .findFirst());
    if (caller.isEmpty()) {
      return new IllegalStateException(message("an unknown method"));
    }
    StackWalker.StackFrame f = caller.get();
    String method = f.getClassName() + "." + f.getMethodName()
        + (f.getLineNumber() > 0 ? " (" + f.getFileName() + ":" + f.getLineNumber() + ")" : "");
    String reasons = agentFailure(f.getClassName());
    return new IllegalStateException(reasons != null ? weavingFailed(method, f.getClassName(), reasons) : message(method));
  }

  /** Why weft-agent could not weave {@code className}, or null when it did not record a failure. */
  private static String agentFailure(String className) {
    try {
      return System.getProperty(AGENT_FAILURE_PREFIX + className);
    } catch (SecurityException e) {
      return null;
    }
  }

  static String message(String method) {
    return "Task.await() was called in " + method + ", which was not woven into a state machine, "
        + "so it cannot suspend (and it never blocks). Annotate the method with "
        + "@dev.weft.annotations.Async and enable weaving in one of three ways: "
        + "(1) put the weft-processor annotation processor on the compiler's "
        + "annotationProcessorPaths, (2) run the JVM with -javaagent:weft-agent.jar, or "
        + "(3) add the weft-maven-plugin 'weave' goal to the build.";
  }

  /** The message when weft-agent tried to weave {@code className} and gave {@code reasons}. */
  static String weavingFailed(String method, String className, String reasons) {
    return "Task.await() was called in " + method + ", which was not woven into a state machine: "
        + "weft-agent could not weave " + className + " and left it as it was:\n" + reasons + "\n"
        + "It cannot suspend (and it never blocks); change the code as the reason says.";
  }
}
