package dev.weft.http;

import dev.weft.EventLoop;
import dev.weft.Task;
import dev.weft.net.StreamConnection;
import dev.weft.net.TcpConnection;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The byte stream an HTTP connection runs over: a plain TCP or TLS connection ({@link
 * #of(StreamConnection)}), or another layer. It is the seam where TLS plugs in: the server takes a function from
 * each accepted {@link TcpConnection} to a transport ({@link HttpServer.Builder#transport}) and
 * the client a {@link Connector} that opens one, so that HTTP's code path is the same over both.
 *
 * <p>The operations have {@link TcpConnection}'s contract: at most one read (or {@link #readable})
 * and one write pending at a time, any thread, cancelling a pending read or write leaves the
 * transport usable, {@link #close} fails what is pending.
 */
public interface Transport extends AutoCloseable {
  /** The transport over {@code connection}, plain TCP or TLS. */
  static Transport of(StreamConnection connection) {
    return new ConnectionTransport(connection);
  }

  /** Reads into {@code dst}'s remaining space: the byte count, or -1 at end of stream. */
  Task<Integer> read(ByteBuffer dst);

  /** Completes when a {@link #read} would not wait; holds no buffer while waiting. */
  Task<Void> readable();

  /** Writes all remaining bytes of {@code srcs}, in order. */
  Task<Void> write(ByteBuffer... srcs);

  /** The loop the transport's I/O runs on. */
  EventLoop loop();

  /** The peer's address. */
  InetSocketAddress remoteAddress();

  /** Whether {@link #close} was called or the transport failed. */
  boolean isClosed();

  /** Closes the transport; pending operations fail. Idempotent. */
  @Override
  void close();
}
