package dev.weft.http;

import dev.weft.EventLoop;
import dev.weft.Task;
import dev.weft.net.StreamConnection;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * {@link Transport} over a {@link StreamConnection}, plain TCP or TLS: every call goes straight
 * through. Closing a TLS connection sends close_notify before the TCP close, so that a peer
 * reading a body framed by the connection's end knows it was not cut short.
 */
final class ConnectionTransport implements Transport {
  private final StreamConnection connection;

  ConnectionTransport(StreamConnection connection) {
    this.connection = connection;
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
