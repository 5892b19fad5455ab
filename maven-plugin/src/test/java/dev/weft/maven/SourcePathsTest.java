package dev.weft.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.weaver.WeaveProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the plugin says a problem's source file is: under the project's source roots when there. */
class SourcePathsTest {
  @TempDir Path project;

  private static WeaveProblem lambda(String className, String file) {
    return new WeaveProblem(className, "checkout", file, 12, "await() inside a lambda in Orders.checkout",
        WeaveProblem.Kind.AWAIT_IN_LAMBDA);
  }

  @Test
  void aProblemIsPrintedWithItsPathFromTheProjectDirectoryThroughItsSourceRoot() throws IOException {
    Path roots = Files.createDirectories(project.resolve("src/main/java/com/acme"));
    Files.writeString(roots.resolve("Orders.java"), "");
    Files.createDirectories(project.resolve("target/generated-sources/annotations/com/acme"));
    Files.writeString(project.resolve("target/generated-sources/annotations/com/acme/Gen.java"), "");
    SourcePaths paths = new SourcePaths(project, List.of(
        project.resolve("src/main/java").toString(), "target/generated-sources/annotations"));
    assertEquals("src/main/java/com/acme/Orders.java:12: [WeftAwaitInLambda] could not weave"
            + " com.acme.Orders$1.checkout: await() inside a lambda in Orders.checkout",
        paths.report(lambda("com/acme/Orders$1", "Orders.java")));
    assertEquals("target/generated-sources/annotations/com/acme/Gen.java",
        paths.of(lambda("com/acme/Gen", "Gen.java")));
  }

  @Test
  void aFileInNoSourceRootIsNamedFromItsPackage() {
    SourcePaths paths = new SourcePaths(project, List.of(project.resolve("src/main/java").toString()));
    assertEquals("com/acme/Orders.java", paths.of(lambda("com/acme/Orders", "Orders.java")));
    assertEquals("com/acme/Orders.java", paths.of(lambda("com/acme/Orders$In", null)));
  }
}
