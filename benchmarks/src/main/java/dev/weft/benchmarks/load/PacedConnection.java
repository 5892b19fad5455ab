package dev.weft.benchmarks.load;

import dev.weft.benchmarks.http.HttpWire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * One connection of {@link RateLoad} on its own thread: sends a request when its {@link Pacer}
 * says it is due (at once if it is late), reads the whole answer, checks it against the shared
 * bytes, and records its latency if it was due inside the measured window. Stops at the first
 * error, or with the first request due after the window.
 */
final class PacedConnection implements Runnable {
  private static final byte[] EXPECTED = HttpWire.helloResponse();

  private final Socket socket;
  private final byte[] request;
  private final Pacer pacer;
  private final long measureFrom;
  private final long measureTo;
  final Histogram corrected = new Histogram(3);
  final Histogram uncorrected = new Histogram(3);
  /** Requests sent during warm-up and measurement, answered correctly. */
  long answered;
  /** What went wrong, or null. */
  volatile String error;

  PacedConnection(Socket socket, String host, String path, Pacer pacer, long measureFrom,
      long measureTo) {
    this.socket = socket;
    this.request = ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    this.pacer = pacer;
    this.measureFrom = measureFrom;
    this.measureTo = measureTo;
  }

  @Override
  public void run() {
    byte[] answer = new byte[EXPECTED.length];
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      while (true) {
        long due = pacer.due();
        if (due - measureTo >= 0) {
          return;
        }
        for (long wait; (wait = due - System.nanoTime()) > 0; ) {
          LockSupport.parkNanos(wait);
        }
        out.write(request);
        out.flush();
        pacer.sent(System.nanoTime());
        readFully(in, answer);
        if (!Arrays.equals(answer, EXPECTED)) {
          error = "answer " + (answered + 1) + " differs from the shared bytes: "
              + new String(answer, StandardCharsets.US_ASCII);
          return;
        }
        boolean measured = due - measureFrom >= 0;
        pacer.answered(System.nanoTime(), measured ? corrected : null,
            measured ? uncorrected : null);
        answered++;
      }
    } catch (IOException e) {
      error = e.toString();
    }
  }

  private static void readFully(InputStream in, byte[] into) throws IOException {
    for (int n = 0; n < into.length; ) {
      int r = in.read(into, n, into.length - n);
      if (r < 0) {
        throw new IOException("the server closed the connection after " + n + " bytes of an answer");
      }
      n += r;
    }
  }
}
