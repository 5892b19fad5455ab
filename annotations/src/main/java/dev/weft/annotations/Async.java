package dev.weft.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose body may {@code await} stages without blocking its thread.
 *
 * <p>The method must have a body and return {@code dev.weft.Task}, {@code CompletableFuture} or
 * {@code CompletionStage}. Weaving (the {@code weft-processor} annotation processor, the
 * {@code weft-agent} Java agent, or the {@code weft-maven-plugin}) rewrites it into a resumable
 * state machine:
 *
 * <ul>
 *   <li>calling it runs the body on the caller's thread until the first {@code await} of a stage
 *       that is not complete yet; awaiting a completed stage never suspends;
 *   <li>at that point the call returns a task, and the rest of the body runs on one event-loop
 *       thread when the awaited stage completes;
 *   <li>an exception thrown by the body fails the returned task; it is never thrown to the
 *       caller.
 * </ul>
 *
 * <p>The annotation is kept in class files so that the agent and the Maven plugin can find the
 * methods to weave.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Async {}
