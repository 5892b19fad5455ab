package dev.weft.benchmarks.http;

import dev.weft.EventLoop;
import dev.weft.Task;
import dev.weft.http.Transport;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A {@link Transport} that records the server-side latency of {@link WeftHelloServer}'s requests
 * ({@link ServerLatency}): from the read that brought a request's bytes to the completion of the
 * write of its answer. {@code weft-http} writes the answers of one read in one gathered write,
 * one buffer per answer, so a write of n buffers answers n requests read at the last read. Used
 * on its connection's loop thread only.
 */
final class TimedTransport implements Transport {
  private final Transport inner;
  /** When the last read that returned bytes completed ({@link System#nanoTime}). */
  private long readAt;

  TimedTransport(Transport inner) {
    this.inner = inner;
  }

  @Override
  public Task<Integer> read(ByteBuffer dst) {
    Task<Integer> read = inner.read(dst);
    if (ServerLatency.on()) {
      if (read.isDone()) {
        readAt = System.nanoTime();
      } else {
        read.whenComplete((n, e) -> readAt = System.nanoTime());
      }
    }
    return read;
  }

  @Override
  public Task<Void> readable() {
    return inner.readable();
  }

  @Override
  public Task<Void> write(ByteBuffer... srcs) {
    Task<Void> write = inner.write(srcs);
    if (ServerLatency.on()) {
      long read = readAt;
      int answers = srcs.length;
      if (write.isDone()) {
        ServerLatency.record(read, answers);
      } else {
        write.whenComplete((v, e) -> ServerLatency.record(read, answers));
      }
    }
    return write;
  }

  @Override
  public EventLoop loop() {
    return inner.loop();
  }

  @Override
  public InetSocketAddress remoteAddress() {
    return inner.remoteAddress();
  }

  @Override
  public boolean isClosed() {
    return inner.isClosed();
  }

  @Override
  public void close() {
    inner.close();
  }
}
