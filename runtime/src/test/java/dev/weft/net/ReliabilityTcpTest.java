package dev.weft.net;

import dev.weft.*;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Reliability of TCP serving under hostile conditions, loopback only and bounded in time: fd
 * exhaustion in a child JVM run under {@code ulimit -n 64}, and slowloris clients against a
 * server's idle timeout.
 */
class ReliabilityTcpTest {
  private static final int FD_LIMIT = 64;
  private static final int FLOOD = 300;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aServerOutOfFileDescriptorsKeepsRunningAndServesAgainOnceTheFloodCloses() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // From one jar, as an application is deployed: a class loaded from a directory needs a free
    // descriptor to open its file, and a class that fails to load under EMFILE fails for good
    String cp = jarOf(Path.of("target/classes"), Path.of("target/test-classes")).toString();
    Process child = new ProcessBuilder("bash", "-c",
        "ulimit -n " + FD_LIMIT + "; exec '" + java + "' -cp '" + cp + "' "
            + FdExhaustionServer.class.getName())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<Socket> flood = new ArrayList<>();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8));
      String line = out.readLine();
      assertTrue(line != null && line.startsWith("port "), "the child started: " + line);
      InetSocketAddress address =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(line.substring(5)));
      for (int i = 0; i < FLOOD; i++) {
        Socket s = new Socket();
        s.connect(address, 10_000); // the kernel's backlog takes what the server cannot accept
        flood.add(s);
      }
      Thread.sleep(500); // let the server run into EMFILE and back off a few times
      assertTrue(child.isAlive(), "the server survived " + FLOOD + " connections over its fd limit");
      for (Socket s : flood) {
        s.close();
      }
      long closed = System.nanoTime();
      try (Socket client = new Socket()) {
        client.connect(address, 10_000);
        client.setSoTimeout(60_000);
        client.getOutputStream().write("served again".getBytes(UTF_8));
        client.shutdownOutput();
        assertEquals("served again", new String(client.getInputStream().readAllBytes(), UTF_8));
      }
      long recoveredMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closed);
      System.out.println("fd exhaustion: ulimit -n " + FD_LIMIT + ", " + FLOOD
          + " flood connections; a normal client served " + recoveredMillis
          + " ms after the flood closed");
    } finally {
      for (Socket s : flood) {
        s.close();
      }
      child.getOutputStream().close();
      if (!child.waitFor(20, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void slowlorisConnectionsAreClosedByTheIdleTimeoutWhileAClientIsServed() throws Exception {
    int slow = 200;
    long timeoutMillis = 500;
    try (EventLoopGroup group = new EventLoopGroup(2);
        TcpServer server = TcpServer.start(group, TcpSupport.loopback(),
            Duration.ofMillis(timeoutMillis), TcpSupport::echo)) {
      InetSocketAddress address = server.localAddress();
      List<Socket> loris = new ArrayList<>();
      try {
        long opened = System.nanoTime();
        for (int i = 0; i < slow; i++) {
          Socket s = new Socket();
          s.connect(address, 10_000);
          s.setSoTimeout(30_000);
          if (i % 2 == 0) {
            s.getOutputStream().write('G'); // a first byte, then nothing
          }
          loris.add(s);
        }
        try (Socket client = new Socket()) { // served while the slow ones hold their connections
          client.connect(address, 10_000);
          client.setSoTimeout(10_000);
          client.getOutputStream().write("served".getBytes(UTF_8));
          client.shutdownOutput();
          assertEquals("served", new String(client.getInputStream().readAllBytes(), UTF_8));
        }
        for (Socket s : loris) {
          InputStream in = s.getInputStream();
          int b = in.read();
          if (b == 'G') {
            b = in.read(); // the echo of the first byte
          }
          assertEquals(-1, b, "closed by the server");
        }
        long closedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened);
        assertTrue(closedMillis >= timeoutMillis, "not closed before the timeout: " + closedMillis);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.connectionCount() > 0 && System.nanoTime() < until) {
          Thread.sleep(10);
        }
        assertEquals(0, server.connectionCount(), "every slow connection released");
        System.out.println("slowloris: " + slow + " idle connections, idle timeout " + timeoutMillis
            + " ms; all closed " + closedMillis + " ms after the first opened, a client served meanwhile");
      } finally {
        for (Socket s : loris) {
          s.close();
        }
      }
    }
  }

  /** A temporary jar of the class files under {@code dirs}. */
  private static Path jarOf(Path... dirs) throws IOException {
    Path jar = Files.createTempFile("weft-fd-exhaustion", ".jar");
    jar.toFile().deleteOnExit();
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (Path dir : dirs) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
          files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
          out.putNextEntry(new JarEntry(dir.relativize(file).toString().replace(File.separatorChar, '/')));
          Files.copy(file, (OutputStream) out);
          out.closeEntry();
        }
      }
    }
    return jar;
  }
}
