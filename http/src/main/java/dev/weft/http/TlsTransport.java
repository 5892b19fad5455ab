package dev.weft.http;

import static dev.weft.Task.await;

import dev.weft.EventLoop;
import dev.weft.Task;
import dev.weft.annotations.Async;
import dev.weft.net.TcpConnection;
import dev.weft.net.TlsConfig;
import dev.weft.net.TlsConnection;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * {@link Transport} over a {@link TlsConnection}: every call goes straight through, and {@link
 * #close} sends close_notify before the TCP close, so that a peer reading a body framed by the
 * connection's end knows it was not cut short.
 */
final class TlsTransport implements Transport {
  /** The only application protocol this module speaks, offered and accepted through ALPN. */
  static final String HTTP_1_1 = "http/1.1";

  private final TlsConnection connection;

  TlsTransport(TlsConnection connection) {
    this.connection = connection;
  }

  /**
   * The server's handshake over the accepted {@code tcp}, accepting only {@link #HTTP_1_1} through
   * ALPN (a client that offers no ALPN is served too). Cancelling the task closes {@code tcp}.
   */
  @Async
  static Task<Transport> server(TcpConnection tcp, TlsConfig config) {
    TlsConnection c = await(TlsConnection.server(tcp, config.withApplicationProtocols(HTTP_1_1)));
    return Task.completed(new TlsTransport(c));
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
    return Task.completed(new TlsTransport(c));
  }

  @Override
  public Task<Integer> read(ByteBuffer dst) {
    return connection.read(dst);
  }

  @Override
  public Task<Void> readable() {
    return connection.readable();
  }

  @Override
  public Task<Void> write(ByteBuffer... srcs) {
    return srcs.length == 1 ? connection.write(srcs[0]) : connection.write(srcs);
  }

  @Override
  public EventLoop loop() {
    return connection.loop();
  }

  @Override
  public InetSocketAddress remoteAddress() {
    return connection.remoteAddress();
  }

  @Override
  public boolean isClosed() {
    return connection.isClosed();
  }

  @Override
  public void close() {
    connection.close();
  }

  @Override
  public String toString() {
    return connection.toString();
  }
}
