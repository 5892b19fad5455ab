package dev.weft.samples;

import dev.weft.samples.echo.EchoSample;
import dev.weft.samples.fetch.FetchSample;
import dev.weft.samples.http.HttpServerSample;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one sample by name: {@code java -jar samples/target/weft-samples.jar NAME [ARGS...]}.
 *
 * <p>A missing or unknown name prints the list of samples and exits with status 2. A sample
 * that finds its own result wrong exits with status 1.
 */
public final class Main {

  private static final Map<String, Sample> SAMPLES = new LinkedHashMap<>();

  static {
    SAMPLES.put("http", new HttpServerSample());
    SAMPLES.put("echo", new EchoSample());
    SAMPLES.put("fetch", new FetchSample());
    SAMPLES.put("fanout", new Fanout());
  }

  private Main() {}

  public static void main(String[] args) throws Exception {
    Sample sample = args.length == 0 ? null : SAMPLES.get(args[0]);
    if (sample == null) {
      usage(args.length == 0 ? null : args[0], System.err);
      System.exit(2);
    }
    boolean ok;
    try {
      ok = sample.run(Arrays.copyOfRange(args, 1, args.length));
    } catch (Options.UsageError e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    System.exit(ok ? 0 : 1);
  }

  private static void usage(String unknown, PrintStream out) {
    if (unknown != null) {
      out.println("unknown sample: " + unknown);
    }
    out.println("usage: java -jar weft-samples.jar SAMPLE [ARGS...]");
    out.println();
    out.println("samples:");
    SAMPLES.forEach((name, s) -> out.printf("  %-10s %s%n", name, s.summary()));
  }
}
