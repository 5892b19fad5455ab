package dev.weft.benchmarks.load;

import dev.weft.benchmarks.http.Flags;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * A constant-rate HTTP/1.1 load client that corrects coordinated omission, in the manner of wrk2's
 * {@code -R}: {@code --connections} keep-alive connections, each on its own thread (virtual on JDK
 * 21 and later: run it on JDK 25), each sending
 * its share of {@code --rate} requests per second on a fixed schedule ({@link Pacer}), one request
 * at a time, with every latency counted from the request's intended send time. Runs {@code
 * --warmup} seconds unrecorded, then records {@code --seconds}.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.weft.benchmarks.load.RateLoad --port 8081 \
 *     --rate 30000 [--connections 100] [--seconds 10] [--warmup 10] [--tls true] [--path /] \
 *     [--server-log FILE] [--label NAME] [--reconnect N]</pre>
 *
 * <p>Prints the achieved rate and the p50, p90, p99, p99.9 and max latency in milliseconds,
 * corrected (from the intended send) and uncorrected (from the actual send, what wrk reports),
 * and, with {@code --server-log}, the server's own latency over the same seconds from the log
 * {@code -Dbench.latencyLog} makes it write ({@code dev.weft.benchmarks.http.ServerLatency}).
 * The last line is tab-separated for scripts: {@code row label rate requests errors} and the five
 * corrected, five uncorrected and five server figures. With {@code --tls true} every certificate
 * is accepted (the servers' are self-signed). With {@code --reconnect N}, each connection closes
 * and opens again after every N answers (over TLS with a full handshake), so that handshakes run
 * during the measurement beside the requests of the other connections; the reconnection counts
 * in the latency of the request that waited for it. Exit status 1 if a connection failed.
 */
public final class RateLoad {
  private static final double[] PERCENTILES = {50, 90, 99, 99.9, 100};

  private RateLoad() {}

  public static void main(String[] args) throws Exception {
    Flags flags = Flags.parse("RateLoad", args, Set.of("host", "port", "rate", "connections",
        "seconds", "warmup", "tls", "path", "server-log", "label", "reconnect"));
    String host = flags.string("host", "127.0.0.1");
    int port = flags.integer("port", 8080, 1);
    int rate = flags.integer("rate", 10_000, 1);
    int connections = flags.integer("connections", 100, 1);
    int seconds = flags.integer("seconds", 10, 1);
    int warmup = flags.integer("warmup", 10, 0);
    boolean tls = Boolean.parseBoolean(flags.string("tls", "false"));
    String path = flags.string("path", "/");
    String serverLog = flags.string("server-log", null);
    String label = flags.string("label", host + ":" + port);
    int reconnect = flags.integer("reconnect", 0, 0);
    System.exit(run(host, port, rate, connections, seconds, warmup, tls, path, serverLog, label,
        reconnect, System.out) ? 0 : 1);
  }

  static boolean run(String host, int port, int rate, int connections, int seconds, int warmup,
      boolean tls, String path, String serverLog, String label, int reconnect, PrintStream out)
      throws IOException, InterruptedException, GeneralSecurityException {
    List<Socket> sockets = new ArrayList<>();
    SSLContext context = tls ? trustingContext() : null;
    for (int i = 0; i < connections; i++) {
      sockets.add(open(host, port, context));
    }
    long period = Math.max(1, TimeUnit.SECONDS.toNanos(connections) / rate);
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
    long measureFrom = start + TimeUnit.SECONDS.toNanos(warmup);
    long measureTo = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
    long wallFrom = System.currentTimeMillis() + TimeUnit.NANOSECONDS.toMillis(measureFrom - System.nanoTime());
    List<PacedConnection> all = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      Pacer pacer = new Pacer(start + period * i / connections, period); // spread evenly
      PacedConnection c = new PacedConnection(sockets.get(i), () -> open(host, port, context),
          reconnect, host, path, pacer, measureFrom, measureTo);
      Thread t = newThread(c, "paced-" + i);
      all.add(c);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    long wallTo = wallFrom + TimeUnit.SECONDS.toMillis(seconds);
    Histogram corrected = new Histogram(3);
    Histogram uncorrected = new Histogram(3);
    int errors = 0;
    long last = measureTo;
    for (PacedConnection c : all) {
      if (c.lastAnswerAt - last > 0) {
        last = c.lastAnswerAt;
      }
      corrected.add(c.corrected);
      uncorrected.add(c.uncorrected);
      if (c.error != null) {
        if (errors++ < 5) {
          System.err.println("RateLoad: " + c.error);
        }
      }
    }
    Histogram server = serverLog == null ? null : serverSide(new File(serverLog), wallFrom, wallTo);
    double took = (last - measureFrom) / 1e9; // the window, or longer if answers came late
    report(out, label, rate, took, tls, connections, corrected, uncorrected, server, errors);
    return errors == 0;
  }

  /**
   * A virtual thread where the JDK has them (21 and later; this module compiles for 17), else a
   * daemon platform thread. With a hundred connections, a platform thread each costs two kernel
   * context switches per request, and on a busy core the client itself became the bottleneck:
   * against the NIO baseline it sent 2,400 of 5,000 req/s asked while wrk reached 12,000.
   */
  static Thread newThread(Runnable body, String name) {
    try {
      Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
      Class<?> type = Class.forName("java.lang.Thread$Builder");
      builder = type.getMethod("name", String.class).invoke(builder, name);
      return (Thread) type.getMethod("unstarted", Runnable.class).invoke(builder, body);
    } catch (ReflectiveOperationException e) {
      Thread t = new Thread(body, name);
      t.setDaemon(true);
      return t;
    }
  }

  private static Socket open(String host, int port, SSLContext tls) throws IOException {
    Socket socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(host, port), 10_000);
    socket.setSoTimeout(30_000);
    if (tls == null) {
      return socket;
    }
    SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(socket, host, port, true);
    s.startHandshake();
    return s;
  }

  /** Sums the server's interval histograms that start inside [from, to) (epoch milliseconds). */
  static Histogram serverSide(File log, long from, long to) throws IOException, InterruptedException {
    Thread.sleep(1500); // the server writes each second's histogram a second later
    Histogram sum = new Histogram(3);
    try (HistogramLogReader reader = new HistogramLogReader(log)) {
      for (EncodableHistogram h; (h = reader.nextAbsoluteIntervalHistogram(from / 1000.0, to / 1000.0)) != null; ) {
        sum.add((Histogram) h);
      }
    }
    return sum;
  }

  private static void report(PrintStream out, String label, int rate, double seconds, boolean tls,
      int connections, Histogram corrected, Histogram uncorrected, Histogram server, int errors) {
    long requests = corrected.getTotalCount();
    out.printf(Locale.ROOT, "%s: %s, %d connections, %d req/s asked: %.0f req/s done in %.1f s (%d requests), %d failed connections%n",
        label, tls ? "https" : "http", connections, rate, requests / (double) seconds, seconds, requests, errors);
    out.println("  corrected   (from the intended send), ms: " + line(corrected));
    out.println("  uncorrected (from the actual send),   ms: " + line(uncorrected));
    if (server != null) {
      out.println("  server      (read to write),          ms: " + line(server) + "  (" + server.getTotalCount() + " requests)");
    }
    StringBuilder row = new StringBuilder("row\t" + label + "\t" + rate + "\t"
        + String.format(Locale.ROOT, "%.0f", requests / (double) seconds) + "\t" + errors);
    for (Histogram h : new Histogram[] {corrected, uncorrected, server}) {
      for (double p : PERCENTILES) {
        row.append('\t').append(h == null || h.getTotalCount() == 0 ? "" : ms(h.getValueAtPercentile(p)));
      }
    }
    out.println(row);
  }

  private static String line(Histogram h) {
    if (h.getTotalCount() == 0) {
      return "no requests";
    }
    return "p50 " + ms(h.getValueAtPercentile(50)) + "  p90 " + ms(h.getValueAtPercentile(90))
        + "  p99 " + ms(h.getValueAtPercentile(99)) + "  p99.9 " + ms(h.getValueAtPercentile(99.9))
        + "  max " + ms(h.getMaxValue());
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
  }

  /** A client context that accepts any certificate: the benchmark servers' are self-signed. */
  private static SSLContext trustingContext() throws GeneralSecurityException {
    TrustManager all = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String type) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String type) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {all}, null);
    return context;
  }
}
