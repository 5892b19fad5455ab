package dev.weft.net;

import dev.weft.EventLoop;
import dev.weft.Task;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * A connected byte stream whose operations are tasks: what {@link TcpConnection} and {@link
 * TlsConnection} have in common, so that a protocol written once (an HTTP server, a line-based
 * client) runs over either. Every operation behaves as {@link TcpConnection}'s does: one read and
 * one write may be pending at a time, a pending operation can be cancelled, and the tasks complete
 * on the connection's {@link #loop()}.
 */
public interface StreamConnection extends AutoCloseable {
  /**
   * Reads into {@code dst}'s remaining space: the number of bytes read (0 only if {@code dst} has
   * no space left), or -1 at the end of the stream. Fails if a read is already pending.
   */
  Task<Integer> read(ByteBuffer dst);

  /**
   * Completes once a {@link #read} will not wait, without taking a buffer; it counts as the
   * pending read.
   */
  Task<Void> readable();

  /** Writes all of {@code src}'s remaining bytes. Fails if a write is already pending. */
  Task<Void> write(ByteBuffer src);

  /** Writes all of {@code srcs}, in order, gathered where the connection can. */
  Task<Void> write(ByteBuffer... srcs);

  /** Shuts the output down (the peer reads the end of the stream); reading goes on. */
  Task<Void> shutdownOutput();

  /**
   * Closes the connection when no read or write has completed on it for {@code timeout}
   * ({@link Duration#ZERO} turns it off); a pending operation then fails with {@link
   * java.nio.channels.InterruptedByTimeoutException}.
   */
  StreamConnection setIdleTimeout(Duration timeout);

  /** Sets a socket option of the underlying socket. */
  <T> StreamConnection setOption(SocketOption<T> name, T value) throws IOException;

  /** A socket option of the underlying socket. */
  <T> T getOption(SocketOption<T> name) throws IOException;

  /** The local address. */
  InetSocketAddress localAddress();

  /** The peer's address. */
  InetSocketAddress remoteAddress();

  /** The loop whose thread runs this connection's I/O and completes its tasks. */
  EventLoop loop();

  /** Whether {@link #close} was called or the connection's loop closed it. */
  boolean isClosed();

  /** Closes the connection; pending operations fail. Idempotent; never throws. */
  @Override
  void close();
}
