package dev.weft.samples;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of the form {@code --name value}, each name from a fixed set. An unknown
 * name, a missing value or a value that is not a number where one is expected stops the sample
 * with a message that says which.
 */
public final class Options {
  private final String sample;
  private final Map<String, String> values = new HashMap<>();

  private Options(String sample) {
    this.sample = sample;
  }

  /**
   * Parses {@code args} for the sample {@code sample}, accepting only the option names in {@code
   * known} (without the leading dashes).
   *
   * @throws UsageError naming the sample and the offending argument
   */
  public static Options parse(String sample, String[] args, Set<String> known) {
    Options options = new Options(sample);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || !known.contains(arg.substring(2))) {
        throw new UsageError(
            sample + ": unknown argument '" + arg + "'; options are --" + String.join(" --", known));
      }
      if (i + 1 == args.length) {
        throw new UsageError(sample + ": " + arg + " needs a value");
      }
      options.values.put(arg.substring(2), args[++i]);
    }
    return options;
  }

  /** The value of {@code --name} as an int, or {@code fallback} when absent. */
  public int intValue(String name, int fallback) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.replace("_", "").replace(",", ""));
    } catch (NumberFormatException e) {
      throw new UsageError(sample + ": --" + name + " wants a number, got '" + v + "'");
    }
  }

  /** A command line the sample cannot run with; its message says what is wrong. */
  public static final class UsageError extends IllegalArgumentException {
    /** A usage error whose {@code message} names the sample and what is wrong. */
    public UsageError(String message) {
      super(message);
    }
  }

  /** The value of {@code --name}, or {@code fallback} when absent. */
  public String value(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  /**
   * The address a server sample binds: {@code --host} (default 127.0.0.1, loopback only) and
   * {@code --port} (default {@code defaultPort}).
   *
   * @throws UsageError if the host is not an address of this machine
   */
  public InetSocketAddress bindAddress(int defaultPort) {
    InetSocketAddress address =
        new InetSocketAddress(value("host", "127.0.0.1"), intValue("port", defaultPort));
    if (address.isUnresolved()) {
      throw new UsageError(sample + ": --host " + address.getHostString() + " is not a known"
          + " address of this machine");
    }
    return address;
  }

  /** {@code host:port} as a URL writes it: an IPv6 address in brackets. */
  public static String hostAndPort(InetSocketAddress bound) {
    InetAddress a = bound.getAddress();
    String host = a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
    return host + ":" + bound.getPort();
  }
}
