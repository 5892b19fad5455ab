package dev.weft.benchmarks.load;

import dev.weft.benchmarks.http.HttpWire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A blocking test server, one platform thread per connection, whose answer to the n-th request
 * of a connection is chosen by a {@link Script}: bytes to write, or null to close the connection.
 */
final class ScriptedServer implements AutoCloseable {

  /** Chooses the answer to request {@code n} (1-based) of a connection; null closes it. */
  interface Script {
    byte[] answer(int n);
  }

  private final ServerSocket server;
  private final List<Socket> sockets = new ArrayList<>();

  ScriptedServer(Script script) throws IOException {
    server = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(() -> {
      try {
        while (true) {
          Socket socket = server.accept();
          synchronized (sockets) {
            sockets.add(socket);
          }
          Thread t = new Thread(() -> serve(socket, script));
          t.setDaemon(true);
          t.start();
        }
      } catch (IOException e) {
        // closed
      }
    });
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private static void serve(Socket socket, Script script) {
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      byte[] buffer = new byte[4096];
      int filled = 0;
      int n = 0;
      while (true) {
        int read = in.read(buffer, filled, buffer.length - filled);
        if (read < 0) {
          return;
        }
        filled += read;
        int end;
        while ((end = HttpWire.headEnd(buffer, 0, filled)) >= 0) {
          System.arraycopy(buffer, end, buffer, 0, filled - end);
          filled -= end;
          byte[] answer = script.answer(++n);
          if (answer == null) {
            return;
          }
          out.write(answer);
        }
      }
    } catch (IOException e) {
      // client went away
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (sockets) {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }
}
