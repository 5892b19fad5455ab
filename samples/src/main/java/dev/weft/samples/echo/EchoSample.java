package dev.weft.samples.echo;

import static dev.weft.Task.await;

import dev.weft.EventLoopGroup;
import dev.weft.Task;
import dev.weft.TcpConnection;
import dev.weft.TcpServer;
import dev.weft.annotations.Async;
import dev.weft.samples.Options;
import dev.weft.samples.Sample;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code echo [--port 7007] [--loops N] [--seconds S]}: a TCP echo server. Each connection is one
 * {@code @Async} loop: read, write back what was read, until the client half-closes; then it
 * half-closes too. Try it with {@code nc 127.0.0.1 7007}.
 */
public final class EchoSample implements Sample {
  private static final int BUFFER = 8192;

  @Override
  public String summary() {
    return "TCP echo server, one @Async loop per connection [--port 7007] [--loops N]";
  }

  @Override
  public boolean run(String[] args) throws Exception {
    Options options = Options.parse("echo", args, Set.of("port", "loops", "seconds"));
    int port = options.intValue("port", 7007);
    int loops = options.intValue("loops", Runtime.getRuntime().availableProcessors());
    int seconds = options.intValue("seconds", 0);
    EventLoopGroup group = new EventLoopGroup(loops);
    TcpServer server = TcpServer.start(group, new InetSocketAddress(port), EchoSample::echo);
    System.out.printf("echo: listening on 127.0.0.1:%d with %d event loop(s)%n",
        server.localAddress().getPort(), loops);
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
