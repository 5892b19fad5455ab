package dev.weft.net;

import dev.weft.*;
import java.io.BufferedReader;
import java.io.InputStreamReader;

/**
 * The child of {@link ReliabilityTcpTest}'s fd exhaustion case: an echo {@link TcpServer} on a
 * loopback port, run under a low {@code ulimit -n}. Prints {@code port N}, then serves until its
 * standard input ends, then prints {@code alive} if its loops are still running.
 */
public final class FdExhaustionServer {
  private FdExhaustionServer() {}

  public static void main(String[] args) throws Exception {
    try (EventLoopGroup group = new EventLoopGroup(1);
        TcpServer server = TcpServer.start(group, TcpSupport.loopback(), TcpSupport::echo)) {
      System.out.println("port " + server.localAddress().getPort());
      System.out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
      while (in.readLine() != null) {
        // the parent writes nothing; end of input ends the server
      }
    }
  }
}
