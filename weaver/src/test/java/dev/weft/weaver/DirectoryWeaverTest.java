package dev.weft.weaver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Weaving a directory of class files in place, as the Maven plugin does on target/classes. */
class DirectoryWeaverTest {

  private static final String HEADER =
      """
      package t;
      import dev.weft.*;
      import dev.weft.annotations.Async;
      import static dev.weft.Task.await;
      """;

  private static final Map<String, String> SOURCES =
      Map.of(
          "t.Good",
          HEADER
              + """
              public class Good {
                @Async Task<Integer> twice(Task<Integer> t) {
                  int a = await(t);
                  return Task.completed(a + a);
                }
              }
              """,
          "t.Plain",
          "package t; public class Plain { int x() { return 1; } }",
          "t.Lambda",
          HEADER
              + """
              public class Lambda {
                Runnable r(Task<Integer> t) {
                  return () -> await(t);
                }
              }
              """,
          "t.Locked",
          HEADER
              + """
              public class Locked {
                final Object lock = new Object();
                @Async Task<Integer> m(Task<Integer> t) {
                  synchronized (lock) {
                    return Task.completed(await(t));
                  }
                }
              }
              """,
          "t.sub.Other",
          HEADER.replace("package t;", "package t.sub;")
              + """
              public class Other {
                @Async Task<String> m(Task<String> t) {
                  return Task.completed(await(t) + "!");
                }
              }
              """);

  @TempDir Path dir;

  private Map<String, Path> compileInto(Map<String, String> sources) throws IOException {
    Map<String, Path> files = new TreeMap<>();
    for (Map.Entry<String, byte[]> entry : InMemoryJavac.compile(sources).entrySet()) {
      Path file = dir.resolve(entry.getKey() + ".class");
      Files.createDirectories(file.getParent());
      Files.write(file, entry.getValue());
      files.put(entry.getKey(), file);
    }
    return files;
  }

  private DirectoryWeaver weaver(java.util.function.Predicate<String> include) {
    ClassHierarchy hierarchy =
        DirectoryWeaver.hierarchyFor(
            dir,
            List.of(
                classpathEntry(dev.weft.Task.class), classpathEntry(dev.weft.annotations.Async.class)));
    return new DirectoryWeaver(hierarchy, include);
  }

  private static Path classpathEntry(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void wovenClassesAreRewrittenAndEveryProblemIsCollected() throws Exception {
    Map<String, Path> files = compileInto(SOURCES);
    byte[] plainBefore = Files.readAllBytes(files.get("t/Plain"));
    byte[] lambdaBefore = Files.readAllBytes(files.get("t/Lambda"));

    DirectoryWeaver.Report report = weaver(name -> true).weave(dir);

    assertEquals(List.of(files.get("t/Good"), files.get("t/sub/Other")), report.woven());
    assertEquals(List.of(), report.skipped());
    assertEquals(
        List.of("Lambda.java:7", "Locked.java:9"),
        report.problems().stream()
            .map(p -> p.sourceFile() + ":" + p.line())
            .collect(Collectors.toList()),
        report.problems()::toString);
    assertTrue(report.problems().get(0).message().contains("lambda"));
    assertTrue(report.problems().get(1).message().contains("synchronized"));
    // Unwoven and failed classes are left exactly as they were.
    assertArrayEquals(plainBefore, Files.readAllBytes(files.get("t/Plain")));
    assertArrayEquals(lambdaBefore, Files.readAllBytes(files.get("t/Lambda")));
    // The woven class is really woven: weaving it again is a no-op.
    assertNull(new Weaver(name -> null).weave(Files.readAllBytes(files.get("t/Good"))));
  }

  @Test
  void secondRunLeavesWovenFilesUntouched() throws Exception {
    Map<String, Path> files = compileInto(Map.of("t.Good", SOURCES.get("t.Good")));
    Path good = files.get("t/Good");
    weaver(name -> true).weave(dir);
    byte[] woven = Files.readAllBytes(good);
    FileTime stamp = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(good, stamp);

    DirectoryWeaver.Report second = weaver(name -> true).weave(dir);

    assertEquals(List.of(), second.woven());
    assertEquals(List.of(good), second.skipped());
    assertArrayEquals(woven, Files.readAllBytes(good));
    assertEquals(stamp, Files.getLastModifiedTime(good));
  }

  @Test
  void includeFiltersOnBinaryNames() throws Exception {
    Map<String, Path> files = compileInto(SOURCES);
    byte[] goodBefore = Files.readAllBytes(files.get("t/Good"));

    DirectoryWeaver.Report report = weaver(name -> name.startsWith("t.sub.")).weave(dir);

    assertEquals(List.of(files.get("t/sub/Other")), report.woven());
    assertEquals(List.of(), report.problems());
    assertArrayEquals(goodBefore, Files.readAllBytes(files.get("t/Good")));
  }

  @Test
  void sameInputSameBytes() throws Exception {
    Map<String, Path> files = compileInto(Map.of("t.Good", SOURCES.get("t.Good")));
    byte[] original = Files.readAllBytes(files.get("t/Good"));
    weaver(name -> true).weave(dir);
    byte[] viaDirectory = Files.readAllBytes(files.get("t/Good"));
    byte[] direct =
        new Weaver(ClassHierarchy.fromResources(DirectoryWeaverTest.class.getClassLoader()))
            .weave(original);
    assertArrayEquals(direct, viaDirectory);
  }

  @Test
  void binaryNames() {
    assertEquals(
        "com.acme.Orders$1",
        DirectoryWeaver.binaryName(Path.of("/c"), Path.of("/c/com/acme/Orders$1.class")));
  }

  @Test
  void unreadableClassFileIsReportedUnderItsPath() throws Exception {
    Path broken = dir.resolve("t/Broken.class");
    Files.createDirectories(broken.getParent());
    byte[] garbage = "not a class, but mentions dev/weft/Task".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Files.write(broken, garbage);

    DirectoryWeaver.Report report = weaver(name -> true).weave(dir);

    assertEquals(1, report.problems().size());
    assertEquals("t/Broken", report.problems().get(0).className());
    assertTrue(report.problems().get(0).message().startsWith("unreadable class file"));
    assertArrayEquals(garbage, Files.readAllBytes(broken));
  }

  @Test
  void missingDirectoryIsAnEmptyReport() throws Exception {
    DirectoryWeaver.Report report = weaver(name -> true).weave(dir.resolve("absent"));
    assertEquals(new DirectoryWeaver.Report(List.of(), List.of(), List.of()), report);
  }
}
