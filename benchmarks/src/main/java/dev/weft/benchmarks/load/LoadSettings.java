package dev.weft.benchmarks.load;

import dev.weft.benchmarks.http.Flags;
import java.util.Set;

/**
 * The settings of one {@link ConnectionLoad} run.
 *
 * @param host server host
 * @param port server port
 * @param connections connections held open at once
 * @param requests requests sent one after the other on each connection
 * @param path request target, e.g. {@code /} or {@code /sleep?ms=100}
 * @param idleSeconds seconds to hold the connections idle after the requests
 * @param threads client selector threads
 * @param connectBatch connects in flight at most, over all threads
 * @param timeoutSeconds bound on the connect and request phases together
 */
public record LoadSettings(
    String host, int port, int connections, int requests, String path, int idleSeconds,
    int threads, int connectBatch, int timeoutSeconds) {

  /**
   * Parses the command line of {@link ConnectionLoad}.
   *
   * @throws IllegalArgumentException naming the flag, for an unknown flag or a bad value
   */
  public static LoadSettings parse(String[] args) {
    Flags flags = Flags.parse("ConnectionLoad", args, Set.of(
        "host", "port", "connections", "requests", "path", "idle-seconds", "threads",
        "connect-batch", "timeout-seconds"));
    LoadSettings settings = new LoadSettings(
        flags.string("host", "127.0.0.1"),
        flags.integer("port", 8080, 1),
        flags.integer("connections", 1000, 1),
        flags.integer("requests", 1, 0),
        flags.string("path", "/"),
        flags.integer("idle-seconds", 0, 0),
        flags.integer("threads", 2, 1),
        flags.integer("connect-batch", 512, 1),
        flags.integer("timeout-seconds", 300, 1));
    if (!settings.path.startsWith("/")) {
      throw new IllegalArgumentException("ConnectionLoad: --path must start with /, got '" + settings.path + "'");
    }
    return settings;
  }
}
