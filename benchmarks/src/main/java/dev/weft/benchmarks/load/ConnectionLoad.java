package dev.weft.benchmarks.load;

import dev.weft.benchmarks.http.HttpWire;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Holds many keep-alive HTTP connections open at once and checks every response byte for byte.
 *
 * <pre>
 * java -cp benchmarks/target/classes dev.weft.benchmarks.load.ConnectionLoad \
 *     --host 127.0.0.1 --port 8080 --connections 10000 --requests 1 [--path /] [--idle-seconds 30]
 * </pre>
 *
 * <p>Phases, each finished on every connection before the next starts:
 *
 * <ol>
 *   <li><b>connect</b>: opens {@code --connections} connections (at most {@code --connect-batch}
 *       connects in flight), all of which stay open until the end;
 *   <li><b>requests</b>: sends {@code --requests} requests on each connection, one after the
 *       other (the next once the previous response is complete), all connections concurrently;
 *       each response must equal {@link HttpWire#helloResponse()};
 *   <li><b>idle</b>: keeps every connection open for {@code --idle-seconds} without traffic; a
 *       connection the server closes, or on which it sends anything, counts as lost. The line
 *       {@code idle: holding N connections for S s} is printed when this phase starts (scripts
 *       wait for it to measure the server).
 * </ol>
 *
 * <p>Then it closes everything and prints {@code result: connections ok=.. failed=.., requests
 * ok=.. failed=..}. Exit status 0 only if every connection survived and every request got the
 * right response; 1 otherwise; 2 for bad arguments. The whole run is bounded by {@code
 * --timeout-seconds} (default 300, idle time excluded): a phase that does not finish in time
 * counts what is missing as failed.
 *
 * <p>Runs in its own process; uses only the JDK (no JMH), so {@code benchmarks/target/classes}
 * is a sufficient class path. Needs one file descriptor per connection ({@code ulimit -n}).
 */
public final class ConnectionLoad {

  private ConnectionLoad() {}

  /** Runs the load as described in the class comment and exits the JVM with its status. */
  public static void main(String[] args) throws InterruptedException {
    LoadSettings settings;
    try {
      settings = LoadSettings.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    System.exit(run(settings) ? 0 : 1);
  }

  /**
   * Runs the load on the calling thread's behalf and returns whether everything succeeded.
   * Prints progress and the result line to standard output.
   *
   * @throws InterruptedException if the calling thread is interrupted while waiting
   */
  public static boolean run(LoadSettings settings) throws InterruptedException {
    int threads = Math.min(settings.threads(), settings.connections());
    LoadWorker[] workers = new LoadWorker[threads];
    InetSocketAddress address = new InetSocketAddress(settings.host(), settings.port());
    byte[] request = HttpWire.getRequest(settings.path(), settings.host());
    PhaseBarrier barrier = new PhaseBarrier(threads);
    for (int i = 0; i < threads; i++) {
      int share = settings.connections() / threads + (i < settings.connections() % threads ? 1 : 0);
      int batch = Math.max(1, settings.connectBatch() / threads);
      workers[i] = new LoadWorker(i, address, share, batch, request, settings.requests(), barrier);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.timeoutSeconds());
    for (LoadWorker worker : workers) {
      worker.start();
    }

    long t0 = System.nanoTime();
    boolean connected = barrier.await(LoadWorker.Phase.CONNECT, deadline);
    long t1 = System.nanoTime();
    System.out.printf("connect: %d ok, %d failed in %d ms%s%n",
        sum(workers, LoadWorker::connected), sum(workers, LoadWorker::connectFailures),
        TimeUnit.NANOSECONDS.toMillis(t1 - t0), connected ? "" : " (timed out)");

    advance(workers, LoadWorker.Phase.REQUESTS);
    boolean answered = barrier.await(LoadWorker.Phase.REQUESTS, deadline);
    long t2 = System.nanoTime();
    long requestsOk = sum(workers, LoadWorker::requestsOk);
    System.out.printf("requests: %d ok in %d ms (%.0f req/s)%s%n", requestsOk,
        TimeUnit.NANOSECONDS.toMillis(t2 - t1), requestsOk * 1e9 / Math.max(1, t2 - t1),
        answered ? "" : " (timed out)");

    advance(workers, LoadWorker.Phase.IDLE);
    System.out.printf("idle: holding %d connections for %d s%n",
        sum(workers, LoadWorker::open), settings.idleSeconds());
    System.out.flush();
    Thread.sleep(TimeUnit.SECONDS.toMillis(settings.idleSeconds()));

    advance(workers, LoadWorker.Phase.DONE);
    for (LoadWorker worker : workers) {
      worker.join();
    }
    long open = sum(workers, LoadWorker::open);
    long connectionsFailed = settings.connections() - open;
    long requestsFailed = (long) settings.connections() * settings.requests() - requestsOk;
    System.out.printf("result: connections ok=%d failed=%d, requests ok=%d failed=%d%n",
        open, connectionsFailed, requestsOk, requestsFailed);
    return connectionsFailed == 0 && requestsFailed == 0;
  }

  private static void advance(LoadWorker[] workers, LoadWorker.Phase phase) {
    for (LoadWorker worker : workers) {
      worker.advance(phase);
    }
  }

  private static long sum(LoadWorker[] workers, java.util.function.ToLongFunction<LoadWorker> f) {
    long total = 0;
    for (LoadWorker worker : workers) {
      total += f.applyAsLong(worker);
    }
    return total;
  }
}
