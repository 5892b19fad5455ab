package dev.weft.benchmarks.weave;

import dev.weft.weaver.DirectoryWeaver;
import dev.weft.weaver.WeaveProblem;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Weaves a class directory in place the way the {@code weave} goal of weft-maven-plugin does
 * (a {@link DirectoryWeaver} over the directory plus its class path, every class included),
 * without Maven around it: the {@code weave} benchmark times {@code javac} followed by this.
 *
 * <p>Usage: {@code java dev.weft.benchmarks.weave.WeaveDir CLASSES_DIR [CLASSPATH]}. Prints one
 * line with the counts; exits with status 1 after printing every weave problem.
 */
public final class WeaveDir {
  private WeaveDir() {}

  /**
   * Weaves the directory.
   *
   * @param args the class directory, then optionally its class path (platform separator)
   * @throws IOException if the directory cannot be read or written
   * @throws IllegalArgumentException if there are no arguments or more than two
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      throw new IllegalArgumentException("usage: WeaveDir CLASSES_DIR [CLASSPATH] (got " + args.length + " arguments)");
    }
    Path dir = Path.of(args[0]);
    List<Path> classpath = new ArrayList<>();
    if (args.length == 2) {
      for (String element : args[1].split(File.pathSeparator)) {
        if (!element.isEmpty()) {
          classpath.add(Path.of(element));
        }
      }
    }
    DirectoryWeaver.Report report =
        new DirectoryWeaver(DirectoryWeaver.hierarchyFor(dir, classpath), name -> true).weave(dir);
    System.out.println("weft: woven " + report.woven().size() + " classes, " + report.skipped().size()
        + " already woven/unchanged in " + dir);
    if (!report.problems().isEmpty()) {
      for (WeaveProblem problem : report.problems()) {
        System.err.println(problem);
      }
      System.exit(1);
    }
  }
}
