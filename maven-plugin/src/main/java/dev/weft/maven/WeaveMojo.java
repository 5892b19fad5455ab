package dev.weft.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Weaves the {@code @Async} methods of the main classes ({@code target/classes}) in place, against
 * the compile classpath. Classes already woven are left untouched.
 *
 * <p>Bound to {@code compile} by default, so that {@code mvn compile exec:java} runs woven code:
 * Maven runs the packaging's own executions of a phase ({@code compiler:compile}) before those a
 * POM adds, wherever the plugins stand in the POM.
 */
@Mojo(
    name = "weave",
    defaultPhase = LifecyclePhase.COMPILE,
    requiresDependencyResolution = ResolutionScope.COMPILE,
    threadSafe = true)
public class WeaveMojo extends AbstractWeaveMojo {

  /** The directory of compiled main classes. */
  @Parameter(defaultValue = "${project.build.outputDirectory}", required = true)
  private File classesDirectory;

  @Override
  protected File classesDirectory() {
    return classesDirectory;
  }

  @Override
  protected List<String> classpath() throws DependencyResolutionRequiredException {
    return project.getCompileClasspathElements();
  }

  @Override
  protected List<String> sourceRoots() {
    return project.getCompileSourceRoots();
  }
}
