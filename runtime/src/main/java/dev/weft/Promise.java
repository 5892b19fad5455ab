package dev.weft;

/**
 * A {@link Task} completed by the code that made it: the bridge from callbacks, other threads and
 * tests into {@code @Async} code. Make one with {@link Task#promise()}.
 *
 * <pre>{@code
 * Promise<String> p = Task.promise();
 * client.send(request, (response, error) -> {
 *   if (error != null) p.fail(error); else p.complete(response.body());
 * });
 * return p;
 * }</pre>
 *
 * <p>All methods may be called from any thread. Completing runs the task's waiters on the calling
 * thread; awaiting coroutines are only posted to their loops from there.
 *
 * @param <T> the type of the value
 */
public final class Promise<T> extends Task<T> {
  Promise() {}

  /** A promise already complete with a raw result. */
  Promise(Object raw) {
    super(raw);
  }

  /**
   * Completes this promise with {@code value} (which may be null).
   *
   * @return whether this call completed it (false if it was already complete or cancelled)
   */
  public boolean complete(T value) {
    return completeRaw(Failure.ofValue(value));
  }

  /**
   * Fails this promise with {@code failure} ({@code CompletionException} and {@code
   * ExecutionException} wrappers are removed).
   *
   * @return whether this call completed it (false if it was already complete or cancelled)
   */
  public boolean fail(Throwable failure) {
    if (failure == null) {
      throw new NullPointerException("failure");
    }
    return completeRaw(new Failure(Failure.unwrap(failure)));
  }
}
