package dev.weft.net;

import dev.weft.*;
import static dev.weft.net.TcpSupport.loopback;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** How a server logs the failures of its handlers: expected network errors quietly. */
class TcpServerLoggingTest {
  @Test
  void aPeerThatResetsItsConnectionIsLoggedOnceAtDebugWithoutAStackTrace() throws Exception {
    CompletableFuture<Throwable> handlerFailure = new CompletableFuture<>();
    try (LogCapture log = LogCapture.of("dev.weft.net.TcpServer");
        EventLoopGroup group = new EventLoopGroup(1);
        TcpServer server = TcpServer.start(group, loopback(), c -> TcpSupport.echo(c)
            .whenComplete((v, e) -> handlerFailure.complete(e)))) {
      Socket peer = new Socket(server.localAddress().getAddress(), server.localAddress().getPort());
      peer.getOutputStream().write(1);
      peer.getInputStream().read(); // echoed: the handler is reading again
      peer.setSoLinger(true, 0);
      peer.close(); // sends a reset
      Throwable failure = handlerFailure.get(20, java.util.concurrent.TimeUnit.SECONDS);
      Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
      assertTrue(NetErrors.isExpected(cause), "a reset: " + failure);
      while (server.connectionCount() > 0) {
        Thread.onSpinWait(); // the handler's end is logged before the count drops
      }
      assertEquals(1, log.records.size(), "one record per reset: " + log.records);
      LogRecord record = log.records.get(0);
      assertEquals(Level.FINE, record.getLevel(), "DEBUG, not WARNING: " + record.getMessage());
      assertNull(record.getThrown(), "no stack trace for a reset");
    }
  }

  @Test
  void anUnexpectedHandlerFailureKeepsItsWarningAndStackTrace() throws Exception {
    try (LogCapture log = LogCapture.of("dev.weft.net.TcpServer");
        EventLoopGroup group = new EventLoopGroup(1);
        TcpServer server = TcpServer.start(group, loopback(), c -> {
          throw new IllegalStateException("handler bug (expected by the test)");
        })) {
      try (Socket peer = new Socket(server.localAddress().getAddress(),
          server.localAddress().getPort())) {
        assertEquals(-1, peer.getInputStream().read(), "the failed handler's connection closed");
      }
      while (log.records.isEmpty()) {
        Thread.onSpinWait();
      }
      LogRecord record = log.records.get(0);
      assertEquals(Level.WARNING, record.getLevel());
      assertTrue(record.getThrown() instanceof IllegalStateException);
    }
  }
}
