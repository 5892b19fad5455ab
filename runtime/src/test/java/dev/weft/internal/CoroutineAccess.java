package dev.weft.internal;

/** Reaches the coroutine members tests of the core package check, which are not public. */
public final class CoroutineAccess {
  private CoroutineAccess() {}

  public static void whenSettled(Coroutine<?> frame, Runnable action) {
    frame.whenSettled(action);
  }

  public static void rejected(Coroutine<?> frame, java.util.concurrent.RejectedExecutionException e) {
    frame.rejected(e);
  }

  public static Object context(Coroutine<?> frame) {
    return frame.context();
  }
}
