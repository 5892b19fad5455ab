package dev.weft.net;

import dev.weft.*;
import static dev.weft.net.TcpSupport.loopback;
import static dev.weft.net.TcpSupport.pattern;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.InterruptedByTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TcpConnectionTest {
  private final EventLoop loop = new EventLoop();
  private final TcpListener listener;

  TcpConnectionTest() throws Exception {
    listener = TcpListener.bind(loopback(), TcpListener.DEFAULT_BACKLOG, loop);
  }

  @AfterEach
  void close() {
    listener.close();
    loop.close();
  }

  private static <T> T get(CompletableFuture<T> f) throws Exception {
    return f.get(20, TimeUnit.SECONDS);
  }

  private static <T> T get(Task<T> t) throws Exception {
    return t.get(20, TimeUnit.SECONDS);
  }

  /** A connection made with TcpConnection.connect (from this thread) and its accepted peer. */
  private TcpConnection[] pair() throws Exception {
    Task<TcpConnection> accepted = listener.accept();
    TcpConnection client = get(TcpConnection.connect(listener.localAddress(), loop));
    return new TcpConnection[] {client, get(accepted)};
  }

  @Test
  void echoesToAPlainJdkClient() throws Exception {
    CompletableFuture<Void> served = listener.accept().toCompletableFuture()
        .thenCompose(c -> TcpSupport.echo(c).whenComplete((v, e) -> c.close()));
    try (Socket s = new Socket(listener.localAddress().getAddress(), listener.localAddress().getPort())) {
      s.getOutputStream().write("hello, loop".getBytes(UTF_8));
      s.shutdownOutput();
      assertEquals("hello, loop", new String(s.getInputStream().readAllBytes(), UTF_8));
    }
    get(served);
  }

  @Test
  void aCoroutineStartedOffLoopThatAwaitsASocketResumesOnTheSocketsLoop() throws Exception {
    TcpConnection[] pair = pair();
    Task<Integer> read = pair[0].read(ByteBuffer.allocate(16));
    List<Object> log = new java.util.concurrent.CopyOnWriteArrayList<>();
    Task<Integer> sum = HandWoven.sum(read, Task.completed(1), log); // started on this thread
    get(pair[1].write(ByteBuffer.wrap(new byte[] {1, 2, 3})));
    assertEquals(3 + 1, get(sum));
    assertEquals(List.of(Thread.currentThread(), loop, loop), log,
        "resumed on the connection's loop, not on one of the default group");
  }

  @Test
  void echoesToTcpConnectionCalledFromAnotherThread() throws Exception {
    CompletableFuture<Void> served = listener.accept().toCompletableFuture()
        .thenCompose(c -> TcpSupport.echo(c).whenComplete((v, e) -> c.close()));
    TcpConnection client = get(TcpConnection.connect(listener.localAddress(), loop));
    assertFalse(loop.inEventLoop());
    assertSame(loop, client.loop());
    assertEquals(listener.localAddress(), client.remoteAddress());
    byte[] data = pattern(100_000, 7);
    get(client.write(ByteBuffer.wrap(data, 0, 60_000), ByteBuffer.wrap(data, 60_000, 40_000)));
    get(client.shutdownOutput());
    assertArrayEquals(data, get(TcpSupport.readAll(client)));
    get(served);
    client.close();
    assertTrue(client.isClosed());
  }

  @Test
  void aWriteLargerThanTheSocketBuffersArrivesWholeAndInOrder() throws Exception {
    Task<TcpConnection> accepted = listener.accept();
    try (Socket peer = new Socket()) {
      peer.setReceiveBufferSize(32 * 1024);
      peer.connect(listener.localAddress());
      TcpConnection server = get(accepted);
      server.setOption(StandardSocketOptions.SO_SNDBUF, 32 * 1024);
      byte[] data = pattern(8 << 20, 3);
      Task<Void> write = server.write(ByteBuffer.wrap(data));
      assertFalse(write.isDone(), "8 MB cannot fit in 64 KB of socket buffers: the write waits");
      InputStream in = peer.getInputStream();
      byte[] got = new byte[data.length];
      int off = 0;
      while (off < got.length) { // a slow reader: small chunks
        int n = in.read(got, off, Math.min(4096, got.length - off));
        assertTrue(n > 0, "end of stream after " + off + " bytes");
        off += n;
      }
      get(write);
      assertArrayEquals(data, got);
      server.close();
      assertEquals(-1, in.read());
    }
  }

  @Test
  void halfCloseReadsEndOfStreamAndTheOtherDirectionGoesOn() throws Exception {
    TcpConnection[] p = pair();
    TcpConnection client = p[0];
    TcpConnection server = p[1];
    get(client.write(ByteBuffer.wrap("ping".getBytes(UTF_8))));
    get(client.shutdownOutput());
    assertArrayEquals("ping".getBytes(UTF_8), get(TcpSupport.readAll(server))); // reads -1 last
    assertEquals(-1, get(server.read(ByteBuffer.allocate(8))));
    get(server.write(ByteBuffer.wrap("pong".getBytes(UTF_8))));
    server.close();
    assertArrayEquals("pong".getBytes(UTF_8), get(TcpSupport.readAll(client)));
    client.close();
  }

  @Test
  void closeFailsAPendingReadWithAsynchronousCloseException() throws Exception {
    TcpConnection[] p = pair();
    Task<Integer> read = p[1].read(ByteBuffer.allocate(16));
    EventLoopTest.onLoop(loop, () -> {}); // the read reached the loop and waits
    assertFalse(read.isDone());
    p[1].close();
    CompletionException e = assertThrows(CompletionException.class, read::join);
    assertSame(AsynchronousCloseException.class, e.getCause().getClass());
    CompletionException after = assertThrows(CompletionException.class,
        () -> p[1].read(ByteBuffer.allocate(16)).join());
    assertSame(ClosedChannelException.class, after.getCause().getClass());
    p[0].close();
  }

  @Test
  void anIdleTimeoutFailsThePendingReadAndClosesTheConnection() throws Exception {
    TcpConnection[] p = pair();
    p[1].setIdleTimeout(Duration.ofMillis(100));
    Task<Integer> read = p[1].read(ByteBuffer.allocate(16));
    CompletionException e = assertThrows(CompletionException.class, read::join);
    assertSame(InterruptedByTimeoutException.class, e.getCause().getClass());
    assertTrue(p[1].isClosed());
    assertEquals(-1, get(p[0].read(ByteBuffer.allocate(16))), "the peer sees the close");
    p[0].close();
  }

  @Test
  void anIdleTimeoutCountsFromTheLastCompletedOperation() throws Exception {
    TcpConnection[] p = pair();
    p[1].setIdleTimeout(Duration.ofMillis(400));
    ByteBuffer in = ByteBuffer.allocate(16);
    for (int i = 0; i < 8; i++) { // 8 x 100 ms: twice the timeout in all, never idle for it
      Thread.sleep(100);
      get(p[0].write(ByteBuffer.wrap(new byte[] {(byte) i})));
      in.clear();
      assertEquals(1, get(p[1].read(in)), "still open after " + (i + 1) * 100 + " ms");
    }
    assertFalse(p[1].isClosed());
    p[1].setIdleTimeout(Duration.ZERO);
    Thread.sleep(600);
    assertFalse(p[1].isClosed(), "a timeout set to zero is off");
    p[0].close();
    p[1].close();
  }

  @Test
  void aCancelledReadLeavesTheConnectionUsable() throws Exception {
    TcpConnection[] p = pair();
    ByteBuffer first = ByteBuffer.allocate(16);
    Task<Integer> read = p[1].read(first);
    EventLoopTest.onLoop(loop, () -> {});
    assertTrue(read.cancel(false));
    EventLoopTest.onLoop(loop, () -> {}); // the cancellation reached the loop
    get(p[0].write(ByteBuffer.wrap("x".getBytes(UTF_8))));
    ByteBuffer second = ByteBuffer.allocate(16);
    assertEquals(1, get(p[1].read(second)));
    assertEquals('x', second.get(0));
    assertEquals(0, first.position(), "the cancelled read received nothing");
    assertThrows(CancellationException.class, read::join);
    p[0].close();
    p[1].close();
  }

  @Test
  void aSecondConcurrentReadIsRejectedAndNamesTheConnection() throws Exception {
    TcpConnection[] p = pair();
    Task<Integer> read = p[1].read(ByteBuffer.allocate(16));
    CompletionException e = assertThrows(CompletionException.class,
        () -> p[1].read(ByteBuffer.allocate(16)).join());
    assertSame(IllegalStateException.class, e.getCause().getClass());
    assertTrue(e.getCause().getMessage().contains(p[1].toString()), e.getCause().getMessage());
    assertFalse(read.isDone());
    get(p[0].write(ByteBuffer.wrap("ok".getBytes(UTF_8))));
    assertEquals(2, get(read)); // the first read is unharmed
    p[0].close();
    p[1].close();
  }

  /** Starts {@code server.read(dst)} on the loop and returns it with whether it was done at once. */
  private Object[] readOnLoop(TcpConnection server, ByteBuffer dst) throws Exception {
    Object[] out = new Object[2];
    EventLoopTest.onLoop(loop, () -> {
      Task<Integer> read = server.read(dst);
      out[0] = read;
      out[1] = read.isDone();
    });
    return out;
  }

  @Test
  void readableCompletesWhenThePeerWritesAndTheReadThenCompletesAtOnce() throws Exception {
    TcpConnection[] p = pair();
    Task<Void> readable = p[1].readable();
    EventLoopTest.onLoop(loop, () -> {}); // it reached the loop and waits
    assertFalse(readable.isDone(), "nothing was sent yet");
    get(p[0].write(ByteBuffer.wrap("abc".getBytes(UTF_8))));
    assertEquals(null, get(readable));
    ByteBuffer dst = ByteBuffer.allocate(16);
    Object[] read = readOnLoop(p[1], dst);
    assertEquals(true, read[1], "the read after readable did not wait");
    assertEquals(3, get((Task<?>) read[0]));
    assertArrayEquals("abc".getBytes(UTF_8), java.util.Arrays.copyOf(dst.array(), 3));
    p[0].close();
    p[1].close();
  }

  @Test
  void aCompletedReadableKeepsTheReadInterestUntilTheChannelIsReadyWithNoReadPending()
      throws Exception {
    TcpConnection[] p = pair();
    // Read the interest as the readable completes, on the loop: the unread bytes would make the
    // next select drop it.
    CompletableFuture<Integer> atCompletion = new CompletableFuture<>();
    EventLoopTest.onLoop(loop, () -> p[1].readable()
        .whenComplete((v, e) -> atCompletion.complete(p[1].io().interestOps())));
    get(p[0].write(ByteBuffer.wrap("ab".getBytes(UTF_8))));
    assertEquals(java.nio.channels.SelectionKey.OP_READ, get(atCompletion),
        "the read interest was dropped although the next read usually follows at once");
    int[] interest = {-1};
    // The bytes are still unread and no read is pending: the next readiness report drops it.
    for (int i = 0; i < 500 && interest[0] != 0; i++) {
      Thread.sleep(10);
      EventLoopTest.onLoop(loop, () -> interest[0] = p[1].io().interestOps());
    }
    assertEquals(0, interest[0], "a readable channel with no read pending kept its interest");
    assertEquals(2, get(p[1].read(ByteBuffer.allocate(4))));
    Task<Void> again = p[1].readable();
    get(p[0].write(ByteBuffer.wrap("c".getBytes(UTF_8))));
    get(again);
    assertEquals(1, get(p[1].read(ByteBuffer.allocate(4))));
    p[0].close();
    p[1].close();
  }

  @Test
  void readableCompletesAtThePeersShutdownAndTheReadThenReturnsEndOfStream() throws Exception {
    TcpConnection[] p = pair();
    Task<Void> readable = p[1].readable();
    EventLoopTest.onLoop(loop, () -> {});
    assertFalse(readable.isDone());
    get(p[0].shutdownOutput());
    get(readable);
    Object[] read = readOnLoop(p[1], ByteBuffer.allocate(16));
    assertEquals(true, read[1]);
    assertEquals(-1, get((Task<?>) read[0]));
    p[0].close();
    p[1].close();
  }

  @Test
  void readableStartedOnTheLoopCompletesWhenThePeerWrites() throws Exception {
    TcpConnection[] p = pair();
    CompletableFuture<Task<Void>> started = new CompletableFuture<>();
    EventLoopTest.onLoop(loop, () -> started.complete(p[1].readable()));
    Task<Void> readable = get(started);
    assertFalse(readable.isDone());
    get(p[0].write(ByteBuffer.wrap("z".getBytes(UTF_8))));
    get(readable);
    assertEquals(1, get(p[1].read(ByteBuffer.allocate(4))));
    p[0].close();
    p[1].close();
  }

  @Test
  void closeFailsAPendingReadableWithAsynchronousCloseException() throws Exception {
    TcpConnection[] p = pair();
    Task<Void> readable = p[1].readable();
    EventLoopTest.onLoop(loop, () -> {});
    assertFalse(readable.isDone());
    p[1].close();
    CompletionException e = assertThrows(CompletionException.class, readable::join);
    assertSame(AsynchronousCloseException.class, e.getCause().getClass());
    CompletionException after = assertThrows(CompletionException.class,
        () -> p[1].readable().join());
    assertSame(ClosedChannelException.class, after.getCause().getClass());
    p[0].close();
  }

  @Test
  void aCancelledReadableLeavesTheConnectionUsable() throws Exception {
    TcpConnection[] p = pair();
    Task<Void> readable = p[1].readable();
    EventLoopTest.onLoop(loop, () -> {});
    assertTrue(readable.cancel(false));
    EventLoopTest.onLoop(loop, () -> {}); // the cancellation reached the loop
    assertThrows(CancellationException.class, readable::join);
    get(p[0].write(ByteBuffer.wrap("y".getBytes(UTF_8))));
    ByteBuffer dst = ByteBuffer.allocate(16);
    assertEquals(1, get(p[1].read(dst)));
    assertEquals('y', dst.get(0));
    p[0].close();
    p[1].close();
  }

  @Test
  void aReadOrReadableWhileAReadableIsPendingIsRejected() throws Exception {
    TcpConnection[] p = pair();
    Task<Void> readable = p[1].readable();
    CompletionException read = assertThrows(CompletionException.class,
        () -> p[1].read(ByteBuffer.allocate(16)).join());
    assertSame(IllegalStateException.class, read.getCause().getClass());
    CompletionException second = assertThrows(CompletionException.class,
        () -> p[1].readable().join());
    assertSame(IllegalStateException.class, second.getCause().getClass());
    assertTrue(second.getCause().getMessage().contains(p[1].toString()),
        second.getCause().getMessage());
    assertFalse(readable.isDone());
    get(p[0].write(ByteBuffer.wrap("ok".getBytes(UTF_8))));
    get(readable); // the first one is unharmed
    assertEquals(2, get(p[1].read(ByteBuffer.allocate(16))));
    p[0].close();
    p[1].close();
  }

  @Test
  void aReadableWhileAReadIsPendingIsRejected() throws Exception {
    TcpConnection[] p = pair();
    Task<Integer> read = p[1].read(ByteBuffer.allocate(16));
    CompletionException e = assertThrows(CompletionException.class,
        () -> p[1].readable().join());
    assertSame(IllegalStateException.class, e.getCause().getClass());
    get(p[0].write(ByteBuffer.wrap("ok".getBytes(UTF_8))));
    assertEquals(2, get(read));
    p[0].close();
    p[1].close();
  }

  @Test
  void closingTheListenerFailsAPendingAccept() throws Exception {
    Task<TcpConnection> accept = listener.accept();
    EventLoopTest.onLoop(loop, () -> {});
    listener.close();
    CompletionException e = assertThrows(CompletionException.class, accept::join);
    assertSame(AsynchronousCloseException.class, e.getCause().getClass());
  }

  @Test
  void connectToAClosedPortFails() throws Exception {
    java.net.InetSocketAddress address = listener.localAddress();
    listener.close();
    EventLoopTest.onLoop(loop, () -> {}); // the listener is closed on its loop
    CompletionException e = assertThrows(CompletionException.class,
        () -> TcpConnection.connect(address, loop).join());
    assertTrue(e.getCause() instanceof java.net.ConnectException, e.getCause().toString());
  }

  @Test
  void readyIoIsHandledWhileTheLoopIsNeverIdle() throws Exception {
    TcpConnection[] p = pair();
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    Runnable[] spin = new Runnable[1];
    spin[0] = () -> {
      if (!stop.get()) {
        loop.execute(spin[0]);
      }
    };
    loop.execute(spin[0]); // the run queue is never empty from now on
    try {
      Task<Integer> read = p[1].read(ByteBuffer.allocate(8));
      get(p[0].write(ByteBuffer.wrap("busy".getBytes(UTF_8))));
      assertEquals(4, get(read), "a busy loop still polls its selector");
    } finally {
      stop.set(true);
    }
    p[0].close();
    p[1].close();
  }

  @Test
  void closeFailsAPendingWriteWithAsynchronousCloseException() throws Exception {
    TcpConnection[] p = pair(); // nobody reads p[1]
    p[0].setOption(StandardSocketOptions.SO_SNDBUF, 16 * 1024);
    Task<Void> write = p[0].write(ByteBuffer.allocate(8 << 20));
    EventLoopTest.onLoop(loop, () -> {});
    assertFalse(write.isDone(), "8 MB does not fit in the socket buffers of an idle peer");
    p[0].close();
    CompletionException e = assertThrows(CompletionException.class, write::join);
    assertSame(AsynchronousCloseException.class, e.getCause().getClass());
    p[1].close();
  }

  @Test
  void loopShutdownClosesListenersAndCancelsAPendingAccept() throws Exception {
    Task<TcpConnection> accept = listener.accept();
    EventLoopTest.onLoop(loop, () -> {});
    loop.shutdownGracefully();
    assertThrows(CancellationException.class, accept::join);
    assertTrue(loop.awaitTermination(20, TimeUnit.SECONDS), "a listener does not hold a loop open");
    CompletionException e = assertThrows(CompletionException.class,
        () -> TcpConnection.connect(listener.localAddress(), loop).join());
    assertSame(java.util.concurrent.RejectedExecutionException.class, e.getCause().getClass());
  }

  @Test
  void offLoopDefaultsAreTheWildcardAddressAndTheDefaultGroup() throws Exception {
    try (TcpListener wildcard = TcpListener.bind(0)) {
      assertTrue(wildcard.localAddress().getAddress().isAnyLocalAddress());
      assertTrue(EventLoopGroup.defaultGroup().loops().contains(wildcard.loop()));
      Task<TcpConnection> accepted = wildcard.accept();
      TcpConnection client = get(TcpConnection.connect(new java.net.InetSocketAddress(
          java.net.InetAddress.getLoopbackAddress(), wildcard.localAddress().getPort())));
      assertTrue(EventLoopGroup.defaultGroup().loops().contains(client.loop()));
      TcpConnection server = get(accepted);
      assertSame(wildcard.loop(), server.loop(), "accepted on the listener's loop");
      assertEquals(client.localAddress(), server.remoteAddress());
      client.close();
      server.close();
    }
  }
}
