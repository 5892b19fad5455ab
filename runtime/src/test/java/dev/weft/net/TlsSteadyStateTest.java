package dev.weft.net;

import static dev.weft.net.TcpSupport.loopback;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.EventLoop;
import dev.weft.Task;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Once a TLS connection is established, a read that finds no ciphertext waiting goes to the
 * socket first: it does not ask the engine to unwrap an empty buffer. Every engine call takes the
 * engine's lock, and that useless unwrap was one in four of a keep-alive request's engine work.
 */
class TlsSteadyStateTest {
  private static final int ROUND_TRIPS = 50;

  private final EventLoop loop = new EventLoop();
  private final TcpListener listener;

  TlsSteadyStateTest() throws Exception {
    listener = TcpListener.bind(loopback(), TcpListener.DEFAULT_BACKLOG, loop);
  }

  @AfterEach
  void close() {
    listener.close();
    loop.close();
  }

  @Test
  void anEstablishedConnectionNeverUnwrapsAnEmptyBuffer() throws Exception {
    TlsSupport.Identity server = TlsSupport.selfSigned("steady server");
    TlsSupport.Identity client = TlsSupport.selfSigned("steady client");
    List<GatedEngine> engines = new CopyOnWriteArrayList<>();
    TlsConfig serverConfig = TlsConfig.of(GatedEngine.serverContext(
        TlsSupport.context(server, client.certificate), e -> {
          e.gate.countDown(); // delegated tasks run at once: this test is about the steady state
          engines.add(e);
        }));
    TlsConfig clientConfig = TlsConfig.of(TlsSupport.context(client, server.certificate));

    Task<TcpConnection> accepted = listener.accept();
    Task<TlsConnection> connected = TlsConnection.connect(
        new InetSocketAddress("localhost", listener.localAddress().getPort()), clientConfig, loop);
    TlsConnection s = get(TlsConnection.server(get(accepted), serverConfig));
    TlsConnection c = get(connected);
    GatedEngine engine = engines.get(0);
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

  private static <T> T get(Future<T> f) throws Exception {
    return f.get(20, TimeUnit.SECONDS);
  }
}
