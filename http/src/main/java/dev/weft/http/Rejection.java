package dev.weft.http;

/**
 * A request the server refuses to read further, with the status to answer and a fixed reason for
 * the body; the connection closes after the answer. The reason never contains bytes of the
 * request, so that an error page cannot be made to reflect what a client sent. Thrown often by
 * hostile clients: it has no stack trace.
 */
final class Rejection extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The status code, e.g. 400. */
  final int code;
  /** The status line's code and reason phrase, e.g. {@code 400 Bad Request}. */
  final String status;

  private Rejection(int code, String reason) {
    super(reason, null, false, false);
    this.code = code;
    this.status = code + " " + HttpResponse.reason(code);
  }

  /** 400: the request breaks HTTP/1.1's syntax or framing rules. */
  static Rejection badRequest(String reason) {
    return new Rejection(400, reason);
  }

  /** 408: the client took too long to send the head or the body. */
  static Rejection timeout(String reason) {
    return new Rejection(408, reason);
  }

  /** 413: the body is longer than the server takes. */
  static Rejection tooLarge(String reason) {
    return new Rejection(413, reason);
  }

  /** 431: the head is longer, or has more fields, than the server takes. */
  static Rejection headTooLarge(String reason) {
    return new Rejection(431, reason);
  }

  /** 501: the request needs something the server does not implement. */
  static Rejection notImplemented(String reason) {
    return new Rejection(501, reason);
  }
}
