package dev.weft.maven;

import dev.weft.weaver.WeaveProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a weave problem's source file is, as the project sees it: {@code
 * src/main/java/com/acme/Orders.java}, relative to the project directory, when the file is under one
 * of the goal's source roots; otherwise the path below a source root that the class file implies
 * ({@link WeaveProblem#sourcePath()}). IDEs and CI annotators then find the file from the build log.
 */
final class SourcePaths {
  private final Path basedir;
  private final List<Path> roots = new ArrayList<>();

  /** {@code roots} as Maven lists them: absolute, or relative to {@code basedir}. */
  SourcePaths(Path basedir, List<String> roots) {
    this.basedir = basedir.toAbsolutePath().normalize();
    for (String root : roots) {
      this.roots.add(this.basedir.resolve(root).normalize());
    }
  }

  /** The path of {@code problem}'s source file, with {@code /} between names on every system. */
  String of(WeaveProblem problem) {
    String below = problem.sourcePath();
    for (Path root : roots) {
      Path file = root.resolve(below);
      if (Files.isRegularFile(file)) {
        Path shown = file.startsWith(basedir) ? basedir.relativize(file) : file;
        return shown.toString().replace(java.io.File.separatorChar, '/');
      }
    }
    return below;
  }

  /** {@code problem} in the weaver's shared form ({@link WeaveProblem#report}) with its path. */
  String report(WeaveProblem problem) {
    return problem.report(of(problem));
  }
}
