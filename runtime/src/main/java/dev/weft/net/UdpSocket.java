package dev.weft.net;

import dev.weft.EventLoop;
import dev.weft.Promise;
import dev.weft.Task;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * A non-blocking UDP socket bound to one {@link EventLoop} for its whole life, whose receives and
 * sends are {@link Task}s to {@code await}, on the same loop machinery as {@link TcpConnection}:
 *
 * <pre>{@code
 * UdpSocket s = UdpSocket.bind(new InetSocketAddress(0));
 * ByteBuffer buf = ByteBuffer.allocate(1500);
 * InetSocketAddress from = await(s.receive(buf));
 * buf.flip();
 * await(s.send(buf, from));           // echo it back
 * }</pre>
 *
 * <p>A datagram is received and sent whole. <b>One larger than the space left in the receive
 * buffer is truncated</b>: the buffer is filled and the rest of that datagram is discarded, as
 * {@link DatagramChannel#receive} and {@code recvfrom} do; the JDK does not tell a datagram's
 * length without copying every datagram through a 64 KB buffer, which Weft does not do. Size the
 * buffer for the largest datagram the protocol allows (65,507 bytes for any IPv4 datagram); a
 * receive that fills the buffer exactly may have been truncated.
 *
 * <p>Every method may be called from any thread; an operation started off the socket's loop is
 * carried there first. At most one receive and one send may be pending at a time. An operation
 * that can complete at once does so without touching the selector. Cancelling a pending receive
 * or send ({@link Task#cancel}) withdraws it and leaves the socket usable. {@link #close} fails
 * pending operations with {@link AsynchronousCloseException}; a loop that shuts down fails them
 * with {@link CancellationException}.
 */
public final class UdpSocket implements AutoCloseable {
  private final DatagramIo io;

  private UdpSocket(EventLoop loop, DatagramChannel channel) throws IOException {
    this.io = new DatagramIo(this, loop, channel);
  }

  /**
   * Opens a socket bound to {@code local} (port 0: any free port; the wildcard address: every
   * interface) on the current loop, or off-loop on the default group's next loop. Any thread.
   *
   * @throws IOException if the socket cannot be opened or bound
   * @throws IllegalArgumentException if {@code local} is unresolved
   */
  public static UdpSocket bind(InetSocketAddress local) throws IOException {
    return bind(local, EventLoop.currentOrNext());
  }

  /** {@link #bind(InetSocketAddress)} on {@code loop}. Any thread. */
  public static UdpSocket bind(InetSocketAddress local, EventLoop loop) throws IOException {
    Objects.requireNonNull(local, "local");
    Objects.requireNonNull(loop, "loop");
    if (local.isUnresolved()) {
      throw new IllegalArgumentException("UdpSocket.bind: unresolved local address " + local
          + "; bind to an IP address");
    }
    DatagramChannel channel = DatagramChannel.open();
    try {
      channel.configureBlocking(false);
      channel.bind(local);
      return new UdpSocket(loop, channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Connects the socket to {@code remote}: {@link #send(ByteBuffer)} then sends there, and only
   * datagrams from there are received. No packet is exchanged; a peer that is not listening shows
   * up later, as a {@link java.net.PortUnreachableException} of a receive. An unresolved {@code
   * remote} ({@link InetSocketAddress#createUnresolved}) is resolved first by {@link
   * Resolver#system()} on the blocking pool, and its first address taken. Any thread.
   *
   * @return a task completed once connected, or failed with the {@link IOException} (an {@link
   *     java.net.UnknownHostException} of the lookup included), or {@link ClosedChannelException}
   */
  public Task<Void> connect(InetSocketAddress remote) {
    Objects.requireNonNull(remote, "remote");
    if (!remote.isUnresolved()) {
      return io.connect(remote);
    }
    Promise<Void> done = Task.promise();
    Task<List<InetAddress>> lookup = Resolver.system().resolve(remote.getHostString());
    lookup.handle((found, e) -> {
      if (e != null) {
        done.fail(HostConnect.unwrap(e));
      } else {
        io.connect(new InetSocketAddress(found.get(0), remote.getPort())).handle((v, e2) ->
            e2 != null ? done.fail(HostConnect.unwrap(e2)) : done.complete(null));
      }
      return null;
    });
    return done;
  }

  /**
   * Receives one datagram into {@code dst}'s remaining space; the part of a datagram that does not
   * fit is discarded (see the class comment). Any thread; {@code dst} must not be touched until
   * the task completes.
   *
   * @return a task completed with the sender's address, or failed with {@link
   *     IllegalStateException} if a receive is already pending, {@link ClosedChannelException} if
   *     the socket is closed, or the {@link IOException} (e.g. {@link
   *     java.net.PortUnreachableException} on a connected socket)
   */
  public Task<InetSocketAddress> receive(ByteBuffer dst) {
    Objects.requireNonNull(dst, "dst");
    return io.receive(dst);
  }

  /**
   * Sends {@code src}'s remaining bytes as one datagram to {@code target}, waiting while the
   * socket's send buffer is full. Delivery is not confirmed: UDP may drop it. Any thread; {@code
   * src} must not be touched until the task completes.
   *
   * @return a task completed once the datagram is handed to the socket, or failed with {@link
   *     IllegalStateException} if a send is already pending, {@link ClosedChannelException} if the
   *     socket is closed, or the {@link IOException} (e.g. a datagram too large for the socket)
   */
  public Task<Void> send(ByteBuffer src, InetSocketAddress target) {
    Objects.requireNonNull(src, "src");
    Objects.requireNonNull(target, "target");
    if (target.isUnresolved()) {
      throw new IllegalArgumentException("UdpSocket.send: unresolved target " + target
          + "; resolve it first (Resolver.system()) or connect to it");
    }
    return io.send(src, target);
  }

  /**
   * {@link #send(ByteBuffer, InetSocketAddress)} to the peer given to {@link #connect}. Any
   * thread.
   *
   * @return the task of the send; failed with {@link java.nio.channels.NotYetConnectedException}
   *     if the socket is not connected
   */
  public Task<Void> send(ByteBuffer src) {
    Objects.requireNonNull(src, "src");
    return io.send(src, null);
  }

  /**
   * Sets a socket option (e.g. {@code SO_RCVBUF}, {@code SO_BROADCAST}). Any thread.
   *
   * @return this socket
   * @throws IOException if the option cannot be set (e.g. the socket is closed)
   */
  public <T> UdpSocket setOption(SocketOption<T> name, T value) throws IOException {
    io.channel.setOption(name, value);
    return this;
  }

  /**
   * The value of a socket option. Any thread.
   *
   * @throws IOException if it cannot be read (e.g. the socket is closed)
   */
  public <T> T getOption(SocketOption<T> name) throws IOException {
    return io.channel.getOption(name);
  }

  /**
   * Closes the socket; pending operations fail with {@link AsynchronousCloseException}. Any
   * thread; from another thread the close completes on the socket's loop. Idempotent.
   */
  @Override
  public void close() {
    io.close();
  }

  /** Whether {@link #close} was called or the socket's loop closed it. Any thread. */
  public boolean isClosed() {
    return io.isClosed();
  }

  /** The address the socket is bound to (with the port chosen for port 0). Any thread. */
  public InetSocketAddress localAddress() {
    return io.localAddress;
  }

  /** The peer given to {@link #connect}, or null while not connected. Any thread. */
  public InetSocketAddress remoteAddress() {
    return io.remoteAddress;
  }

  /** The loop this socket's I/O and callbacks run on. Any thread. */
  public EventLoop loop() {
    return io.loop();
  }

  /** The loop side of this socket; for tests in this package. */
  DatagramIo io() {
    return io;
  }

  @Override
  public String toString() {
    InetSocketAddress remote = io.remoteAddress;
    return "UdpSocket[" + io.localAddress + (remote != null ? " -> " + remote : "")
        + (io.isClosed() ? ", closed" : "") + "]";
  }
}
