package dev.weft.benchmarks.load;

import dev.weft.benchmarks.http.HttpWire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLSocket;
import org.HdrHistogram.Histogram;

/**
 * One connection of {@link RateLoad} on its own thread: sends a request when its {@link Pacer}
 * says it is due (at once if it is late), reads the whole answer, checks it against the shared
 * bytes, and records its latency if it was due inside the measured window. Stops at the first
 * error, or with the first request due after the window.
 */
final class PacedConnection implements Runnable {
  private static final byte[] EXPECTED = HttpWire.helloResponse();

  /** Opens a connection (and makes its TLS handshake). */
  interface Opener {
    Socket open() throws IOException;
  }

  private final Opener opener;
  private final int reconnectEvery;
  private Socket socket;
  private final byte[] request;
  private final Pacer pacer;
  private final long measureFrom;
  private final long measureTo;
  final Histogram corrected = new Histogram(3);
  final Histogram uncorrected = new Histogram(3);
  /** Requests sent during warm-up and measurement, answered correctly. */
  long answered;
  /** When the last answer arrived ({@link System#nanoTime}). */
  long lastAnswerAt;
  /** What went wrong, or null. */
  volatile String error;

  /**
   * A connection over {@code socket}, closed and opened again with {@code opener} after every
   * {@code reconnectEvery} answers (never if 0), so that connections come and go during the run:
   * over TLS each new one makes a full handshake (the session is invalidated before the close),
   * and the time it takes counts in the latency of the request that waited for it.
   */
  PacedConnection(Socket socket, Opener opener, int reconnectEvery, String host, String path,
      Pacer pacer, long measureFrom, long measureTo) {
    this.socket = socket;
    this.opener = opener;
    this.reconnectEvery = reconnectEvery;
    this.request = ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    this.pacer = pacer;
    this.measureFrom = measureFrom;
    this.measureTo = measureTo;
  }

  @Override
  public void run() {
    byte[] answer = new byte[EXPECTED.length];
    try {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      while (true) {
        if (reconnectEvery > 0 && answered > 0 && answered % reconnectEvery == 0) {
          if (socket instanceof SSLSocket) {
            ((SSLSocket) socket).getSession().invalidate(); // the next handshake is a full one
          }
          socket.close();
          socket = opener.open();
          in = socket.getInputStream();
          out = socket.getOutputStream();
        }
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
        lastAnswerAt = System.nanoTime();
        pacer.answered(lastAnswerAt, measured ? corrected : null,
            measured ? uncorrected : null);
        answered++;
      }
    } catch (IOException e) {
      error = e.toString();
    } finally {
      try {
        socket.close();
      } catch (IOException e) {
        // going away anyway
      }
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
