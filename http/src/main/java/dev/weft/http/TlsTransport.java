package dev.weft.http;

import static dev.weft.Task.await;

import dev.weft.EventLoop;
import dev.weft.Task;
import dev.weft.annotations.Async;
import dev.weft.net.TcpConnection;
import dev.weft.net.TlsConfig;
import dev.weft.net.TlsConnection;

/** The TLS handshakes of the server's and the client's {@link Transport}s. */
final class TlsTransport {
  /** The only application protocol this module speaks, offered and accepted through ALPN. */
  static final String HTTP_1_1 = "http/1.1";

  private TlsTransport() {}

  /**
   * The server's handshake over the accepted {@code tcp}, accepting only {@link #HTTP_1_1} through
   * ALPN (a client that offers no ALPN is served too). Cancelling the task closes {@code tcp}.
   */
  @Async
  static Task<Transport> server(TcpConnection tcp, TlsConfig config) {
    TlsConnection c = await(TlsConnection.server(tcp, config.withApplicationProtocols(HTTP_1_1)));
    return Task.completed(new ConnectionTransport(c));
  }

  /**
   * The client's connection to {@code host:port}: TCP as {@link Connector#plain()} opens it, then
   * the handshake, verifying that the server's certificate names {@code host} and sending {@code
   * host} as SNI unless it is an IP address.
   */
  @Async
  static Task<Transport> connect(TlsConfig config, String host, int port, EventLoop loop) {
    TcpConnection tcp = await(PlainConnector.tcp(host, port, loop));
    TlsConnection c = await(TlsConnection.client(tcp, host, config));
    return Task.completed(new ConnectionTransport(c));
  }
}
