package dev.weft.http;

import dev.weft.EventLoop;
import dev.weft.Task;
import java.util.concurrent.CompletionStage;

/**
 * Opens the client's connections: plain TCP by default ({@link #plain()}); a TLS connector is
 * this interface too, handshaking before it hands the transport over. {@link HttpClient} calls it
 * whenever its pool needs a new connection to {@code host:port}.
 */
@FunctionalInterface
public interface Connector {
  /** Opens a transport to {@code host:port} whose I/O runs on {@code loop}. */
  CompletionStage<Transport> connect(String host, int port, EventLoop loop);

  /**
   * Plain TCP. The host name is resolved on the blocking pool ({@link Task#blocking}), so that a
   * slow name server never holds an event loop.
   */
  static Connector plain() {
    return PlainConnector::connect;
  }
}
