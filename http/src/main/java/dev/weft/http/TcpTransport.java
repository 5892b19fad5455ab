package dev.weft.http;

import dev.weft.EventLoop;
import dev.weft.Task;
import dev.weft.net.TcpConnection;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** {@link Transport} over a plain {@link TcpConnection}: every call goes straight through. */
final class TcpTransport implements Transport {
  private final TcpConnection connection;

  TcpTransport(TcpConnection connection) {
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
