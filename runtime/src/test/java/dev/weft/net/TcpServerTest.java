package dev.weft.net;

import dev.weft.*;
import static dev.weft.net.TcpSupport.loopback;
import static dev.weft.net.TcpSupport.pattern;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TcpServerTest {
  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    Collections.reverse(closing);
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  private <T extends AutoCloseable> T closeLater(T c) {
    closing.add(c);
    return c;
  }

  private static <T> T get(CompletionStage<T> f) throws Exception {
    return f.toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static Socket connect(TcpServer server) throws IOException {
    return new Socket(server.localAddress().getAddress(), server.localAddress().getPort());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Task<String> awaitInCoroutine(Task<?> stage, List<String> log) {
    return HandWoven.cancellable((CompletionStage) stage, log); // try/catch/finally around await
  }

  @Test
  void spreadsConnectionsOverTheGroupAndRunsEachHandlerOnItsConnectionsLoop() throws Exception {
    EventLoopGroup group = closeLater(new EventLoopGroup(2));
    Set<EventLoop> handlerLoops = ConcurrentHashMap.newKeySet();
    List<String> wrongLoop = Collections.synchronizedList(new ArrayList<>());
    TcpServer server = closeLater(TcpServer.start(group, loopback(), c -> {
      handlerLoops.add(EventLoop.current());
      if (EventLoop.current() != c.loop()) {
        wrongLoop.add(c + " handled on " + EventLoop.current());
      }
      return TcpSupport.echo(c);
    }));
    for (int i = 0; i < 4; i++) {
      try (Socket s = connect(server)) {
        s.getOutputStream().write(("hi " + i).getBytes(UTF_8));
        s.shutdownOutput();
        assertEquals("hi " + i, new String(s.getInputStream().readAllBytes(), UTF_8));
      }
    }
    assertEquals(new HashSet<>(group.loops()), handlerLoops);
    assertEquals(List.of(), wrongLoop);
  }

  @Test
  void fiveHundredConcurrentEchoClientsGetTheirOwnBytesBack() throws Exception {
    EventLoopGroup serverGroup = closeLater(new EventLoopGroup(2));
    EventLoopGroup clientGroup = closeLater(new EventLoopGroup(2));
    TcpServer server = closeLater(TcpServer.start(serverGroup, loopback(), TcpSupport::echo));
    int clients = 500;
    List<CompletableFuture<byte[]>> replies = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      byte[] data = pattern(3000 + i, i);
      replies.add(TcpConnection.connect(server.localAddress(), clientGroup.next())
          .toCompletableFuture()
          .thenCompose(c -> c.write(ByteBuffer.wrap(data))
              .thenCompose(v -> c.shutdownOutput())
              .thenCompose(v -> TcpSupport.readAll(c))
              .whenComplete((b, e) -> c.close())));
    }
    for (int i = 0; i < clients; i++) {
      assertArrayEquals(pattern(3000 + i, i), get(replies.get(i)), "client " + i);
    }
    get(server.closeGracefully(Duration.ofSeconds(10)));
    assertEquals(0, server.connectionCount());
  }

  @Test
  void closeGracefullyWaitsForHandlersThatFinishAndStopsAccepting() throws Exception {
    EventLoopGroup group = closeLater(new EventLoopGroup(1));
    CountDownLatch started = new CountDownLatch(1);
    List<CompletableFuture<Void>> handlers = Collections.synchronizedList(new ArrayList<>());
    TcpServer server = closeLater(TcpServer.start(group, loopback(), c -> {
      CompletableFuture<Void> h = TcpSupport.echo(c);
      handlers.add(h);
      started.countDown();
      return h;
    }));
    try (Socket s = connect(server)) {
      assertTrue(started.await(20, TimeUnit.SECONDS));
      Task<Void> drained = server.closeGracefully(Duration.ofSeconds(60));
      EventLoopTest.onLoop(group.loops().get(0), () -> {});
      assertFalse(drained.isDone(), "a handler is still running");
      assertThrows(ConnectException.class, () -> connect(server).close());
      s.getOutputStream().write("bye".getBytes(UTF_8));
      s.shutdownOutput();
      assertEquals("bye", new String(s.getInputStream().readAllBytes(), UTF_8));
      get(drained);
      assertFalse(handlers.get(0).isCompletedExceptionally(), "finished, not cancelled");
    }
  }

  @Test
  void closeGracefullyCancelsAHandlerStuckInReadAtTheDeadline() throws Exception {
    EventLoopGroup group = closeLater(new EventLoopGroup(1));
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    List<Task<Integer>> reads = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch started = new CountDownLatch(1);
    TcpServer server = closeLater(TcpServer.start(group, loopback(), c -> {
      Task<Integer> read = c.read(ByteBuffer.allocate(16));
      reads.add(read);
      started.countDown();
      return awaitInCoroutine(read, log);
    }));
    try (Socket s = connect(server)) {
      assertTrue(started.await(20, TimeUnit.SECONDS));
      get(server.closeGracefully(Duration.ofMillis(50)));
      assertEquals(List.of("caught on " + threadOf(group), "finally"), log);
      assertTrue(reads.get(0).isCompletedExceptionally(), "its read was withdrawn");
      assertEquals(-1, s.getInputStream().read(), "the connection is closed");
      assertEquals(0, server.connectionCount());
    }
  }

  private static String threadOf(EventLoopGroup group) throws Exception {
    String[] name = new String[1];
    EventLoopTest.onLoop(group.loops().get(0), () -> name[0] = Thread.currentThread().getName());
    return name[0];
  }

  @Test
  void groupShutdownFailsAPendingReadWithCancellationSoFinallyRuns() throws Exception {
    EventLoopGroup group = new EventLoopGroup(1);
    EventLoop loop = group.loops().get(0);
    String loopThread = threadOf(group);
    try (TcpListener listener = TcpListener.bind(loopback(), 16, loop)) {
      Task<TcpConnection> accepted = listener.accept();
      TcpConnection client = get(TcpConnection.connect(listener.localAddress(), loop));
      TcpConnection server = get(accepted);
      List<String> log = Collections.synchronizedList(new ArrayList<>());
      Task<Integer>[] read = new Task[1];
      Task<?>[] body = new Task[1];
      EventLoopTest.onLoop(loop, () -> {
        read[0] = server.read(ByteBuffer.allocate(16));
        body[0] = awaitInCoroutine(read[0], log);
      });
      get(group.shutdownGracefully(Duration.ofMillis(50)));
      assertTrue(loop.awaitTermination(0, TimeUnit.SECONDS));
      CancellationException e = assertThrows(CancellationException.class, () -> read[0].join());
      assertTrue(e.getMessage().contains("shut down"), e.getMessage());
      assertEquals(List.of("caught on " + loopThread, "finally"), log);
      assertEquals("late", body[0].join());
      assertTrue(client.isClosed() && server.isClosed(), "the terminated loop closed them");
    }
  }

  @Test
  void groupShutdownLetsPendingIoCompleteBeforeTheDeadline() throws Exception {
    EventLoopGroup group = new EventLoopGroup(1);
    EventLoop loop = group.loops().get(0);
    TcpListener listener = TcpListener.bind(loopback(), 16, loop);
    Task<TcpConnection> accepted = listener.accept();
    try (Socket peer = new Socket(listener.localAddress().getAddress(),
        listener.localAddress().getPort())) {
      TcpConnection server = get(accepted);
      ByteBuffer buf = ByteBuffer.allocate(16);
      Task<Integer> read = server.read(buf);
      EventLoopTest.onLoop(loop, () -> {});
      Task<Void> terminated = group.shutdownGracefully(Duration.ofSeconds(60));
      peer.getOutputStream().write("late".getBytes(UTF_8));
      assertEquals(4, get(read), "the read completed instead of being cancelled");
      get(terminated);
      assertEquals(-1, peer.getInputStream().read(), "the terminated loop closed the connection");
    }
  }

  @Test
  void aHandlerThatThrowsGetsItsConnectionClosedAndTheServerGoesOn() throws Exception {
    EventLoopGroup group = closeLater(new EventLoopGroup(1));
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    TcpServer server = closeLater(TcpServer.start(group, loopback(), c -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("handler bug (expected by the test)");
      }
      return TcpSupport.echo(c);
    }));
    try (Socket first = connect(server)) {
      assertEquals(-1, first.getInputStream().read(), "the failed handler's connection is closed");
    }
    try (Socket second = connect(server)) {
      second.getOutputStream().write("still here".getBytes(UTF_8));
      second.shutdownOutput();
      assertEquals("still here", new String(second.getInputStream().readAllBytes(), UTF_8));
    }
  }
}
