package dev.weft.benchmarks;

/** Paths fixed when the benchmarks were built (filled in by Maven resource filtering). */
final class BuildPaths {
  /** The EA Async jar, which is also its {@code -javaagent}. */
  static final String EA_ASYNC_JAR = "${project.build.directory}/ea-async.jar";

  /** JVM arguments of the forks that run EA Async peers. */
  static final String EA_AGENT = "-javaagent:" + EA_ASYNC_JAR;

  private BuildPaths() {}
}
