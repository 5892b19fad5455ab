package dev.weft.samples.echo;

import static dev.weft.Task.await;

import dev.weft.EventLoopGroup;
import dev.weft.Task;
import dev.weft.annotations.Async;
import dev.weft.net.TcpConnection;
import dev.weft.net.TcpServer;
import dev.weft.samples.Options;
import dev.weft.samples.Sample;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code echo [--host 127.0.0.1] [--port 7007] [--loops N] [--seconds S] [--idle-timeout-ms
 * 300000]}: a TCP echo server, on the loopback address unless {@code --host} names another. Each
 * connection is one {@code @Async} loop: read, write back what was read, until the client
 * half-closes; then it half-closes too. A connection idle for the idle timeout (0: none) is
 * closed. Try it with {@code nc 127.0.0.1 7007}.
 */
public final class EchoSample implements Sample {
  private static final int BUFFER = 8192;

  @Override
  public String summary() {
    return "TCP echo server, one @Async loop per connection [--host 127.0.0.1] [--port 7007]"
        + " [--loops N] [--idle-timeout-ms 300000]";
  }

  @Override
  public boolean run(String[] args) throws Exception {
    Options options =
        Options.parse("echo", args, Set.of("host", "port", "loops", "seconds", "idle-timeout-ms"));
    InetSocketAddress address = options.bindAddress(7007);
    int idleMillis = options.intValue("idle-timeout-ms", 300_000);
    if (idleMillis < 0) {
      throw new Options.UsageError("echo: --idle-timeout-ms must be 0 (none) or positive, got "
          + idleMillis);
    }
    int loops = options.intValue("loops", Runtime.getRuntime().availableProcessors());
    int seconds = options.intValue("seconds", 0);
    EventLoopGroup group = new EventLoopGroup(loops);
    TcpServer server = TcpServer.start(
        group, address, Duration.ofMillis(idleMillis), EchoSample::echo); // sheds idle clients
    System.out.printf("echo: listening on %s with %d event loop(s)%n",
        Options.hostAndPort(server.localAddress()), loops);
    System.out.flush();
    CountDownLatch forever = new CountDownLatch(1);
    if (seconds > 0) {
      forever.await(seconds, TimeUnit.SECONDS);
    } else {
      forever.await();
    }
    server.closeGracefully(Duration.ofSeconds(5)).join();
    group.close();
    return true;
  }

  /** Echoes everything the client sends, then half-closes. */
  @Async
  static Task<Long> echo(TcpConnection connection) {
    ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
    long total = 0;
    while (await(connection.read(buffer)) >= 0) {
      buffer.flip();
      total += buffer.remaining();
      await(connection.write(buffer));
      buffer.clear();
    }
    await(connection.shutdownOutput());
    return Task.completed(total);
  }
}
