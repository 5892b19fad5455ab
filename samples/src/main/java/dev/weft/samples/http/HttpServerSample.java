package dev.weft.samples.http;

import dev.weft.EventLoopGroup;
import dev.weft.TcpServer;
import dev.weft.samples.Options;
import dev.weft.samples.Sample;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code http [--port 8080] [--loops N] [--seconds S]}: an HTTP/1.1 keep-alive server on one event
 * loop per core (or {@code --loops}). {@code GET /} answers {@code Hello, World!}; {@code GET
 * /sleep?ms=N} answers after a non-blocking sleep of N ms. Port 0 picks a free port; the first
 * line printed says which. It runs until stopped (Ctrl-C), or for {@code --seconds}, and then
 * closes gracefully: it stops accepting and gives open connections five seconds.
 */
public final class HttpServerSample implements Sample {
  private static final Duration GRACE = Duration.ofSeconds(5);

  @Override
  public String summary() {
    return "HTTP/1.1 keep-alive server: GET / and GET /sleep?ms=N [--port 8080] [--loops N]";
  }

  @Override
  public boolean run(String[] args) throws Exception {
    Options options = Options.parse("http", args, Set.of("port", "loops", "seconds"));
    int port = options.intValue("port", 8080);
    int loops = options.intValue("loops", Runtime.getRuntime().availableProcessors());
    int seconds = options.intValue("seconds", 0);
    EventLoopGroup group = new EventLoopGroup(loops);
    TcpServer server = TcpServer.start(group, new InetSocketAddress(port),
        connection -> new HttpConnection(connection).serve());
    System.out.printf("http: listening on http://127.0.0.1:%d/ with %d event loop(s)%n",
        server.localAddress().getPort(), loops);
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
