package dev.weft.benchmarks.http;

import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.PrintStream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

/**
 * The server-side latency of the benchmark servers: per request, from the moment the server read
 * the request's bytes to the moment the write of its answer returned (or completed), in
 * nanoseconds, into an HdrHistogram {@link Recorder}. Off unless the system property {@value
 * #PROPERTY} names a file; then a daemon thread appends the interval histogram of every second
 * to it, in HdrHistogram's log format with absolute time stamps (seconds since the epoch), and
 * {@code RateLoad --server-log FILE} reads back the seconds of its own measurement.
 *
 * <p>It shows how long a request spent inside the server once read; time spent in the kernel's
 * socket buffer before the server reads it (a loop busy elsewhere) is not in it, and is in the
 * client's figure. Only requests answered at once are recorded ({@code /sleep} is not).
 *
 * <p>{@link #record} may be called from any thread.
 */
public final class ServerLatency {
  /** System property: the log file to write; unset, nothing is recorded. */
  public static final String PROPERTY = "bench.latencyLog";
  private static final long INTERVAL_MILLIS = 1000;
  private static final Recorder RECORDER = start(System.getProperty(PROPERTY));

  private ServerLatency() {}

  /** Whether latencies are recorded. */
  public static boolean on() {
    return RECORDER != null;
  }

  /** Records {@code count} requests read at {@code readNanos} ({@link System#nanoTime}) and answered now. */
  public static void record(long readNanos, int count) {
    if (RECORDER != null && count > 0) {
      RECORDER.recordValueWithCount(Math.max(0, System.nanoTime() - readNanos), count);
    }
  }

  private static Recorder start(String path) {
    if (path == null || path.isEmpty()) {
      return null;
    }
    PrintStream out;
    try {
      out = new PrintStream(new FileOutputStream(path), true);
    } catch (FileNotFoundException e) {
      throw new IllegalArgumentException("ServerLatency: cannot write -D" + PROPERTY + "=" + path + ": " + e, e);
    }
    Recorder recorder = new Recorder(3);
    HistogramLogWriter log = new HistogramLogWriter(out);
    log.outputLogFormatVersion();
    log.outputStartTime(System.currentTimeMillis());
    log.outputLegend();
    Thread writer = new Thread(() -> writeEverySecond(recorder, log), "latency-log");
    writer.setDaemon(true);
    writer.start();
    return recorder;
  }

  private static void writeEverySecond(Recorder recorder, HistogramLogWriter log) {
    Histogram interval = null;
    long start = System.currentTimeMillis();
    while (true) {
      try {
        Thread.sleep(INTERVAL_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      interval = recorder.getIntervalHistogram(interval);
      long end = System.currentTimeMillis();
      log.outputIntervalHistogram(start / 1000.0, end / 1000.0, interval, 1e6); // ms in the text
      start = end;
    }
  }
}
