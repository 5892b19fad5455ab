package dev.weft.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs each test of the annotated class, or the annotated test method, on {@link VirtualTime}: the
 * same as {@code @ExtendWith(WeftTestExtension.class)}. A test method may declare a {@link
 * VirtualTime} parameter to move the clock; after the test (and its {@code @AfterEach} methods)
 * it fails if a coroutine is left suspended or a failure went unobserved.
 *
 * <pre>{@code
 * @WeftTest
 * class RetryTest {
 *   @Test
 *   void retriesAfterAMinute(VirtualTime time) {
 *     Task<String> reply = client.fetchWithRetry("x");
 *     time.advanceBy(Duration.ofMinutes(1));
 *     assertEquals("x", time.join(reply));
 *   }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(WeftTestExtension.class)
public @interface WeftTest {}
