package dev.weft;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value bound for a stretch of asynchronous work that follows it across suspensions: a request
 * id, a tenant, a logging context. The semantics are those of a scoped value: {@link #with} binds
 * a value for the synchronous extent of a body, and every {@code @Async} invocation that suspends
 * while the binding is in force keeps it: each of its later steps runs, on its event loop, with
 * the bindings it captured, and the loop thread's previous bindings are put back after the step.
 *
 * <pre>{@code
 * static final TaskLocal<String> REQUEST_ID = new TaskLocal<>();
 *
 * Task<Response> handle(Request r) {
 *   return REQUEST_ID.with(r.id(), () -> serve(r)); // serve is @Async: all its steps see r.id()
 * }
 * }</pre>
 *
 * <p>Bindings are immutable and nest: an inner {@code with} of the same local shadows the outer
 * one until its body returns. A binding is captured when a suspended invocation's frame is made
 * (its first real suspension); work handed to other threads by other means ({@link Task#blocking},
 * callbacks of {@code thenApply}, {@link EventLoop#execute}) does not carry it. When no local was
 * ever bound, resuming a coroutine costs one field read more than without this class.
 *
 * <p>All methods may be called from any thread; a thread sees its own bindings.
 *
 * @param <T> the type of the value
 */
public final class TaskLocal<T> {
  /** Whether any binding was ever made; until then frames skip the capture. */
  private static volatile boolean used;
  private static final ThreadLocal<Current> CURRENT = ThreadLocal.withInitial(Current::new);

  private final Supplier<? extends T> initial;

  /** A local whose value is null where it is not bound. */
  public TaskLocal() {
    this.initial = () -> null;
  }

  private TaskLocal(Supplier<? extends T> initial) {
    this.initial = initial;
  }

  /**
   * A local whose value where it is not bound is what {@code initial} returns; {@link #get} calls
   * it each time it finds no binding.
   *
   * @throws NullPointerException if {@code initial} is null
   */
  public static <T> TaskLocal<T> withInitial(Supplier<? extends T> initial) {
    return new TaskLocal<>(Objects.requireNonNull(initial, "initial"));
  }

  /**
   * The value bound to this local in the current context (the innermost {@link #with} on this
   * thread, or the bindings the running coroutine step captured), else the initial value.
   */
  @SuppressWarnings("unchecked")
  public T get() {
    if (used) {
      for (Binding b = CURRENT.get().bindings; b != null; b = b.next) {
        if (b.local == this) {
          return (T) b.value;
        }
      }
    }
    return initial.get();
  }

  /** Whether this local is bound in the current context. */
  public boolean isBound() {
    if (used) {
      for (Binding b = CURRENT.get().bindings; b != null; b = b.next) {
        if (b.local == this) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Runs {@code body} with this local bound to {@code value} (which may be null) and returns what
   * it returns; the previous bindings are restored when it returns or throws. Coroutines that
   * suspend inside {@code body} keep the binding for all their later steps.
   *
   * @throws NullPointerException if {@code body} is null
   */
  public <R> R with(T value, Supplier<R> body) {
    Objects.requireNonNull(body, "body");
    used = true;
    Current current = CURRENT.get();
    Binding previous = current.bindings;
    current.bindings = new Binding(this, value, previous);
    try {
      return body.get();
    } finally {
      current.bindings = previous;
    }
  }

  @Override
  public String toString() {
    return "TaskLocal@" + Integer.toHexString(hashCode());
  }

  // ---- context capture for coroutine frames ----

  /** The bindings to capture in a new frame: null when none are in force. */
  static Binding captured() {
    return used ? CURRENT.get().bindings : null;
  }

  /** Installs {@code bindings} on this thread for a coroutine step; returns what to restore. */
  static Binding enter(Binding bindings) {
    Current current = CURRENT.get();
    Binding previous = current.bindings;
    current.bindings = bindings;
    return previous;
  }

  /** Puts back the bindings that {@link #enter} returned. Same thread as the enter. */
  static void exit(Binding previous) {
    CURRENT.get().bindings = previous;
  }

  /** One immutable binding, linked to the ones it shadows. */
  static final class Binding {
    final TaskLocal<?> local;
    final Object value;
    final Binding next;

    Binding(TaskLocal<?> local, Object value, Binding next) {
      this.local = local;
      this.value = value;
      this.next = next;
    }
  }

  /** A thread's current bindings, mutable so a step swaps them without a ThreadLocal set. */
  private static final class Current {
    Binding bindings;
  }
}
