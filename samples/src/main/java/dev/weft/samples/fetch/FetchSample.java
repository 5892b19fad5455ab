package dev.weft.samples.fetch;

import static dev.weft.Task.await;

import dev.weft.EventLoop;
import dev.weft.EventLoopGroup;
import dev.weft.Promise;
import dev.weft.Task;
import dev.weft.annotations.Async;
import dev.weft.http.Connector;
import dev.weft.http.HttpClientConnection;
import dev.weft.http.HttpRequest;
import dev.weft.http.HttpResponse;
import dev.weft.samples.Options;
import dev.weft.samples.Sample;
import dev.weft.sync.Semaphore;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code fetch [--port 8080] [--connections 100] [--requests 10] [--concurrency N] [--path /]
 * [--timeout-seconds 30]}: an
 * HTTP client that opens {@code --connections} keep-alive connections to the local server, holds
 * them all open at once, and sends {@code --requests} requests on each, at most {@code
 * --concurrency} in flight over all connections (a {@link Semaphore} bounds them). Each connection
 * is a weft-http {@link HttpClientConnection}, held by its client rather than pooled, so that all
 * of them stay open at once. It checks every
 * response (status 200; for {@code /}, the exact body) and exits 1 if any request or connection
 * failed. Connecting and each response have a time limit ({@code --timeout-seconds}, 30 by
 * default); one that runs out fails with {@link java.util.concurrent.TimeoutException} and the read
 * it waited for is cancelled.
 */
public final class FetchSample implements Sample {
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicInteger connectFailures = new AtomicInteger();
  private final AtomicInteger firstFailuresShown = new AtomicInteger();

  @Override
  public String summary() {
    return "HTTP client: many keep-alive connections to the local server, bounded concurrency "
        + "[--port 8080] [--connections 100] [--requests 10] [--concurrency N] [--path /]";
  }

  @Override
  public boolean run(String[] args) throws Exception {
    Options o = Options.parse("fetch", args,
        Set.of("host", "port", "connections", "requests", "concurrency", "path", "loops",
            "timeout-seconds"));
    InetSocketAddress address =
        new InetSocketAddress(o.value("host", "127.0.0.1"), o.intValue("port", 8080));
    int connections = o.intValue("connections", 100);
    int requests = o.intValue("requests", 10);
    Plan plan = new Plan(address, connections, requests, o.value("path", "/"),
        new Semaphore(o.intValue("concurrency", connections)),
        Duration.ofSeconds(o.intValue("timeout-seconds", 30)));
    long start = System.nanoTime();
    try (EventLoopGroup group =
        new EventLoopGroup(o.intValue("loops", Runtime.getRuntime().availableProcessors()))) {
      List<EventLoop> loops = group.loops();
      Promise<Void> done = Task.promise();
      AtomicInteger finished = new AtomicInteger();
      for (int i = 0; i < connections; i++) {
        loops.get(i % loops.size()).execute(() -> client(plan).whenComplete((v, e) -> {
          if (e != null) {
            fail(e);
          }
          if (finished.incrementAndGet() == connections) {
            done.complete(null);
          }
        }));
      }
      done.join();
    }
    return report(plan, (System.nanoTime() - start) / 1_000_000);
  }

  /** What every client does, and the barrier that holds them until all are connected. */
  private static final class Plan {
    final InetSocketAddress address;
    final int connections;
    final int requests;
    final String path;
    final Semaphore inFlight;
    final Duration timeout;
    final HttpRequest request;
    final Promise<Void> allOpen = Task.promise();
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger maxOpen = new AtomicInteger();
    final AtomicInteger open = new AtomicInteger();

    Plan(InetSocketAddress address, int connections, int requests, String path, Semaphore sem,
        Duration timeout) {
      this.timeout = timeout;
      this.address = address;
      this.connections = connections;
      this.requests = requests;
      this.path = path;
      this.inFlight = sem;
      this.request = HttpRequest.get("http://" + address.getHostString() + ":" + address.getPort()
          + path);
    }

    /** Counts one connection as settled (open or failed); opens the barrier at the last one. */
    void settled() {
      if (opened.incrementAndGet() == connections) {
        allOpen.complete(null);
      }
    }
  }

  /** One connection: connect, wait until all are connected, send the requests, check each. */
  @Async
  private Task<Void> client(Plan plan) {
    HttpClientConnection connection;
    try {
      connection = await(Task.timeout(HttpClientConnection.open(Connector.plain(),
          plan.address.getHostString(), plan.address.getPort(), EventLoop.currentOrNext(),
          Duration.ZERO), plan.timeout));
    } catch (Exception e) {
      connectFailures.incrementAndGet();
      plan.settled();
      return Task.failed(e);
    }
    plan.maxOpen.accumulateAndGet(plan.open.incrementAndGet(), Math::max);
    plan.settled();
    try {
      await(plan.allOpen);
      for (int r = 0; r < plan.requests; r++) {
        await(plan.inFlight.acquire());
        try {
          check(plan, await(Task.timeout(connection.send(plan.request), plan.timeout)));
        } finally {
          plan.inFlight.release();
        }
      }
    } finally {
      plan.open.decrementAndGet();
      connection.close();
    }
    return Task.completed(null);
  }

  private void check(Plan plan, HttpResponse response) {
    boolean good = response.status() == 200
        && (!plan.path.equals("/") || response.bodyText().equals("Hello, World!"));
    if (good) {
      ok.incrementAndGet();
    } else {
      fail(new IllegalStateException("unexpected response " + response));
    }
  }

  private void fail(Throwable e) {
    failed.incrementAndGet();
    if (firstFailuresShown.incrementAndGet() <= 5) {
      System.err.println("fetch: " + e);
    }
  }

  private boolean report(Plan plan, long wallMs) {
    long expected = (long) plan.connections * plan.requests;
    boolean good = ok.get() == expected && failed.get() == 0 && connectFailures.get() == 0;
    System.out.printf("fetch: %,d connections (%,d open at once), %,d requests: %,d ok, %,d failed"
            + " in %,d ms (%,.0f requests/s)%n",
        plan.connections, plan.maxOpen.get(), expected, ok.get(), failed.get(), wallMs,
        ok.get() * 1000.0 / Math.max(1, wallMs));
    if (connectFailures.get() > 0) {
      System.out.printf("fetch: %,d connections failed to open%n", connectFailures.get());
    }
    return good;
  }
}
