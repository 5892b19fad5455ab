package dev.weft.maven;

import dev.weft.weaver.ClassHierarchy;
import dev.weft.weaver.DirectoryWeaver;
import dev.weft.weaver.WeaveProblem;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Weaves one directory of compiled classes in place with {@link DirectoryWeaver}; the two goals
 * differ only in the directory, the classpath and the source roots. Any weave error fails the build
 * with every problem listed as {@code src/main/java/path/to/File.java:line: [WeftId] could not weave
 * Class.method: message}, with the id the processor reports for the same rule ({@link SourcePaths},
 * {@link WeaveProblem#report}): the plugin never leaves an unwoven {@code await} behind silently.
 */
abstract class AbstractWeaveMojo extends AbstractMojo {

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  protected MavenProject project;

  /**
   * Classes to weave, as binary-name patterns ({@code com.acme.**}, {@code com.acme.*}, {@code
   * com.acme.Orders}); none means every class.
   */
  @Parameter private List<String> includes;

  /** Classes never to weave, in the same form as {@code includes}. */
  @Parameter private List<String> excludes;

  /** Skips weaving. */
  @Parameter(property = "weft.skip", defaultValue = "false")
  private boolean skip;

  /** Logs every class woven or skipped, not just the summary. */
  @Parameter(property = "weft.verbose", defaultValue = "false")
  private boolean verbose;

  /** The directory of class files to weave in place. */
  protected abstract File classesDirectory();

  /** The source roots the classes were compiled from, where problems' source files are looked up. */
  protected abstract List<String> sourceRoots();

  /** The classpath the classes were compiled against (it may include the directory itself). */
  protected abstract List<String> classpath() throws DependencyResolutionRequiredException;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("weft: skipped (weft.skip)");
      return;
    }
    Path dir = classesDirectory().toPath();
    DirectoryWeaver.Report report = weave(dir, hierarchyUrls(dir));
    if (verbose) {
      report.woven().forEach(p -> getLog().info("weft: woven " + dir.relativize(p)));
      report.skipped().forEach(p -> getLog().info("weft: already woven/unchanged " + dir.relativize(p)));
    }
    getLog().info(
        "weft: woven " + report.woven().size() + " classes, " + report.skipped().size()
            + " already woven/unchanged in " + display(dir));
    if (!report.problems().isEmpty()) {
      SourcePaths sources = new SourcePaths(basedir(), sourceRoots());
      List<String> lines = new ArrayList<>();
      for (WeaveProblem problem : report.problems()) {
        lines.add(sources.report(problem));
      }
      lines.forEach(getLog()::error);
      throw new MojoFailureException(
          "weft: " + lines.size() + " weave error" + (lines.size() == 1 ? "" : "s") + " in "
              + display(dir) + ":\n" + String.join("\n", lines));
    }
  }

  private DirectoryWeaver.Report weave(Path dir, URL[] urls) throws MojoExecutionException {
    // Resources only, never loadClass; closed afterwards so no jar stays open in a daemon.
    try (URLClassLoader resources = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
      ClassNameFilter filter = new ClassNameFilter(includes, excludes);
      return new DirectoryWeaver(ClassHierarchy.fromResources(resources), filter).weave(dir);
    } catch (IOException e) {
      throw new MojoExecutionException("weft: cannot weave " + dir + ": " + e, e);
    }
  }

  /** The directory first, then the classpath: what {@link DirectoryWeaver#hierarchyFor} reads. */
  private URL[] hierarchyUrls(Path dir) throws MojoExecutionException {
    Set<Path> paths = new LinkedHashSet<>();
    paths.add(dir.toAbsolutePath().normalize());
    try {
      for (String element : classpath()) {
        paths.add(Path.of(element).toAbsolutePath().normalize());
      }
      List<URL> urls = new ArrayList<>();
      for (Path path : paths) {
        urls.add(path.toUri().toURL());
      }
      return urls.toArray(URL[]::new);
    } catch (DependencyResolutionRequiredException | MalformedURLException e) {
      throw new MojoExecutionException("weft: cannot read the classpath: " + e.getMessage(), e);
    }
  }

  private Path basedir() {
    return project.getBasedir() != null ? project.getBasedir().toPath() : Path.of("");
  }

  private String display(Path dir) {
    Path base = project.getBasedir() != null ? project.getBasedir().toPath() : null;
    return base != null && dir.startsWith(base) ? base.relativize(dir).toString() : dir.toString();
  }
}
