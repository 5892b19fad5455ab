package dev.weft.benchmarks.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;

/**
 * The baseline HTTP server: hand-written {@code java.nio} selector loops, no framework.
 *
 * <p>{@code --threads N} selector threads (default 1). The first loop also accepts and deals
 * the accepted connections round-robin to all loops. Each read is parsed in place (see {@link
 * NioHelloLoop}); the responses to all requests of one read go out in one write.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.weft.benchmarks.http.NioHelloServer --port 8083 --threads 1</pre>
 *
 * <p>Answers every request with {@link HttpWire#helloResponse()}. Runs until killed.
 */
public final class NioHelloServer {

  private NioHelloServer() {}

  /**
   * Starts the server and blocks the calling thread forever.
   *
   * @param args {@code --port N} (default 8080), {@code --threads N} (default 1), {@code
   *     --backlog N} (default 4096)
   * @throws IOException if the port cannot be bound or a selector cannot be opened
   */
  public static void main(String[] args) throws IOException {
    Flags flags = Flags.parse("NioHelloServer", args, Set.of("port", "threads", "backlog"));
    int port = flags.integer("port", 8080, 0);
    int threads = flags.integer("threads", 1, 1);
    int backlog = flags.integer("backlog", 4096, 1);

    NioHelloLoop[] loops = new NioHelloLoop[threads];
    for (int i = 0; i < threads; i++) {
      loops[i] = new NioHelloLoop();
    }
    ServerSocketChannel server = ServerSocketChannel.open();
    server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
    server.bind(new InetSocketAddress(port), backlog);
    server.configureBlocking(false);
    int[] next = {0};
    loops[0].register(server, SelectionKey.OP_ACCEPT, key -> {
      SocketChannel channel;
      while ((channel = server.accept()) != null) {
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        loops[next[0]].adopt(channel);
        next[0] = (next[0] + 1) % threads;
      }
    });
    System.out.println("NioHelloServer listening on port " + port + " with " + threads + " thread(s)");
    for (int i = 1; i < threads; i++) {
      Thread t = new Thread(loops[i]::run, "nio-loop-" + i);
      t.start();
    }
    Thread.currentThread().setName("nio-loop-0");
    loops[0].run();
  }
}
