package dev.weft.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Weaves the {@code @Async} methods of the test classes ({@code target/test-classes}) in place,
 * against the test classpath (which holds the main classes too).
 */
@Mojo(
    name = "weave-tests",
    defaultPhase = LifecyclePhase.TEST_COMPILE,
    requiresDependencyResolution = ResolutionScope.TEST,
    threadSafe = true)
public class WeaveTestsMojo extends AbstractWeaveMojo {

  /** The directory of compiled test classes. */
  @Parameter(defaultValue = "${project.build.testOutputDirectory}", required = true)
  private File testClassesDirectory;

  @Override
  protected File classesDirectory() {
    return testClassesDirectory;
  }

  @Override
  protected List<String> classpath() throws DependencyResolutionRequiredException {
    return project.getTestClasspathElements();
  }

  @Override
  protected List<String> sourceRoots() {
    return project.getTestCompileSourceRoots();
  }
}
