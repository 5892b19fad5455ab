package dev.weft.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Generates an asynchronous facade for an interface of blocking methods (a JDBC DAO, a legacy
 * client), so that {@code @Async} code can call them without blocking an event loop.
 *
 * <p>For
 *
 * <pre>{@code
 * @Offload
 * public interface Dao {
 *     Row find(int id) throws SQLException;
 *     void delete(int id) throws SQLException;
 * }
 * }</pre>
 *
 * the {@code weft-processor} annotation processor generates, in the same package,
 *
 * <pre>{@code
 * public final class DaoOffload {
 *     public DaoOffload(Dao delegate) { ... }
 *     public Task<Row> find(int id) { return Task.blocking(() -> delegate.find(id)); }
 *     public Task<Void> delete(int id) { ... }
 * }
 * }</pre>
 *
 * <p>Each method of the facade calls the same method of the wrapped implementation through {@code
 * Task.blocking}: on Weft's bounded blocking pool, never on the caller's thread. A coroutine that
 * awaits the task resumes on its own event loop. The task completes with the method's value
 * (boxed for a primitive, {@code null} for {@code void}) or fails with exactly what the method
 * threw, checked exceptions included: {@code await(dao.find(1), SQLException.class)} rethrows the
 * {@code SQLException} as it was thrown. Cancelling the task interrupts the pool thread while the
 * method runs, and keeps a call that has not started yet from running at all.
 *
 * <p>Naming: the facade of {@code Dao} is {@code DaoOffload}; of a nested {@code Outer.Dao}, {@code
 * Outer_DaoOffload}. It is public when the interface is.
 *
 * <p>The interface's abstract methods, its own and inherited, are wrapped; its static and private
 * methods are left alone. The processor refuses, with an error on the element: a target that is
 * not an interface, a generic interface, a private interface or one inside a private class,
 * default methods, generic methods, overloaded methods (or methods named like a {@code
 * java.lang.Object} method), and methods that already return a {@code CompletionStage}. A method
 * declaring {@code throws Throwable} is refused too: {@code Task.blocking} runs a {@code
 * Callable}. See {@code processor/DIAGNOSTICS.md}, ids {@code WeftFacade*}.
 *
 * @see BlockingFacade the reverse: a blocking facade over an asynchronous interface
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Offload {}
