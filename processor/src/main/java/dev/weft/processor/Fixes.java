package dev.weft.processor;

/** Fixes that several messages suggest, worded once so that they stay the same everywhere. */
final class Fixes {
  /**
   * The async lock the runtime offers in place of {@code synchronized}: a semaphore of one permit,
   * which suspends the waiting coroutine instead of blocking its thread, and may be released on
   * whichever thread the coroutine resumes on.
   */
  static final String ASYNC_LOCK =
      "an async lock, a dev.weft.sync.Semaphore(1) (await(lock.acquire()); try { ... } finally {"
          + " lock.release(); }, or lock.withPermit(...))";

  private Fixes() {}
}
