package dev.weft.http;

/**
 * What happens to the connection after a response, and the {@code Connection} header line that
 * says so: HTTP/1.1 stays open unless asked otherwise (no header needed); an HTTP/1.0 client that
 * asked for {@code keep-alive} is told it is kept; everything else closes.
 */
enum Persistence {
  /** HTTP/1.1 keep-alive, the default: no header. */
  KEEP(""),
  /** HTTP/1.0 {@code Connection: keep-alive}, granted. */
  KEEP_ALIVE("Connection: keep-alive\r\n"),
  /** The connection closes after this response. */
  CLOSE("Connection: close\r\n");

  /** The header line, with its CRLF, or empty. */
  final String header;

  Persistence(String header) {
    this.header = header;
  }

  boolean closes() {
    return this == CLOSE;
  }
}
