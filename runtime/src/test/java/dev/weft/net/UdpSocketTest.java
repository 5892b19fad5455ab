package dev.weft.net;

import static dev.weft.net.TcpSupport.loopback;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.EventLoop;
import dev.weft.Promise;
import dev.weft.Task;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.SelectionKey;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UdpSocketTest {
  private final EventLoop loop = new EventLoop();
  private final UdpSocket a;
  private final UdpSocket b;

  UdpSocketTest() throws Exception {
    a = UdpSocket.bind(loopback(), loop);
    b = UdpSocket.bind(loopback(), loop);
  }

  @AfterEach
  void close() {
    a.close();
    b.close();
    loop.close();
  }

  private static <T> T get(Task<T> t) throws Exception {
    return t.get(20, TimeUnit.SECONDS);
  }

  private static Throwable failure(Task<?> t) {
    return assertThrows(ExecutionException.class, () -> t.get(20, TimeUnit.SECONDS)).getCause();
  }

  private static ByteBuffer text(String s) {
    return ByteBuffer.wrap(s.getBytes(UTF_8));
  }

  private static String text(ByteBuffer b) {
    b.flip();
    return UTF_8.decode(b).toString();
  }

  /** {@code what} evaluated on the loop thread. */
  private <T> T onLoop(Supplier<T> what) throws Exception {
    Promise<T> p = Task.promise();
    loop.execute(() -> p.complete(what.get()));
    return get(p);
  }

  @Test
  void aDatagramGoesFromOneSocketToTheOtherWithItsSender() throws Exception {
    ByteBuffer buf = ByteBuffer.allocate(64);
    Task<InetSocketAddress> received = b.receive(buf);
    get(a.send(text("ping"), b.localAddress()));
    assertEquals(a.localAddress(), get(received));
    assertEquals("ping", text(buf));
  }

  @Test
  void aReceiveWaitsForADatagramAndStartedOnTheLoopCompletesThere() throws Exception {
    ByteBuffer buf = ByteBuffer.allocate(64);
    Promise<String> where = Task.promise();
    Task<InetSocketAddress> received = onLoop(() -> {
      Task<InetSocketAddress> r = b.receive(buf);
      r.handle((from, e) -> where.complete(loop.inEventLoop() + " " + from));
      return r;
    });
    assertFalse(received.isDone());
    assertEquals(SelectionKey.OP_READ, (int) onLoop(() -> b.io().interestOps()));
    get(a.send(text("late"), b.localAddress()));
    assertEquals("true " + a.localAddress(), get(where));
    assertEquals("late", text(buf));
  }

  @Test
  void aConnectedSocketSendsWithoutATargetAndResolvesAName() throws Exception {
    get(a.connect(InetSocketAddress.createUnresolved("127.0.0.1", b.localAddress().getPort())));
    assertEquals(b.localAddress(), a.remoteAddress());
    ByteBuffer buf = ByteBuffer.allocate(64);
    Task<InetSocketAddress> received = b.receive(buf);
    get(a.send(text("connected")));
    assertEquals(a.localAddress(), get(received));
    assertEquals("connected", text(buf));
    assertInstanceOf(NotYetConnectedException.class, failure(b.send(text("x"))));
  }

  @Test
  void cancellingAPendingReceiveWithdrawsItAndTheSocketStaysUsable() throws Exception {
    ByteBuffer first = ByteBuffer.allocate(64);
    Task<InetSocketAddress> r = b.receive(first);
    assertEquals(SelectionKey.OP_READ, (int) onLoop(() -> b.io().interestOps()));
    assertTrue(r.cancel(false));
    assertTrue(r.isCancelled());
    assertEquals(0, (int) onLoop(() -> b.io().interestOps()));
    ByteBuffer second = ByteBuffer.allocate(64);
    Task<InetSocketAddress> again = b.receive(second); // refused if the cancelled one were still pending
    get(a.send(text("after"), b.localAddress()));
    assertEquals(a.localAddress(), get(again));
    assertEquals("after", text(second));
    assertEquals(0, first.position());
  }

  @Test
  void aSecondReceiveWhileOneIsPendingIsRefused() throws Exception {
    Task<InetSocketAddress> r = b.receive(ByteBuffer.allocate(8));
    Throwable f = failure(b.receive(ByteBuffer.allocate(8)));
    assertInstanceOf(IllegalStateException.class, f);
    assertTrue(f.getMessage().startsWith("A receive is already pending on UdpSocket["), f.getMessage());
    r.cancel(false);
  }

  @Test
  void closeFailsAPendingReceiveAndLaterOperations() throws Exception {
    Task<InetSocketAddress> r = b.receive(ByteBuffer.allocate(8));
    assertEquals(SelectionKey.OP_READ, (int) onLoop(() -> b.io().interestOps()));
    b.close();
    assertInstanceOf(AsynchronousCloseException.class, failure(r));
    assertTrue(b.isClosed());
    assertInstanceOf(ClosedChannelException.class, failure(b.receive(ByteBuffer.allocate(8))));
    assertInstanceOf(ClosedChannelException.class, failure(b.send(text("x"), a.localAddress())));
  }

  @Test
  void aLoopThatShutsDownCancelsAPendingReceiveAndClosesTheSocket() throws Exception {
    Task<InetSocketAddress> r = b.receive(ByteBuffer.allocate(8));
    assertEquals(SelectionKey.OP_READ, (int) onLoop(() -> b.io().interestOps()));
    get(loop.shutdownGracefully(java.time.Duration.ZERO));
    Exception e = assertThrows(Exception.class, () -> r.get(20, TimeUnit.SECONDS));
    assertInstanceOf(java.util.concurrent.CancellationException.class,
        e instanceof ExecutionException ? e.getCause() : e);
    assertTrue(loop.awaitTermination(20, TimeUnit.SECONDS));
    assertTrue(b.isClosed());
  }

  @Test
  void aDatagramLargerThanTheBufferIsTruncatedAndTheRestDiscarded() throws Exception {
    byte[] big = TcpSupport.pattern(1000, 3);
    get(a.send(ByteBuffer.wrap(big), b.localAddress()));
    get(a.send(text("next"), b.localAddress()));
    ByteBuffer small = ByteBuffer.allocate(10);
    get(b.receive(small));
    assertEquals(10, small.position());
    assertEquals(ByteBuffer.wrap(big, 0, 10), small.flip());
    ByteBuffer buf = ByteBuffer.allocate(2000);
    get(b.receive(buf));
    assertEquals("next", text(buf)); // not the 990 bytes left of the first
  }

  @Test
  void anEmptyDatagramIsSentAndReceived() throws Exception {
    get(a.send(ByteBuffer.allocate(0), b.localAddress()));
    ByteBuffer buf = ByteBuffer.allocate(8);
    assertEquals(a.localAddress(), get(b.receive(buf)));
    assertEquals(0, buf.position());
  }

  @Test
  void anUnresolvedBindAddressIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> UdpSocket.bind(InetSocketAddress.createUnresolved("localhost", 0), loop));
    assertEquals("UdpSocket.bind: unresolved local address localhost/<unresolved>:0; bind to an IP address",
        e.getMessage());
  }
}
