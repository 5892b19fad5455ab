package dev.weft.samples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A sample started as its own JVM from the shaded jar, its output collected line by line. */
final class SampleProcess implements AutoCloseable {
  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> all = new ArrayList<>();

  private SampleProcess(Process process) {
    this.process = process;
    Thread pump = new Thread(this::pump, "sample-output");
    pump.setDaemon(true);
    pump.start();
  }

  /** Starts {@code java -jar weft-samples.jar args...} (jar path from {@code weft.samples.jar}). */
  static SampleProcess start(String... args) throws IOException {
    String jar = System.getProperty("weft.samples.jar");
    if (jar == null) {
      throw new IllegalStateException("system property weft.samples.jar is not set");
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", jar));
    command.addAll(List.of(args));
    return new SampleProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  private void pump() {
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        synchronized (all) {
          all.add(line);
        }
        lines.add(line);
      }
    } catch (IOException ignored) {
      // the process ended
    }
  }

  /** The next line that starts with {@code prefix}, waiting up to {@code seconds}. */
  String awaitLine(String prefix, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(100, TimeUnit.MILLISECONDS);
      if (line != null && line.startsWith(prefix)) {
        return line;
      }
    }
    throw new AssertionError("no line starting with '" + prefix + "' within " + seconds
        + " s; output so far:\n" + output());
  }

  /** Waits for the process to end and returns its exit status. */
  int waitFor(int seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("sample still running after " + seconds + " s; output:\n"
          + output());
    }
    return process.exitValue();
  }

  /** Everything printed so far. */
  String output() {
    synchronized (all) {
      return String.join("\n", all);
    }
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
