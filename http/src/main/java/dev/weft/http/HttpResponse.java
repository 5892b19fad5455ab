package dev.weft.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One HTTP/1.1 response: status, headers and a body, either held whole or written by a {@link
 * BodyProducer} as it is made ({@link #streaming}). A server handler returns one; {@link
 * HttpClient#send} completes with one, its body read whole. Immutable.
 *
 * <p>The server frames the body itself: a whole body gets {@code Content-Length}; a streamed one
 * is sent chunked unless its headers give a {@code Content-Length}, and then exactly that many
 * bytes must be written. {@code Content-Length}, {@code Transfer-Encoding} and {@code Connection}
 * in a handler's headers are the server's to set, except a streamed response's {@code
 * Content-Length}.
 */
public final class HttpResponse {
  private static final byte[] NO_BODY = new byte[0];

  private final int status;
  private final HttpHeaders headers;
  private final byte[] body;
  private final BodyProducer producer;
  /** A streamed body's declared length, or -1. */
  private final long streamLength;

  private HttpResponse(int status, HttpHeaders headers, byte[] body, BodyProducer producer) {
    if (status < 100 || status > 999) {
      throw new IllegalArgumentException("HttpResponse: status " + status + " is not 3 digits");
    }
    this.status = status;
    this.headers = Objects.requireNonNull(headers, "headers");
    this.body = body;
    this.producer = producer;
    this.streamLength = producer == null ? -1 : declaredLength(headers);
  }

  private static long declaredLength(HttpHeaders headers) {
    String value = headers.first("Content-Length");
    if (value == null) {
      return -1;
    }
    if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException(
          "HttpResponse.streaming: Content-Length '" + value + "' is not a number");
    }
    return Long.parseLong(value);
  }

  /** A response with {@code headers} and {@code body} (the array is copied). */
  public static HttpResponse of(int status, HttpHeaders headers, byte[] body) {
    return new HttpResponse(status, headers, body.clone(), null);
  }

  /** A response received by the client; {@code body} is not copied. */
  static HttpResponse received(int status, HttpHeaders headers, byte[] body) {
    return new HttpResponse(status, headers, body, null);
  }

  /** A response with a UTF-8 plain-text body. */
  public static HttpResponse text(int status, String text) {
    return new HttpResponse(status, HttpHeaders.of("Content-Type", "text/plain; charset=utf-8"),
        text.getBytes(StandardCharsets.UTF_8), null);
  }

  /** A response without a body, e.g. {@code 204}. */
  public static HttpResponse empty(int status) {
    return new HttpResponse(status, HttpHeaders.of(), NO_BODY, null);
  }

  /**
   * A response whose body {@code producer} writes after the head is sent, in as many pieces and
   * across as many awaits as it likes; the body ends when the producer's stage completes. It is
   * sent chunked, unless {@code headers} give a {@code Content-Length} (then exactly that many
   * bytes must be written) or the client speaks HTTP/1.0 (then the connection's close ends it).
   *
   * @throws IllegalArgumentException if {@code headers} have a {@code Content-Length} that is not
   *     a number
   */
  public static HttpResponse streaming(int status, HttpHeaders headers, BodyProducer producer) {
    return new HttpResponse(status, headers, null, Objects.requireNonNull(producer, "producer"));
  }

  /** The status code, e.g. 200. */
  public int status() {
    return status;
  }

  /** The header fields. */
  public HttpHeaders headers() {
    return headers;
  }

  /** A copy of the body; empty for a streamed response. */
  public byte[] body() {
    return body == null || body.length == 0 ? NO_BODY : body.clone();
  }

  /** The body decoded as UTF-8; empty for a streamed response. */
  public String bodyText() {
    return body == null ? "" : new String(body, StandardCharsets.UTF_8);
  }

  /** Whether the body is written by a {@link BodyProducer}. */
  public boolean isStreaming() {
    return producer != null;
  }

  /** The body without a copy, or null when streamed. */
  byte[] bodyBytes() {
    return body;
  }

  /** A streamed body's declared {@code Content-Length}, or -1 (sent chunked). */
  long streamLength() {
    return streamLength;
  }

  /** The producer of a streamed body, or null. */
  BodyProducer producer() {
    return producer;
  }

  /** The reason phrase for {@code status}: the RFC 9110 one, or an empty one if unknown. */
  public static String reason(int status) {
    switch (status) {
      case 100: return "Continue";
      case 200: return "OK";
      case 201: return "Created";
      case 202: return "Accepted";
      case 204: return "No Content";
      case 301: return "Moved Permanently";
      case 302: return "Found";
      case 304: return "Not Modified";
      case 400: return "Bad Request";
      case 401: return "Unauthorized";
      case 403: return "Forbidden";
      case 404: return "Not Found";
      case 405: return "Method Not Allowed";
      case 408: return "Request Timeout";
      case 409: return "Conflict";
      case 413: return "Content Too Large";
      case 417: return "Expectation Failed";
      case 431: return "Request Header Fields Too Large";
      case 500: return "Internal Server Error";
      case 501: return "Not Implemented";
      case 502: return "Bad Gateway";
      case 503: return "Service Unavailable";
      case 504: return "Gateway Timeout";
      default: return "";
    }
  }

  @Override
  public String toString() {
    return "HttpResponse[" + status + ", " + headers
        + (producer != null ? ", streamed]" : ", " + body.length + " body bytes]");
  }
}
