package dev.weft.http;

import java.util.concurrent.CompletionStage;

/**
 * Writes a streamed response body ({@link HttpResponse#streaming}). The server calls it once on
 * the connection's event loop after sending the head; the body ends when the returned stage
 * completes. If the stage fails after bytes were sent, the server cannot send an error status any
 * more: it closes the connection, so that the client sees a truncated body rather than a whole one.
 * Usually an {@code @Async} method:
 *
 * <pre>{@code
 * HttpResponse.streaming(200, HttpHeaders.of("Content-Type", "text/plain"), out -> ticks(out));
 *
 * @Async Task<Void> ticks(BodyWriter out) {
 *   for (int i = 0; i < 3; i++) {
 *     await(out.write("tick " + i + "\n"));
 *     await(Task.sleep(Duration.ofMillis(100)));
 *   }
 *   return Task.completed(null);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface BodyProducer {
  /** Writes the body into {@code out}; the stage completes when the body is complete. */
  CompletionStage<Void> writeTo(BodyWriter out);
}
