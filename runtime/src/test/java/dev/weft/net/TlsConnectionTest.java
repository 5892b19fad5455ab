package dev.weft.net;

import dev.weft.*;
import static dev.weft.net.TcpSupport.loopback;
import static dev.weft.net.TcpSupport.pattern;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.InterruptedByTimeoutException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TlsConnectionTest {
  private static final TlsSupport.Identity SERVER;
  private static final TlsSupport.Identity CLIENT;

  static {
    try {
      SERVER = TlsSupport.selfSigned("weft test server");
      CLIENT = TlsSupport.selfSigned("weft test client");
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final EventLoop loop = new EventLoop();
  private final TcpListener listener;

  TlsConnectionTest() throws Exception {
    listener = TcpListener.bind(loopback(), TcpListener.DEFAULT_BACKLOG, loop);
  }

  @AfterEach
  void close() {
    listener.close();
    loop.close();
  }

  static java.security.cert.X509Certificate serverCertificate() {
    return SERVER.certificate;
  }

  static TlsConfig serverConfig() throws Exception {
    return TlsConfig.of(TlsSupport.context(SERVER, CLIENT.certificate));
  }

  /** A client that trusts {@code trusted}. */
  static TlsConfig clientConfig(X509Certificate trusted) throws Exception {
    return TlsConfig.of(TlsSupport.context(CLIENT, trusted));
  }

  private static <T> T get(CompletableFuture<T> f) throws Exception {
    return f.get(20, TimeUnit.SECONDS);
  }

  private static <T> T get(Task<T> t) throws Exception {
    return t.get(20, TimeUnit.SECONDS);
  }

  private InetSocketAddress localhost() {
    return new InetSocketAddress("localhost", listener.localAddress().getPort());
  }

  /** A client connected to "localhost" and its accepted server peer, both handshaken. */
  private TlsConnection[] pair(TlsConfig server, TlsConfig client) throws Exception {
    return pair(server, client, localhost());
  }

  private TlsConnection[] pair(TlsConfig server, TlsConfig client, InetSocketAddress to)
      throws Exception {
    Task<TcpConnection> accepted = listener.accept();
    Task<TlsConnection> connected = TlsConnection.connect(to, client, loop);
    Task<TlsConnection> served = TlsConnection.server(get(accepted), server);
    return new TlsConnection[] {get(connected), get(served)};
  }

  private TlsConnection[] pair() throws Exception {
    return pair(serverConfig(), clientConfig(SERVER.certificate));
  }

  private static Throwable failure(Task<?> t) {
    return assertThrows(java.util.concurrent.ExecutionException.class,
        () -> t.get(20, TimeUnit.SECONDS)).getCause();
  }

  @Test
  void handshakesAndEchoesBothWays() throws Exception {
    TlsConnection[] p = pair();
    CompletableFuture<Void> echo = echo(p[1]);
    get(p[0].write(ByteBuffer.wrap("hello".getBytes(UTF_8))));
    assertEquals("hello", new String(get(readN(p[0], 5)), UTF_8));
    get(p[1].write(ByteBuffer.wrap("from the server".getBytes(UTF_8))));
    assertEquals("from the server", new String(get(readN(p[0], 15)), UTF_8));
    assertEquals("TLSv1.3", p[0].session().getProtocol());
    assertNull(p[0].applicationProtocol(), "no ALPN asked for");
    get(p[0].shutdownOutput());
    get(echo);
    p[0].close();
    p[1].close();
  }

  @Test
  void aMegabyteGoesEachWayWholeAndInOrder() throws Exception {
    TlsConnection[] p = pair();
    byte[] up = pattern(1 << 20, 1);
    byte[] down = pattern(1 << 20, 2);
    CompletableFuture<byte[]> atServer = readAll(p[1]);
    CompletableFuture<byte[]> atClient = readAll(p[0]);
    Task<Void> sentUp = p[0].write(ByteBuffer.wrap(up));
    Task<Void> sentDown = p[1].write(ByteBuffer.wrap(down, 0, 1000), ByteBuffer.wrap(down, 1000,
        down.length - 1000));
    get(sentUp);
    get(sentDown);
    get(p[0].shutdownOutput());
    get(p[1].shutdownOutput());
    assertArrayEquals(up, get(atServer));
    assertArrayEquals(down, get(atClient));
    p[0].close();
    p[1].close();
  }

  @Test
  void anUntrustedCertificateFailsTheHandshakeWithAnSslExceptionOnBothSides() throws Exception {
    TlsSupport.Identity stranger = TlsSupport.selfSigned("someone else");
    Task<TcpConnection> accepted = listener.accept();
    Task<TlsConnection> connected =
        TlsConnection.connect(localhost(), clientConfig(stranger.certificate), loop);
    Task<TlsConnection> served = TlsConnection.server(get(accepted), serverConfig());
    assertInstanceOf(SSLHandshakeException.class, failure(connected));
    assertInstanceOf(SSLException.class, failure(served));
  }

  @Test
  void aPeerThatClosesDuringTheHandshakeFailsItWithAnSslHandshakeException() throws Exception {
    Task<TcpConnection> accepted = listener.accept();
    Task<TlsConnection> connected =
        TlsConnection.connect(localhost(), clientConfig(SERVER.certificate), loop);
    TcpConnection server = get(accepted);
    get(server.read(ByteBuffer.allocate(64))); // some of the client hello
    get(server.shutdownOutput()); // end of stream, no alert
    Throwable e = failure(connected);
    assertInstanceOf(SSLHandshakeException.class, e);
    assertTrue(e.getMessage().contains("during the TLS handshake"), e.getMessage());
    server.close();
  }

  @Test
  void aPeerThatClosesWithoutCloseNotifyFailsTheReadAsATruncation() throws Exception {
    TlsConnection[] p = pair();
    get(p[1].write(ByteBuffer.wrap("partial".getBytes(UTF_8))));
    p[1].tcp().close(); // under TLS: no close_notify
    assertEquals("partial", new String(get(readN(p[0], 7)), UTF_8));
    Throwable e = failure(p[0].read(ByteBuffer.allocate(16)));
    assertInstanceOf(SSLException.class, e);
    assertTrue(e.getMessage().contains("without close_notify"), e.getMessage());
    p[0].close();
  }

  @Test
  void closeNotifyGoesBothWaysAndEachSideReadsACleanEndOfStream() throws Exception {
    TlsConnection[] p = pair();
    get(p[0].shutdownOutput());
    assertEquals(-1, get(p[1].read(ByteBuffer.allocate(16))));
    get(p[1].write(ByteBuffer.wrap("bye".getBytes(UTF_8)))); // half-closed: the other way goes on
    get(p[1].shutdownOutput());
    assertEquals("bye", new String(get(readN(p[0], 3)), UTF_8));
    assertEquals(-1, get(p[0].read(ByteBuffer.allocate(16))));
    p[0].close();
    p[1].close();
  }

  @Test
  void closeSendsCloseNotifySoThePeerReadsACleanEndOfStream() throws Exception {
    TlsConnection[] p = pair();
    p[1].close();
    assertEquals(-1, get(p[0].read(ByteBuffer.allocate(16))));
    p[0].close();
  }

  @Test
  void alpnNegotiatesTheServersFirstProtocolThatTheClientOffers() throws Exception {
    TlsConnection[] p = pair(serverConfig().withApplicationProtocols("h2", "http/1.1"),
        clientConfig(SERVER.certificate).withApplicationProtocols("http/1.1", "spdy/3"));
    assertEquals("http/1.1", p[0].applicationProtocol());
    assertEquals("http/1.1", p[1].applicationProtocol());
    p[0].close();
    p[1].close();
  }

  @Test
  void alpnWithoutACommonProtocolFailsTheHandshake() throws Exception {
    Task<TcpConnection> accepted = listener.accept();
    Task<TlsConnection> connected = TlsConnection.connect(localhost(),
        clientConfig(SERVER.certificate).withApplicationProtocols("spdy/3"), loop);
    Task<TlsConnection> served = TlsConnection.server(get(accepted),
        serverConfig().withApplicationProtocols("h2"));
    assertInstanceOf(SSLException.class, failure(served));
    assertInstanceOf(SSLException.class, failure(connected));
  }

  @Test
  void theServerReadsTheHostNameTheClientAskedForThroughSni() throws Exception {
    TlsConnection[] p = pair();
    assertEquals("localhost", p[0].serverName());
    assertEquals("localhost", p[1].serverName());
    p[0].close();
    p[1].close();
  }

  @Test
  void aClientConnectingToAnAddressSendsNoSni() throws Exception {
    TlsConnection[] p = pair(serverConfig(), clientConfig(SERVER.certificate),
        listener.localAddress());
    assertNull(p[0].serverName());
    assertNull(p[1].serverName());
    p[0].close();
    p[1].close();
  }

  @Test
  void aCancelledReadLeavesTheConnectionUsable() throws Exception {
    TlsConnection[] p = pair();
    ByteBuffer first = ByteBuffer.allocate(16);
    Task<Integer> read = p[0].read(first);
    EventLoopTest.onLoop(loop, () -> {});
    assertTrue(read.cancel(false));
    EventLoopTest.onLoop(loop, () -> {}); // the cancellation reached the loop
    get(p[1].write(ByteBuffer.wrap("x".getBytes(UTF_8))));
    ByteBuffer second = ByteBuffer.allocate(16);
    assertEquals(1, get(p[0].read(second)));
    assertEquals('x', second.get(0));
    assertEquals(0, first.position(), "the cancelled read received nothing");
    assertThrows(CancellationException.class, read::join);
    p[0].close();
    p[1].close();
  }

  @Test
  void closeFailsAPendingReadWithAsynchronousCloseException() throws Exception {
    TlsConnection[] p = pair();
    Task<Integer> read = p[0].read(ByteBuffer.allocate(16));
    EventLoopTest.onLoop(loop, () -> {});
    p[0].close();
    assertInstanceOf(AsynchronousCloseException.class, failure(read));
    assertTrue(p[0].isClosed());
    p[1].close();
  }

  @Test
  void anIdleTimeoutFailsThePendingReadAndClosesTheConnection() throws Exception {
    TlsConnection[] p = pair();
    p[0].setIdleTimeout(Duration.ofMillis(50));
    assertInstanceOf(InterruptedByTimeoutException.class,
        failure(p[0].read(ByteBuffer.allocate(16))));
    assertTrue(p[0].isClosed());
    p[1].close();
  }

  @Test
  void aSecondConcurrentReadIsRejected() throws Exception {
    TlsConnection[] p = pair();
    Task<Integer> read = p[0].read(ByteBuffer.allocate(16));
    Throwable e = failure(p[0].read(ByteBuffer.allocate(16)));
    assertInstanceOf(IllegalStateException.class, e);
    assertTrue(e.getMessage().contains("TlsConnection[client"), e.getMessage());
    read.cancel(false);
    p[0].close();
    p[1].close();
  }

  @Test
  void delegatedTasksRunOffTheLoop() throws Exception {
    RecordingTrustManager trust = new RecordingTrustManager(SERVER.certificate);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new javax.net.ssl.TrustManager[] {trust}, null);
    TlsConnection[] p = pair(serverConfig(), TlsConfig.of(context));
    assertTrue(trust.thread != null, "the server's certificate was checked");
    assertNull(trust.loop, "checked on " + trust.thread + ", a loop thread");
    p[0].close();
    p[1].close();
  }

  @Test
  void aSecondConnectionResumesTheSessionOfTheFirst() throws Exception {
    TlsConfig server = serverConfig().withParameters(p -> p.setProtocols(new String[] {"TLSv1.2"}));
    TlsConfig client = clientConfig(SERVER.certificate);
    TlsConnection[] first = pair(server, client);
    TlsConnection[] second = pair(server, client);
    assertEquals("TLSv1.2", second[0].session().getProtocol());
    assertArrayEquals(first[0].session().getId(), second[0].session().getId(),
        "the second handshake resumed the first session");
    for (TlsConnection c : new TlsConnection[] {first[0], first[1], second[0], second[1]}) {
      c.close();
    }
  }

  @Test
  void aTls12RenegotiationAskedByThePeerIsRefused() throws Exception {
    Task<TcpConnection> accepted = listener.accept();
    try (SSLSocket socket = jdkClient("TLSv1.2")) {
      Task<Void> clientHandshake = handshake(socket);
      TlsConnection server = get(TlsConnection.server(get(accepted),
          serverConfig().withParameters(p -> p.setProtocols(new String[] {"TLSv1.2"}))));
      get(clientHandshake);
      Task<Integer> read = server.read(ByteBuffer.allocate(16));
      socket.startHandshake(); // a second handshake on an established TLS 1.2 connection
      socket.getOutputStream().flush();
      Throwable e = assertThrows(java.util.concurrent.ExecutionException.class,
          () -> read.get(20, TimeUnit.SECONDS)).getCause();
      assertInstanceOf(SSLException.class, e);
      assertTrue(e.getMessage().contains("Renegotiation refused"), e.getMessage());
      assertTrue(server.isClosed());
    }
  }

  @Test
  void aTls13KeyUpdateAskedByThePeerIsAnsweredAndDataGoesOn() throws Exception {
    Task<TcpConnection> accepted = listener.accept();
    try (SSLSocket socket = jdkClient("TLSv1.3")) {
      Task<Void> clientHandshake = handshake(socket);
      TlsConnection server = get(TlsConnection.server(get(accepted), serverConfig()));
      get(clientHandshake);
      CompletableFuture<Void> echo = echo(server);
      socket.startHandshake(); // on TLS 1.3: a KeyUpdate asking for the server's
      socket.getOutputStream().write("ping".getBytes(UTF_8));
      socket.getOutputStream().flush();
      assertArrayEquals("ping".getBytes(UTF_8), socket.getInputStream().readNBytes(4));
      socket.shutdownOutput();
      get(echo);
    }
  }

  @Test
  void cancellingTheHandshakeClosesTheConnection() throws Exception {
    Task<TcpConnection> accepted = listener.accept();
    Task<TlsConnection> connected =
        TlsConnection.connect(localhost(), clientConfig(SERVER.certificate), loop);
    TcpConnection tcp = get(accepted); // no server handshake: the client's waits
    EventLoopTest.onLoop(loop, () -> {});
    assertTrue(connected.cancel(false));
    assertThrows(CancellationException.class, connected::join);
    assertTrue(get(TcpSupport.readAll(tcp)).length > 0, "the client hello, then end of stream");
    tcp.close();
  }

  /** A blocking JDK client with only {@code protocol}, connected to the listener. */
  private SSLSocket jdkClient(String protocol) throws Exception {
    SSLContext context = TlsSupport.context(CLIENT, SERVER.certificate);
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(
        listener.localAddress().getAddress(), listener.localAddress().getPort());
    socket.setEnabledProtocols(new String[] {protocol});
    socket.setSoTimeout(20_000);
    return socket;
  }

  /** {@code socket}'s first handshake, on the blocking pool. */
  private static Task<Void> handshake(SSLSocket socket) {
    return Task.blocking(() -> {
      socket.startHandshake();
      return null;
    });
  }

  // ---- callback-driven peers (runtime tests cannot use woven code) ----

  /** Echoes what {@code c} reads until end of stream, then shuts its output down. */
  static CompletableFuture<Void> echo(TlsConnection c) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    echoNext(c, ByteBuffer.allocate(4096), done);
    return done;
  }

  private static void echoNext(TlsConnection c, ByteBuffer buf, CompletableFuture<Void> done) {
    buf.clear();
    c.read(buf).whenComplete((n, e) -> {
      if (e != null) {
        done.completeExceptionally(e);
      } else if (n < 0) {
        c.shutdownOutput().whenComplete((v, e2) -> done.complete(null));
      } else {
        buf.flip();
        c.write(buf).whenComplete((v, e2) -> {
          if (e2 != null) {
            done.completeExceptionally(e2);
          } else {
            echoNext(c, buf, done);
          }
        });
      }
    });
  }

  /** Everything {@code c} reads until end of stream. */
  static CompletableFuture<byte[]> readAll(TlsConnection c) {
    return read(c, Integer.MAX_VALUE);
  }

  /** Exactly {@code n} bytes (or fewer at end of stream). */
  static CompletableFuture<byte[]> readN(TlsConnection c, int n) {
    return read(c, n);
  }

  private static CompletableFuture<byte[]> read(TlsConnection c, int max) {
    CompletableFuture<byte[]> done = new CompletableFuture<>();
    readNext(c, ByteBuffer.allocate(Math.min(max, 8192)), new ByteArrayOutputStream(), max, done);
    return done;
  }

  private static void readNext(TlsConnection c, ByteBuffer buf, ByteArrayOutputStream out, int max,
      CompletableFuture<byte[]> done) {
    buf.clear().limit(Math.min(buf.capacity(), max - out.size()));
    c.read(buf).whenComplete((n, e) -> {
      if (e != null) {
        done.completeExceptionally(e);
      } else if (n < 0) {
        done.complete(out.toByteArray());
      } else {
        out.write(buf.array(), 0, n);
        if (out.size() == max) {
          done.complete(out.toByteArray());
        } else {
          readNext(c, buf, out, max, done);
        }
      }
    });
  }
}
