package dev.weft.benchmarks.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * The virtual-thread peer: blocking {@link ServerSocket}, one virtual thread per connection,
 * requests parsed by hand. Needs JDK 21 or newer at run time (the module compiles for Java 17,
 * so the virtual-thread executor is looked up reflectively).
 *
 * <pre>/usr/lib/jvm/temurin-25-jdk-amd64/bin/java -cp benchmarks/target/benchmarks.jar dev.weft.benchmarks.http.VirtualThreadHelloServer --port 8084</pre>
 *
 * <p>Each connection reads into its own buffer (1 KiB, doubled up to {@link
 * HttpWire#MAX_REQUEST_HEAD} x 2 while one request head does not fit), answers all complete
 * requests of a read with one write, and keeps the incomplete rest. {@code GET /sleep?ms=N} is
 * answered after {@code Thread.sleep(N)} on the connection's virtual thread, after the answers
 * to the requests before it have been written. The accept loop runs on the
 * main thread. The number of carrier threads is the JDK's default (the available processors;
 * {@code -Djdk.virtualThreadScheduler.parallelism=N} sets it). With {@code -Dbench.latencyLog},
 * each request is recorded from the read that completed it to the return of the write of its
 * answer ({@link ServerLatency}). Runs until killed.
 */
public final class VirtualThreadHelloServer {

  private static final int RESPONSE_LENGTH = HttpWire.helloResponseLength();
  private static final int RESPONSES_PER_WRITE = 64;
  private static final byte[] RESPONSES = HttpWire.helloResponses(RESPONSES_PER_WRITE);

  private VirtualThreadHelloServer() {}

  /**
   * Starts the server and accepts on the calling thread forever.
   *
   * @param args {@code --port N} (default 8080), {@code --backlog N} (default 4096), {@code
   *     --keystore PATH --storepass PW} for HTTPS (an {@code SSLServerSocket}; each connection's
   *     handshake runs on its own virtual thread at its first read)
   * @throws IOException if the port cannot be bound
   * @throws UnsupportedOperationException on a JDK without virtual threads
   */
  public static void main(String[] args) throws IOException {
    Flags flags = Flags.parse("VirtualThreadHelloServer", args,
        Set.of("port", "backlog", "keystore", "storepass"));
    int port = flags.integer("port", 8080, 0);
    int backlog = flags.integer("backlog", 4096, 1);
    SSLContext tls = KeyStores.serverContext("VirtualThreadHelloServer",
        flags.string("keystore", null), flags.string("storepass", null));
    ExecutorService executor = virtualThreadPerTaskExecutor();
    try (ServerSocket server = tls == null ? new ServerSocket()
        : tls.getServerSocketFactory().createServerSocket()) {
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(port), backlog);
      System.out.println("VirtualThreadHelloServer listening on port " + port);
      while (true) {
        Socket socket = server.accept();
        executor.execute(() -> serve(socket));
      }
    }
  }

  private static ExecutorService virtualThreadPerTaskExecutor() {
    try {
      return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new UnsupportedOperationException(
          "VirtualThreadHelloServer needs JDK 21 or newer; this is " + Runtime.version(), e);
    }
  }

  /** Serves one connection until the client closes it; runs on the connection's virtual thread. */
  private static void serve(Socket socket) {
    try (socket) {
      socket.setTcpNoDelay(true);
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      byte[] buffer = new byte[1024];
      int filled = 0;
      while (true) {
        if (filled == buffer.length) {
          if (buffer.length >= 2 * HttpWire.MAX_REQUEST_HEAD) {
            return;
          }
          buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int n = in.read(buffer, filled, buffer.length - filled);
        if (n < 0) {
          return;
        }
        filled += n;
        long readAt = System.nanoTime();
        int start = 0;
        int requests = 0;
        int next;
        while ((next = HttpWire.headEnd(buffer, start, filled)) >= 0) {
          int sleep = HttpWire.sleepMillis(buffer, start, next);
          if (sleep > 0) {
            answer(out, requests);
            requests = 0;
            Thread.sleep(sleep);
          }
          requests++;
          start = next;
        }
        System.arraycopy(buffer, start, buffer, 0, filled - start);
        filled -= start;
        answer(out, requests);
        ServerLatency.record(readAt, requests);
      }
    } catch (IOException e) {
      // The client went away; nothing to answer.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Writes {@code requests} hello responses, in as few writes as the shared buffer allows. */
  private static void answer(OutputStream out, int requests) throws IOException {
    while (requests > 0) {
      int batch = Math.min(requests, RESPONSES_PER_WRITE);
      out.write(RESPONSES, 0, batch * RESPONSE_LENGTH);
      requests -= batch;
    }
  }
}
