package dev.weft.benchmarks.weave;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Compares a plain build of a class directory with a woven build of the same sources, method by
 * method, and prints one tab-separated line per {@code @Async} method of the plain build:
 *
 * <pre>class  method  descriptor  original  entry  stateMachine  helpers  shared  woven</pre>
 *
 * <p>{@code original} is the method's bytecode length in the plain build; in the woven build
 * {@code entry} is the method with the same name and descriptor (the stub callers still call),
 * {@code stateMachine} every other method of the same name (the body, rewritten), {@code helpers}
 * every method whose name starts with {@code name$weft$} (resume bridge, resumer factory), {@code
 * shared} this method's share of the helpers every await site of the class may call (names that
 * start with {@code $weft$}: the per-shape suspend and clear helpers), their bytes divided evenly
 * among the class's {@code @Async} methods, and {@code woven} their sum. Overloads of one name are not told apart, so the fixture has none.
 * Then one line per class file pair: {@code #file  class  plainBytes  wovenBytes}.
 *
 * <p>Usage: {@code java dev.weft.benchmarks.weave.SizeReport PLAIN_DIR WOVEN_DIR}. One thread.
 */
public final class SizeReport {
  private SizeReport() {}

  /**
   * Prints the report.
   *
   * @param args the plain class directory and the woven one
   * @throws IOException if a class file cannot be read or parsed, or one is missing in the woven
   *     directory
   * @throws IllegalArgumentException if there are not exactly two arguments
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: SizeReport PLAIN_DIR WOVEN_DIR (got " + args.length + " arguments)");
    }
    Path plainDir = Path.of(args[0]);
    Path wovenDir = Path.of(args[1]);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(plainDir)) {
      files = walk.filter(p -> p.toString().endsWith(".class")).sorted().collect(Collectors.toList());
    }
    StringBuilder out = new StringBuilder();
    for (Path plainFile : files) {
      Path rel = plainDir.relativize(plainFile);
      Path wovenFile = wovenDir.resolve(rel);
      if (!Files.exists(wovenFile)) {
        throw new IOException("no woven counterpart of " + plainFile + " at " + wovenFile);
      }
      List<ClassFileMethods.Method> plain = ClassFileMethods.read(Files.readAllBytes(plainFile));
      List<ClassFileMethods.Method> woven = ClassFileMethods.read(Files.readAllBytes(wovenFile));
      String className = rel.toString().replace('\\', '/').replaceAll("\\.class$", "");
      long asyncCount = plain.stream().filter(ClassFileMethods.Method::async).count();
      int sharedTotal = woven.stream().filter(w -> w.name().startsWith("$weft$"))
          .mapToInt(ClassFileMethods.Method::codeLength).sum();
      int asyncSeen = 0;
      boolean any = false;
      for (ClassFileMethods.Method m : plain) {
        if (!m.async()) {
          continue;
        }
        any = true;
        int entry = 0;
        int machine = 0;
        int helpers = 0;
        for (ClassFileMethods.Method w : woven) {
          if (w.name().equals(m.name())) {
            if (w.descriptor().equals(m.descriptor())) {
              entry += w.codeLength();
            } else {
              machine += w.codeLength();
            }
          } else if (w.name().startsWith(m.name() + "$weft$")) {
            helpers += w.codeLength();
          }
        }
        // an even split whose parts add up to the total exactly
        int shared = (int) (sharedTotal / asyncCount + (asyncSeen++ < sharedTotal % asyncCount ? 1 : 0));
        out.append(className).append('\t').append(m.name()).append('\t').append(m.descriptor())
            .append('\t').append(m.codeLength()).append('\t').append(entry).append('\t').append(machine)
            .append('\t').append(helpers).append('\t').append(shared)
            .append('\t').append(entry + machine + helpers + shared).append('\n');
      }
      if (any) {
        out.append("#file\t").append(className).append('\t').append(Files.size(plainFile))
            .append('\t').append(Files.size(wovenFile)).append('\n');
      }
    }
    System.out.print(out);
  }
}
