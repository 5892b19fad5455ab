package dev.weft.samples.http;

/**
 * A request the server refuses to read further, with the status to answer and a fixed reason for
 * the body. The reason never contains bytes of the request, so that an error page cannot be made
 * to reflect what a client sent. Thrown often by hostile clients: it has no stack trace.
 */
final class Rejection extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The status line's code and reason phrase, e.g. {@code 400 Bad Request}. */
  final String status;

  private Rejection(String status, String reason) {
    super(reason, null, false, false);
    this.status = status;
  }

  /** 400: the request breaks HTTP/1.1's syntax or framing rules. */
  static Rejection badRequest(String reason) {
    return new Rejection("400 Bad Request", reason);
  }

  /** 501: the request needs something the server does not implement. */
  static Rejection notImplemented(String reason) {
    return new Rejection("501 Not Implemented", reason);
  }
}
