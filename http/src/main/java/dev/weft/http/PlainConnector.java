package dev.weft.http;

import static dev.weft.Task.await;

import dev.weft.EventLoop;
import dev.weft.Task;
import dev.weft.annotations.Async;
import dev.weft.net.TcpConnection;
import java.net.InetSocketAddress;

/**
 * {@link Connector#plain()}: a host name is resolved on the blocking pool (an IP address needs no
 * lookup), then a TCP connect on the loop.
 */
final class PlainConnector {
  private PlainConnector() {}

  @Async
  static Task<Transport> connect(String host, int port, EventLoop loop) {
    return Task.completed(Transport.of(await(tcp(host, port, loop))));
  }

  /** The TCP connection to {@code host:port} on {@code loop}, resolving on the blocking pool. */
  @Async
  static Task<TcpConnection> tcp(String host, int port, EventLoop loop) {
    InetSocketAddress address = isLiteral(host) ? new InetSocketAddress(host, port)
        : await(Task.blocking(() -> new InetSocketAddress(host, port)));
    return TcpConnection.connect(address, loop);
  }

  /** Whether {@code host} is an IP address, which resolves without a lookup. */
  static boolean isLiteral(String host) {
    if (host.indexOf(':') >= 0) {
      return true; // IPv6
    }
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
        return false;
      }
    }
    return true;
  }
}
