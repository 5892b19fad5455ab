package dev.weft.samples.http;

import dev.weft.EventLoopGroup;
import dev.weft.net.TcpServer;
import dev.weft.samples.Options;
import dev.weft.samples.Sample;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code http [--host 127.0.0.1] [--port 8080] [--loops N] [--seconds S] [--header-timeout-ms
 * 60000] [--idle-timeout-ms 75000]}: an HTTP/1.1 keep-alive server on one event loop per core (or
 * {@code --loops}). {@code GET /} answers {@code Hello, World!}; {@code GET /sleep?ms=N} answers
 * after a non-blocking sleep of N ms. It binds the loopback address unless {@code --host} names
 * another ({@code 0.0.0.0} for every interface). Port 0 picks a free port; the first line printed
 * gives the address and port actually bound. A request head not complete within the header
 * timeout is answered 408; a kept-alive connection idle for the idle timeout is closed (see {@link
 * Timeouts}). It runs until stopped (Ctrl-C), or for {@code --seconds}, and then closes
 * gracefully: it stops accepting and gives open connections five seconds.
 */
public final class HttpServerSample implements Sample {
  private static final Duration GRACE = Duration.ofSeconds(5);

  @Override
  public String summary() {
    return "HTTP/1.1 keep-alive server: GET / and GET /sleep?ms=N [--host 127.0.0.1] [--port 8080]"
        + " [--loops N] [--header-timeout-ms 60000] [--idle-timeout-ms 75000]";
  }

  @Override
  public boolean run(String[] args) throws Exception {
    Options options = Options.parse("http", args,
        Set.of("host", "port", "loops", "seconds", "header-timeout-ms", "idle-timeout-ms"));
    InetSocketAddress address = options.bindAddress(8080);
    int loops = options.intValue("loops", Runtime.getRuntime().availableProcessors());
    int seconds = options.intValue("seconds", 0);
    Timeouts timeouts = timeouts(options);
    EventLoopGroup group = new EventLoopGroup(loops);
    TcpServer server = TcpServer.start(group, address,
        connection -> new HttpConnection(connection, timeouts).serve());
    System.out.printf("http: listening on http://%s/ with %d event loop(s)%n",
        Options.hostAndPort(server.localAddress()), loops);
    System.out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> stop(server, group, stopped), "http-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    if (seconds > 0) {
      stopped.await(seconds, TimeUnit.SECONDS);
      Runtime.getRuntime().removeShutdownHook(hook);
      stop(server, group, stopped);
    } else {
      stopped.await();
    }
    return true;
  }

  private static Timeouts timeouts(Options options) {
    int header = options.intValue("header-timeout-ms", Timeouts.DEFAULT_HEADER_MILLIS);
    int idle = options.intValue("idle-timeout-ms", Timeouts.DEFAULT_IDLE_MILLIS);
    if (header <= 0 || idle <= 0) {
      throw new Options.UsageError("http: --header-timeout-ms and --idle-timeout-ms must be"
          + " positive, got " + header + " and " + idle);
    }
    return Timeouts.ofMillis(header, idle);
  }

  private static void stop(TcpServer server, EventLoopGroup group, CountDownLatch stopped) {
    if (stopped.getCount() == 0) {
      return;
    }
    server.closeGracefully(GRACE).join();
    group.close();
    System.out.println("http: stopped");
    stopped.countDown();
  }
}
