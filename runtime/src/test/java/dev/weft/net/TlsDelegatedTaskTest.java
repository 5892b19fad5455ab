package dev.weft.net;

import static dev.weft.net.TcpSupport.loopback;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.EventLoop;
import dev.weft.Task;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The handshake's delegated tasks run on the blocking pool while the loop goes on with other
 * connections: the loop must not call the connection's engine until they are done, since the
 * JDK's engine holds its lock for the whole task and the call would block the loop thread (seen
 * as loop stalls of 10 to 400 ms under a burst of TLS handshakes).
 */
class TlsDelegatedTaskTest {
  private final EventLoop loop = new EventLoop();
  private final TcpListener listener;

  TlsDelegatedTaskTest() throws Exception {
    listener = TcpListener.bind(loopback(), TcpListener.DEFAULT_BACKLOG, loop);
  }

  @AfterEach
  void close() {
    listener.close();
    loop.close();
  }

  @Test
  void theLoopLeavesTheEngineAloneWhileItsDelegatedTaskRuns() throws Exception {
    TlsSupport.Identity server = TlsSupport.selfSigned("gated server");
    TlsSupport.Identity client = TlsSupport.selfSigned("gated client");
    List<GatedEngine> engines = new CopyOnWriteArrayList<>();
    TlsConfig serverConfig = TlsConfig.of(
        GatedEngine.serverContext(TlsSupport.context(server, client.certificate), engines::add));
    TlsConfig clientConfig = TlsConfig.of(TlsSupport.context(client, server.certificate));

    Task<TcpConnection> accepted = listener.accept();
    Task<TlsConnection> connected = TlsConnection.connect(
        new InetSocketAddress("localhost", listener.localAddress().getPort()), clientConfig, loop);
    Task<TlsConnection> served = TlsConnection.server(get(accepted), serverConfig);
    GatedEngine engine = engines.get(0);
    assertEquals(true, engine.taskOut.await(20, TimeUnit.SECONDS), "no delegated task handed out");
    CompletableFuture<Void> turn = new CompletableFuture<>();
    loop.execute(() -> turn.complete(null)); // runs after the step that handed the task out
    turn.get(20, TimeUnit.SECONDS);
    engine.gate.countDown();

    TlsConnection c = get(connected);
    TlsConnection s = get(served);
    get(c.write(ByteBuffer.wrap("after".getBytes(UTF_8))));
    ByteBuffer in = ByteBuffer.allocate(5);
    while (in.hasRemaining()) {
      get(s.read(in));
    }
    assertEquals("after", new String(in.array(), UTF_8));
    assertEquals(List.of(), engine.callsWhileTaskOut);
    c.close();
    s.close();
  }

  private static <T> T get(java.util.concurrent.Future<T> f) throws Exception {
    return f.get(20, TimeUnit.SECONDS);
  }
}
