package dev.weft.net;

import dev.weft.*;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.InterruptedByTimeoutException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Which failures of a connection's handler are the network's ordinary behaviour (a peer that
 * resets or goes away, or fails its TLS handshake) rather than a bug: {@link TcpServer} logs the first kind at DEBUG without a
 * stack trace, the other at WARNING with one. Any thread.
 */
final class NetErrors {
  /** Lower-case fragments of the messages the JDK gives for a peer's reset or departure. */
  private static final String[] EXPECTED = {
    "connection reset", "broken pipe", "connection aborted", "connection timed out",
    "no route to host", "network is unreachable", "host is down"
  };

  private NetErrors() {}

  /** Whether {@code failure} is an expected network error of a connection. */
  static boolean isExpected(Throwable failure) {
    if (failure instanceof ClosedChannelException || failure instanceof SocketTimeoutException
        || failure instanceof InterruptedByTimeoutException || failure instanceof SSLException) {
      // includes AsynchronousCloseException (closed under it), an idle timeout's close, and a
      // client's failed TLS handshake or truncated stream
      return true;
    }
    if (!(failure instanceof IOException) || failure.getMessage() == null) {
      return false;
    }
    String message = failure.getMessage().toLowerCase(Locale.ROOT);
    for (String fragment : EXPECTED) {
      if (message.contains(fragment)) {
        return true;
      }
    }
    return false;
  }
}
