package dev.weft.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Generates a blocking facade for an interface of asynchronous methods, for code that cannot be
 * asynchronous: tests, legacy callers, {@code main}.
 *
 * <p>The interface's methods return {@code dev.weft.Task}, {@code CompletionStage} or {@code
 * CompletableFuture}; they are usually implemented by {@code @Async} methods (the annotation goes
 * on the implementing methods, not on the interface's abstract ones). For
 *
 * <pre>{@code
 * @BlockingFacade
 * public interface Orders {
 *     Task<Receipt> checkout(Cart cart) throws DeclinedException;
 *     CompletionStage<Void> cancel(long id);
 * }
 * }</pre>
 *
 * the {@code weft-processor} annotation processor generates, in the same package,
 *
 * <pre>{@code
 * public final class OrdersBlocking {
 *     public OrdersBlocking(Orders delegate) { ... }
 *     public Receipt checkout(Cart cart) throws DeclinedException { ... }
 *     public void cancel(long id) { ... }
 * }
 * }</pre>
 *
 * <p>Each method calls the asynchronous method and waits for its stage to complete, then:
 *
 * <ul>
 *   <li>returns its value ({@code void} for a stage of {@code Void}; the upper bound for a
 *       wildcard);
 *   <li>if the stage failed, rethrows the original cause, unwrapped from {@code
 *       CompletionException} and {@code ExecutionException}: an unchecked exception or error as it
 *       is, a checked exception as it is when the interface method declares it (or a supertype),
 *       and otherwise wrapped in {@link java.lang.reflect.UndeclaredThrowableException}, as a
 *       dynamic proxy does, with the original as its cause;
 *   <li>if the stage was cancelled, throws its {@code CancellationException};
 *   <li>if the waiting thread is interrupted, cancels the stage and throws {@code
 *       InterruptedException} when the method declares it (or a supertype), and otherwise sets the
 *       thread's interrupt flag again and throws {@code CancellationException} with the {@code
 *       InterruptedException} as its cause.
 * </ul>
 *
 * <p>Never call the facade on an event-loop thread: it would stall the loop, and deadlock when the
 * loop must complete the stage. For a {@code dev.weft.Task} the wait refuses with {@code
 * IllegalStateException} there, as {@code Task.join()} does.
 *
 * <p>Naming: the facade of {@code Orders} is {@code OrdersBlocking}; of a nested {@code
 * Outer.Orders}, {@code Outer_OrdersBlocking}. It is public when the interface is.
 *
 * <p>The interface's abstract methods, its own and inherited, are wrapped; its static and private
 * methods are left alone. The processor refuses, with an error on the element: a target that is
 * not an interface, a generic interface, a private interface or one inside a private class,
 * default methods, generic methods, overloaded methods (or methods named like a {@code
 * java.lang.Object} method or like a helper of the facade ({@code joinStage}, {@code
 * uncheckedFailure})), and methods that do not return a stage. See {@code
 * processor/DIAGNOSTICS.md}, ids {@code WeftFacade*}.
 *
 * @see Offload the reverse: an asynchronous facade over a blocking interface
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface BlockingFacade {}
