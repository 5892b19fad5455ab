package dev.weft.net;

import dev.weft.*;
import static dev.weft.net.TcpSupport.loopback;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TlsServerTest {
  private final EventLoopGroup group = new EventLoopGroup(2);

  @AfterEach
  void close() {
    group.close();
  }

  private static <T> T get(Task<T> t) throws Exception {
    return t.get(20, TimeUnit.SECONDS);
  }

  private static InetSocketAddress localhost(TlsServer server) {
    return new InetSocketAddress("localhost", server.localAddress().getPort());
  }

  @Test
  void theHandlerGetsTheConnectionOnItsLoopAfterTheHandshake() throws Exception {
    CompletableFuture<String> seen = new CompletableFuture<>();
    try (TlsServer server = TlsServer.start(group, loopback(),
        TlsConnectionTest.serverConfig().withApplicationProtocols("http/1.1"), c -> {
          seen.complete(c.applicationProtocol() + " " + c.serverName() + " "
              + (EventLoop.current() == c.loop()) + " " + c.session().getProtocol());
          return TlsConnectionTest.echo(c);
        })) {
      TlsConnection client = get(TlsConnection.connect(localhost(server),
          TlsConnectionTest.clientConfig(TlsConnectionTest.serverCertificate())
              .withApplicationProtocols("http/1.1")));
      get(client.write(ByteBuffer.wrap("hello".getBytes(UTF_8))));
      get(client.shutdownOutput());
      assertEquals("hello",
          new String(TlsConnectionTest.readAll(client).get(20, TimeUnit.SECONDS), UTF_8));
      assertEquals("http/1.1 localhost true TLSv1.3", seen.get(20, TimeUnit.SECONDS));
      client.close();
      get(server.closeGracefully(Duration.ofSeconds(20)));
      assertEquals(0, server.connectionCount());
    }
  }

  @Test
  void aFailedHandshakeNeverReachesTheHandlerAndClosesTheConnection() throws Exception {
    AtomicInteger handled = new AtomicInteger();
    try (TlsServer server = TlsServer.start(group, loopback(), TlsConnectionTest.serverConfig(),
        c -> {
          handled.incrementAndGet();
          return Task.completed(null);
        })) {
      TlsSupport.Identity stranger = TlsSupport.selfSigned("someone else");
      Task<TlsConnection> client = TlsConnection.connect(localhost(server),
          TlsConnectionTest.clientConfig(stranger.certificate));
      Throwable e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
          () -> client.get(20, TimeUnit.SECONDS)).getCause();
      assertInstanceOf(SSLHandshakeException.class, e);
      get(server.closeGracefully(Duration.ofSeconds(20))); // the failed session is gone
      assertEquals(0, server.connectionCount());
      assertEquals(0, handled.get());
      assertTrue(NetErrors.isExpected(new SSLHandshakeException("certificate_unknown")),
          "a client's failed handshake is logged without a stack trace");
    }
  }
}
