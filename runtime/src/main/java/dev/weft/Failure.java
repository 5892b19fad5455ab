package dev.weft;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The raw outcome encoding shared by {@link Task} and {@link Coroutine}: a task's {@code result}
 * field holds {@code null} while incomplete, {@link #NIL} for a null value, a {@code Failure} for a
 * failure, or the value itself.
 */
final class Failure {
  /** Stands for a {@code null} value, since {@code null} means "incomplete". */
  static final Object NIL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  final Throwable cause;

  Failure(Throwable cause) {
    this.cause = cause;
  }

  /** Encodes a value. */
  static Object ofValue(Object value) {
    return value == null ? NIL : value;
  }

  /** Encodes a {@code whenComplete} pair, unwrapping the failure. */
  static Object of(Object value, Throwable failure) {
    return failure == null ? ofValue(value) : new Failure(unwrap(failure));
  }

  /** The value of a raw result, or throws the failure's cause as it is (checked or not). */
  static Object valueOrThrow(Object raw) {
    if (raw instanceof Failure) {
      throw sneaky(((Failure) raw).cause);
    }
    return raw == NIL ? null : raw;
  }

  /** Whether a raw result is a cancellation. */
  static boolean isCancellation(Object raw) {
    return raw instanceof Failure && ((Failure) raw).cause instanceof CancellationException;
  }

  /** Strips {@link CompletionException} and {@link ExecutionException} wrappers. */
  static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Throws {@code t} without the compiler knowing it may be checked. */
  @SuppressWarnings("unchecked")
  static <X extends Throwable> RuntimeException sneaky(Throwable t) throws X {
    throw (X) t;
  }

  @Override
  public String toString() {
    return "Failure[" + cause + "]";
  }
}
