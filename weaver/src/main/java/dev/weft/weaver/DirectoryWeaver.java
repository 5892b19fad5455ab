package dev.weft.weaver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Weaves every class file under a directory of compiled classes in place, as the Maven plugin does
 * on {@code target/classes}:
 *
 * <ol>
 *   <li>walk the directory in sorted order (so problems and logs are deterministic);
 *   <li>keep the classes whose binary name {@code include} accepts;
 *   <li>skip, without parsing, every class file that does not mention Weft in its bytes ({@link
 *       Mentions}, the agent's check too);
 *   <li>weave the rest, several classes at once (one {@link Weaver} is thread-safe; each class is
 *       woven on its own, so the bytes do not depend on the order); write back only the classes
 *       the weaver changed, so an already-woven class file is left untouched (incremental builds
 *       keep its bytes and timestamp);
 *   <li>collect the problems of every class that cannot be woven, never stopping at the first;
 *       such a class is left exactly as it was.
 * </ol>
 *
 * <p>The hierarchy must see the directory's own classes as well as its classpath, since frames of a
 * woven method may merge types declared beside it: build it with {@link #hierarchyFor}.
 */
public final class DirectoryWeaver {
  private final Weaver weaver;
  private final Predicate<String> include;

  /**
   * A weaver of directories.
   *
   * @param hierarchy answers hierarchy questions; pass one over the directory plus its classpath
   *     ({@link #hierarchyFor})
   * @param include accepts the binary names (such as {@code com.acme.Orders$1}) of classes to weave
   */
  public DirectoryWeaver(ClassHierarchy hierarchy, Predicate<String> include) {
    this.weaver = new Weaver(hierarchy);
    this.include = include;
  }

  /**
   * What one run did.
   *
   * @param woven the class files rewritten, in walk order
   * @param skipped the candidate class files (they mention Weft) left as they were: already woven
   *     or with nothing to weave
   * @param problems every reason a class could not be woven, class by class in walk order
   */
  public record Report(List<Path> woven, List<Path> skipped, List<WeaveProblem> problems) {
    public Report {
      woven = List.copyOf(woven);
      skipped = List.copyOf(skipped);
      problems = List.copyOf(problems);
    }
  }

  /**
   * Weaves the class files under {@code classesDir} in place. A directory that does not exist is
   * an empty report (a module without sources has no {@code target/classes}).
   */
  public Report weave(Path classesDir) throws IOException {
    List<Path> candidates = new ArrayList<>();
    for (Path file : classFiles(classesDir)) {
      if (include.test(binaryName(classesDir, file))) {
        candidates.add(file);
      }
    }
    List<Outcome> outcomes;
    try {
      // a parallel stream keeps the walk order in the list it collects
      outcomes = candidates.parallelStream().map(this::weaveFile).collect(Collectors.toList());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    List<Path> woven = new ArrayList<>();
    List<Path> skipped = new ArrayList<>();
    List<WeaveProblem> problems = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      Outcome outcome = outcomes.get(i);
      Path file = candidates.get(i);
      if (outcome.problems != null) {
        for (WeaveProblem problem : outcome.problems) {
          problems.add(named(problem, classesDir, file));
        }
      } else if (outcome.woven) {
        woven.add(file);
      } else if (outcome.mentionsWeft) {
        skipped.add(file);
      }
    }
    return new Report(woven, skipped, problems);
  }

  /** What became of one class file: not a candidate, left as it was, rewritten, or refused. */
  private record Outcome(boolean mentionsWeft, boolean woven, List<WeaveProblem> problems) {}

  /** Weaves one class file in place; runs on any thread. */
  private Outcome weaveFile(Path file) {
    try {
      byte[] original = Files.readAllBytes(file);
      if (!Mentions.weft(original)) {
        return new Outcome(false, false, null);
      }
      byte[] result;
      try {
        result = weaver.weave(original);
      } catch (WeaveException e) {
        return new Outcome(true, false, e.problems());
      }
      if (result == null) {
        return new Outcome(true, false, null);
      }
      replace(file, result);
      return new Outcome(true, true, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes beside the file, then renames: an interrupted build never leaves half a class file. */
  private static void replace(Path file, byte[] bytes) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".weft-tmp");
    Files.write(temp, bytes);
    try {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** A class file the weaver could not even read is named after its path. */
  private static WeaveProblem named(WeaveProblem problem, Path classesDir, Path file) {
    if (!problem.className().equals("?")) {
      return problem;
    }
    String internalName = binaryName(classesDir, file).replace('.', '/');
    return new WeaveProblem(
        internalName, problem.methodName(), problem.sourceFile(), problem.line(), problem.message(), problem.kind());
  }

  /**
   * A hierarchy reading class files (as resources, never loading a class) from the JDK's platform
   * classes, then {@code classesDir}, then {@code classpath} (directories and jars), in the parent-first
   * order of a {@link URLClassLoader} whose parent is the platform loader.
   */
  public static ClassHierarchy hierarchyFor(Path classesDir, List<Path> classpath) {
    List<URL> urls = new ArrayList<>();
    urls.add(url(classesDir));
    for (Path entry : classpath) {
      urls.add(url(entry));
    }
    URLClassLoader resources =
        new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    // The loader is never closed: the hierarchy reads through it for as long as it is used, and
    // a URLClassLoader only holds open jar files, released when it is collected.
    return ClassHierarchy.fromResources(resources);
  }

  private static URL url(Path path) {
    try {
      return path.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("not a classpath entry: " + path, e);
    }
  }

  private static List<Path> classFiles(Path classesDir) throws IOException {
    if (!Files.isDirectory(classesDir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(classesDir)) {
      return walk.filter(p -> p.getFileName().toString().endsWith(".class"))
          .filter(Files::isRegularFile)
          .sorted()
          .collect(Collectors.toList());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** {@code com/acme/Orders$1.class} under the directory → {@code com.acme.Orders$1}. */
  static String binaryName(Path classesDir, Path file) {
    String relative = classesDir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
    return relative.substring(0, relative.length() - ".class".length());
  }
}
