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
 * How the loop uses a connection's {@link javax.net.ssl.SSLEngine}, through a {@link GatedEngine}
 * that records the calls. Every engine method takes the engine's lock, so a call at the wrong
 * moment blocks the loop and a useless call costs every request:
 *
 * <ul>
 *   <li>the handshake's delegated tasks run on the blocking pool while the loop goes on with other
 *       connections, and the loop must not call the engine until they are done: the JDK's engine
 *       holds its lock for the whole task (seen as loop stalls of 10 to 400 ms under a burst of
 *       TLS handshakes);
 *   <li>once a connection is established, a read that finds no ciphertext waiting goes to the
 *       socket first, without asking the engine to unwrap an empty buffer (that unwrap was one in
 *       four of a keep-alive request's engine calls).
 * </ul>
 */
class TlsEngineCallsTest {
  private static final int ROUND_TRIPS = 50;

  private final EventLoop loop = new EventLoop();
  private final TcpListener listener;

  TlsEngineCallsTest() throws Exception {
    listener = TcpListener.bind(loopback(), TcpListener.DEFAULT_BACKLOG, loop);
  }

  @AfterEach
  void close() {
    listener.close();
    loop.close();
  }

  /** A client and a server connecting, the server's engine a {@link GatedEngine}. */
  private record Handshaking(
      Task<TlsConnection> client, Task<TlsConnection> server, GatedEngine serverEngine) {}

  /** Starts a TLS connection to {@link #listener}; {@code gated} says if its tasks wait. */
  private Handshaking connect(boolean gated) throws Exception {
    TlsSupport.Identity server = TlsSupport.selfSigned("gated server");
    TlsSupport.Identity client = TlsSupport.selfSigned("gated client");
    List<GatedEngine> engines = new CopyOnWriteArrayList<>();
    TlsConfig serverConfig = TlsConfig.of(GatedEngine.serverContext(
        TlsSupport.context(server, client.certificate), e -> {
          if (!gated) {
            e.gate.countDown();
          }
          engines.add(e);
        }));
    TlsConfig clientConfig = TlsConfig.of(TlsSupport.context(client, server.certificate));
    Task<TcpConnection> accepted = listener.accept();
    Task<TlsConnection> connected = TlsConnection.connect(
        new InetSocketAddress("localhost", listener.localAddress().getPort()), clientConfig, loop);
    Task<TlsConnection> served = TlsConnection.server(get(accepted), serverConfig);
    return new Handshaking(connected, served, engines.get(0));
  }

  @Test
  void theLoopLeavesTheEngineAloneWhileItsDelegatedTaskRuns() throws Exception {
    Handshaking h = connect(true);
    Task<TlsConnection> connected = h.client();
    Task<TlsConnection> served = h.server();
    GatedEngine engine = h.serverEngine();
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

  @Test
  void anEstablishedConnectionNeverUnwrapsAnEmptyBuffer() throws Exception {
    Handshaking h = connect(false); // delegated tasks run at once: this is about the steady state
    TlsConnection s = get(h.server());
    TlsConnection c = get(h.client());
    GatedEngine engine = h.serverEngine();
    roundTrip(c, s, 0); // the first exchange also carries what follows the handshake (tickets)
    engine.emptyUnwraps.set(0);

    for (int i = 1; i <= ROUND_TRIPS; i++) {
      roundTrip(c, s, i);
    }
    assertEquals(0, engine.emptyUnwraps.get(),
        "unwraps of an empty buffer in " + ROUND_TRIPS + " round trips");
    c.close();
    s.close();
  }

  /** The client sends a line, the server reads it whole and answers it; the client reads that. */
  private static void roundTrip(TlsConnection c, TlsConnection s, int i) throws Exception {
    String ping = String.format("ping %04d", i);
    get(c.write(ByteBuffer.wrap(ping.getBytes(UTF_8))));
    assertEquals(ping, readFully(s, ping.length()));
    String pong = "pong" + ping.substring(4);
    get(s.write(ByteBuffer.wrap(pong.getBytes(UTF_8))));
    assertEquals(pong, readFully(c, pong.length()));
  }

  private static String readFully(TlsConnection conn, int n) throws Exception {
    ByteBuffer in = ByteBuffer.allocate(n);
    while (in.hasRemaining()) {
      if (get(conn.read(in)) < 0) {
        throw new AssertionError("end of stream after " + in.position() + " of " + n + " bytes");
      }
    }
    return new String(in.array(), UTF_8);
  }

  private static <T> T get(java.util.concurrent.Future<T> f) throws Exception {
    return f.get(20, TimeUnit.SECONDS);
  }
}
