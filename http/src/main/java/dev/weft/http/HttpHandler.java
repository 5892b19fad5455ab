package dev.weft.http;

import java.util.concurrent.CompletionStage;

/**
 * Answers one request. The server calls it on the event loop of the request's connection, and
 * sends the response when the stage completes; a handler that throws or whose stage fails is
 * answered {@code 500} and logged. Usually an {@code @Async} method or a {@link Router}.
 */
@FunctionalInterface
public interface HttpHandler {
  /** The response to {@code request}. */
  CompletionStage<HttpResponse> handle(HttpRequest request);
}
