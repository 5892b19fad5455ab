package dev.weft.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a release publishes, read from the packaged files: every published jar names its module in
 * its manifest (shaded jars included), and every published POM carries a description and, itself
 * or through the published parent, the Apache-2.0 licence. With {@code -Dweft.release.jars=true}
 * (set by the {@code release} profile) the sources and javadoc jars must be there too.
 *
 * <p>Runs after {@code package} (a surefire execution in the {@code integration-test} phase), which
 * passes each file as {@code weft.jar.ARTIFACT} and {@code weft.pom.ARTIFACT}.
 */
class PublishedArtifactsIT {
  private static final String LICENCE_NAME = "Apache-2.0";
  private static final String LICENCE_URL = "https://www.apache.org/licenses/LICENSE-2.0.txt";

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "weft-annotations, dev.weft.annotations",
    "weft-runtime, dev.weft.runtime",
    "weft-http, dev.weft.http",
    "weft-weaver, dev.weft.weaver",
    "weft-processor, dev.weft.processor",
    "weft-agent, dev.weft.agent",
    "weft-maven-plugin, dev.weft.maven.plugin",
    "weft-test, dev.weft.test"
  })
  void manifestNamesTheModule(String artifactId, String moduleName) throws IOException {
    assertEquals(
        moduleName,
        mainAttributes(artifactId).getValue("Automatic-Module-Name"),
        () -> "Automatic-Module-Name in the manifest of " + file("weft.jar." + artifactId));
  }

  @Test
  void agentJarKeepsItsEntryPoints() throws IOException {
    Attributes agent = mainAttributes("weft-agent");
    assertEquals("dev.weft.agent.WeftAgent", agent.getValue("Premain-Class"));
    assertEquals("dev.weft.agent.WeftAgent", agent.getValue("Agent-Class"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "weft-annotations",
        "weft-runtime",
        "weft-http",
        "weft-weaver",
        "weft-processor",
        "weft-agent",
        "weft-maven-plugin",
        "weft-test"
      })
  void pomDescribesTheArtifactUnderTheLicence(String artifactId) throws IOException {
    Pom pom = Pom.read(file("weft.pom." + artifactId));
    assertEquals(artifactId, pom.text("artifactId"), () -> "artifactId in " + pom.file());
    assertFalse(pom.text("description").isEmpty(), () -> "no <description> in " + pom.file());
    Pom licensed = pom.text("licenses").isEmpty() ? parentOf(pom) : pom;
    assertEquals(LICENCE_NAME, licensed.text("licenses", "license", "name"),
        () -> "licence name in " + licensed.file() + " (for " + pom.file() + ")");
    assertEquals(LICENCE_URL, licensed.text("licenses", "license", "url"),
        () -> "licence url in " + licensed.file() + " (for " + pom.file() + ")");
  }

  @Test
  void parentPomCarriesTheProjectMetadata() throws IOException {
    Pom parent = Pom.read(file("weft.pom.weft-parent"));
    for (String[] path :
        new String[][] {
          {"description"}, {"url"}, {"scm", "url"}, {"scm", "connection"},
          {"developers", "developer", "name"}, {"organization", "name"}
        }) {
      assertFalse(
          parent.text(path).isEmpty(),
          () -> "no <" + String.join("/", path) + "> in " + parent.file());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "weft-annotations",
        "weft-runtime",
        "weft-http",
        "weft-weaver",
        "weft-processor",
        "weft-agent",
        "weft-maven-plugin",
        "weft-test"
      })
  void releaseAttachesSourcesAndJavadoc(String artifactId) throws IOException {
    assumeTrue(Boolean.getBoolean("weft.release.jars"), "only in the release profile");
    Path jar = file("weft.jar." + artifactId);
    String base = jar.getFileName().toString().replaceFirst("\\.jar$", "");
    assertHolds(jar.resolveSibling(base + "-sources.jar"), ".java");
    assertHolds(jar.resolveSibling(base + "-javadoc.jar"), "index.html");
  }

  /** The published parent, which {@code pom} must name as its parent to inherit its metadata. */
  private static Pom parentOf(Pom pom) throws IOException {
    Pom parent = Pom.read(file("weft.pom.weft-parent"));
    String expected = "dev.weft:weft-parent:" + parent.text("version");
    String named =
        pom.text("parent", "groupId")
            + ":" + pom.text("parent", "artifactId")
            + ":" + pom.text("parent", "version");
    assertEquals(expected, named, () -> "no <licenses> in " + pom.file() + " and no parent giving them");
    return parent;
  }

  private static Attributes mainAttributes(String artifactId) throws IOException {
    Path jar = file("weft.jar." + artifactId);
    try (JarFile jarFile = new JarFile(jar.toFile())) {
      Manifest manifest = jarFile.getManifest();
      assertNotNull(manifest, () -> "no META-INF/MANIFEST.MF in " + jar);
      return manifest.getMainAttributes();
    }
  }

  private static void assertHolds(Path jar, String entrySuffix) throws IOException {
    assertTrue(Files.isRegularFile(jar), () -> "missing " + jar);
    try (JarFile jarFile = new JarFile(jar.toFile())) {
      assertTrue(
          jarFile.stream().anyMatch(e -> e.getName().endsWith(entrySuffix)),
          () -> "no *" + entrySuffix + " in " + jar);
    }
  }

  /** The file the build passed as system property {@code key}. */
  private static Path file(String key) {
    String value = System.getProperty(key);
    assertTrue(
        value != null && !value.startsWith("${"), () -> key + " not set by the build: " + value);
    Path path = Path.of(value);
    assertTrue(Files.isRegularFile(path), () -> key + " names no file: " + path);
    return path;
  }
}
