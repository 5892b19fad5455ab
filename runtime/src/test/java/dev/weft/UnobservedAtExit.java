package dev.weft;

/**
 * A program whose failed task is never observed and never collected: it fails one and exits at
 * once, holding it. Run in a child JVM by {@link UnobservedFailureTest}.
 */
public final class UnobservedAtExit {
  /** Held to the end, so no collection can report it. */
  static Task<Object> held;

  private UnobservedAtExit() {}

  public static void main(String[] args) {
    Promise<Object> p = Task.promise();
    p.fail(new IllegalStateException("lost at exit (expected by the test)"));
    held = p;
    System.out.println("failed one task; exiting");
  }
}
