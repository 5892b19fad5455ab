package dev.weft.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Deadline;
import dev.weft.EventLoop;
import dev.weft.Task;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link TcpConnection#connect(String, int)}: lookups off the loop, addresses in turn, deadlines. */
class HostConnectTest {
  private static final InetAddress LOCAL1 = address(127, 0, 0, 1);
  /** Another loopback address (all of 127/8 is loopback on Linux) where nothing listens. */
  private static final InetAddress LOCAL2 = address(127, 0, 0, 2);

  private final EventLoop loop = new EventLoop();
  private final TcpListener listener;
  private final List<AutoCloseable> closeLater = new ArrayList<>();

  HostConnectTest() throws Exception {
    listener = TcpListener.bind(new InetSocketAddress(LOCAL1, 0), TcpListener.DEFAULT_BACKLOG, loop);
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closeLater) {
      c.close();
    }
    listener.close();
    loop.close();
  }

  private static InetAddress address(int a, int b, int c, int d) {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private int port() {
    return listener.localAddress().getPort();
  }

  private static Resolver fixed(InetAddress... addresses) {
    return host -> Task.completed(List.of(addresses));
  }

  private static Throwable failure(Task<?> t) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> t.get(20, TimeUnit.SECONDS));
    return e.getCause();
  }

  @Test
  void anUnresolvedAddressIsResolvedInsteadOfFailing() throws Exception {
    // Before: channel.connect threw UnresolvedAddressException for it.
    TcpConnection c = TcpConnection.connect(InetSocketAddress.createUnresolved("localhost", port()), loop)
        .get(20, TimeUnit.SECONDS);
    closeLater.add(c);
    assertTrue(c.remoteAddress().getAddress().isLoopbackAddress(), c.toString());
  }

  @Test
  void aHostNameConnectsThroughTheSystemResolver() throws Exception {
    TcpConnection c = TcpConnection.connect("127.0.0.1", port(), Deadline.after(Duration.ofSeconds(20)))
        .get(20, TimeUnit.SECONDS);
    closeLater.add(c);
    assertEquals(listener.localAddress(), c.remoteAddress());
  }

  @Test
  void aLookupThatBlocksTimesOutAndIsCancelledWhileTheLoopRunsOn() throws Exception {
    CountDownLatch lookingUp = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    AtomicReference<Task<List<InetAddress>>> lookup = new AtomicReference<>();
    CountDownLatch interrupted = new CountDownLatch(1);
    Resolver stuck = host -> {
      Task<List<InetAddress>> t = Task.blocking(() -> {
        lookingUp.countDown();
        try {
          never.await();
        } catch (InterruptedException e) {
          interrupted.countDown();
        }
        return List.of(LOCAL1);
      });
      lookup.set(t);
      return t;
    };
    Task<TcpConnection> c = TcpConnection.connect("stuck.example", port(),
        Deadline.after(Duration.ofMillis(300)), stuck, loop);
    assertTrue(lookingUp.await(20, TimeUnit.SECONDS));
    Task<Integer> onLoop = Task.promise();
    loop.execute(() -> ((dev.weft.Promise<Integer>) onLoop).complete(1));
    assertEquals(1, onLoop.get(20, TimeUnit.SECONDS)); // the loop is not held by the lookup
    Throwable f = failure(c);
    assertInstanceOf(SocketTimeoutException.class, f);
    assertTrue(f.getMessage().contains("stuck.example:" + port()) && f.getMessage().contains("resolving"),
        f.getMessage());
    // The connect fails first, then stops what runs: the lookup's cancel follows on the loop.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!lookup.get().isCancelled() && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertTrue(lookup.get().isCancelled(), "the lookup was not cancelled");
    assertTrue(interrupted.await(20, TimeUnit.SECONDS), "the lookup's pool thread was not interrupted");
  }

  @Test
  void aFailedLookupFailsTheConnect() throws Exception {
    Resolver unknown = host -> Task.failed(new UnknownHostException(host + ": no such host"));
    Throwable f = failure(TcpConnection.connect("nowhere.example", port(), null, unknown, loop));
    assertInstanceOf(UnknownHostException.class, f);
    assertEquals("nowhere.example: no such host", f.getMessage());
  }

  @Test
  void aResolverThatThrowsOrFindsNothingFailsTheConnect() throws Exception {
    Resolver throwing = host -> {
      throw new IllegalStateException("broken resolver");
    };
    assertEquals("broken resolver",
        failure(TcpConnection.connect("x.example", port(), null, throwing, loop)).getMessage());
    Resolver empty = host -> Task.completed(List.of());
    assertInstanceOf(UnknownHostException.class,
        failure(TcpConnection.connect("x.example", port(), null, empty, loop)));
  }

  @Test
  void aRefusedFirstAddressHandsOverToTheSecond() throws Exception {
    Task<TcpConnection> accepted = listener.accept();
    TcpConnection c = TcpConnection.connect("two.example", port(), null, fixed(LOCAL2, LOCAL1), loop)
        .get(20, TimeUnit.SECONDS);
    closeLater.add(c);
    closeLater.add(accepted.get(20, TimeUnit.SECONDS));
    assertEquals(new InetSocketAddress(LOCAL1, port()), c.remoteAddress());
  }

  @Test
  void whenEveryAddressRefusesTheFirstFailureCarriesTheOthers() throws Exception {
    int unused;
    try (ServerSocket s = new ServerSocket(0, 1, LOCAL1)) {
      unused = s.getLocalPort();
    }
    Throwable f = failure(TcpConnection.connect("none.example", unused, null, fixed(LOCAL1, LOCAL2), loop));
    assertInstanceOf(ConnectException.class, f);
    assertEquals(1, f.getSuppressed().length);
  }

  @Test
  void anAttemptThatHangsGetsCompanyFromTheNextAddress() throws Exception {
    ServerSocket full = fullListener(LOCAL2, port());
    closeLater.add(full);
    Task<TcpConnection> accepted = listener.accept();
    TcpConnection c = TcpConnection.connect("slow.example", port(), null, fixed(LOCAL2, LOCAL1), loop)
        .get(20, TimeUnit.SECONDS);
    closeLater.add(c);
    closeLater.add(accepted.get(20, TimeUnit.SECONDS));
    assertEquals(new InetSocketAddress(LOCAL1, port()), c.remoteAddress());
  }

  @Test
  void aDeadlineStopsAttemptsThatHang() throws Exception {
    ServerSocket full = fullListener(LOCAL2, 0);
    closeLater.add(full);
    Throwable f = failure(TcpConnection.connect("hangs.example", full.getLocalPort(),
        Deadline.after(Duration.ofMillis(300)), fixed(LOCAL2), loop));
    assertInstanceOf(SocketTimeoutException.class, f);
    assertTrue(f.getMessage().contains("while connecting to [/127.0.0.2]"), f.getMessage());
  }

  @Test
  void cancellingStopsTheLookup() throws Exception {
    dev.weft.Promise<List<InetAddress>> lookup = Task.promise();
    Task<TcpConnection> c = TcpConnection.connect("x.example", port(), null, host -> lookup, loop);
    Task<Void> started = Task.promise();
    loop.execute(() -> ((dev.weft.Promise<Void>) started).complete(null)); // after begin
    started.get(20, TimeUnit.SECONDS);
    assertTrue(c.cancel(false));
    Task<Boolean> seen = Task.promise();
    loop.execute(() -> ((dev.weft.Promise<Boolean>) seen).complete(lookup.isCancelled()));
    assertTrue(seen.get(20, TimeUnit.SECONDS));
  }

  @Test
  void addressesAlternateBetweenFamiliesStartingWithTheFirst() throws Exception {
    InetAddress v6a = InetAddress.getByName("::1");
    InetAddress v6b = InetAddress.getByName("fe80::1");
    assertEquals(List.of(v6a, LOCAL1, v6b, LOCAL2), HostConnect.interleave(List.of(v6a, v6b, LOCAL1, LOCAL2)));
    assertEquals(List.of(LOCAL1, v6a, LOCAL2, v6b), HostConnect.interleave(List.of(LOCAL1, LOCAL2, v6a, v6b)));
    assertEquals(List.of(LOCAL1, LOCAL2), HostConnect.interleave(List.of(LOCAL1, LOCAL2)));
  }

  @Test
  void aPortOutOfRangeIsRefusedAtTheCall() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TcpConnection.connect("x.example", 70000));
    assertEquals("TcpConnection.connect: port 70000 of x.example is outside 0..65535", e.getMessage());
  }

  /**
   * A listener on {@code address:port} that never accepts, with its accept queue filled, so that
   * the kernel drops further connection requests: a connect to it hangs.
   */
  private ServerSocket fullListener(InetAddress address, int port) throws Exception {
    ServerSocket s = new ServerSocket(port, 1, address);
    for (int i = 0; i < 16; i++) {
      Socket filler = new Socket();
      closeLater.add(filler);
      try {
        filler.connect(s.getLocalSocketAddress(), 500);
      } catch (SocketTimeoutException e) {
        return s; // the queue is full
      }
    }
    throw new AssertionError("the accept queue of " + s + " never filled");
  }
}
