package dev.weft.net;

import dev.weft.*;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/** Callback-driven TCP peers for tests (runtime tests cannot use woven {@code @Async} code). */
final class TcpSupport {
  private TcpSupport() {}

  /** The loopback address with port 0 (any free port). */
  static InetSocketAddress loopback() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }

  /** Echoes what {@code c} reads until end of stream, then completes (it does not close). */
  static CompletableFuture<Void> echo(TcpConnection c) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    echoNext(c, ByteBuffer.allocate(4096), done);
    return done;
  }

  private static void echoNext(TcpConnection c, ByteBuffer buf, CompletableFuture<Void> done) {
    buf.clear();
    c.read(buf).whenCompleteAsync((n, e) -> {
      if (e != null) {
        done.completeExceptionally(e);
      } else if (n < 0) {
        done.complete(null);
      } else {
        buf.flip();
        c.write(buf).whenCompleteAsync((v, e2) -> {
          if (e2 != null) {
            done.completeExceptionally(e2);
          } else {
            echoNext(c, buf, done);
          }
        }, c.loop());
      }
    }, c.loop());
  }

  /** Everything {@code c} reads until end of stream. */
  static CompletableFuture<byte[]> readAll(TcpConnection c) {
    CompletableFuture<byte[]> done = new CompletableFuture<>();
    readNext(c, ByteBuffer.allocate(8192), new ByteArrayOutputStream(), done);
    return done;
  }

  private static void readNext(TcpConnection c, ByteBuffer buf, ByteArrayOutputStream out,
      CompletableFuture<byte[]> done) {
    buf.clear();
    c.read(buf).whenCompleteAsync((n, e) -> {
      if (e != null) {
        done.completeExceptionally(e);
      } else if (n < 0) {
        done.complete(out.toByteArray());
      } else {
        out.write(buf.array(), 0, n);
        readNext(c, buf, out, done);
      }
    }, c.loop());
  }

  /** {@code size} bytes of a pattern that depends on {@code seed}, to detect reordering. */
  static byte[] pattern(int size, int seed) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (i * 31 + seed + (i >>> 8));
    }
    return b;
  }
}
