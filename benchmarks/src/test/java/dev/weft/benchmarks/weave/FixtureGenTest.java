package dev.weft.benchmarks.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Task;
import dev.weft.annotations.Async;
import java.io.File;
import java.io.ByteArrayOutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixtureGenTest {
  @TempDir Path tmp;

  @Test
  void fixtureCompilesWithoutWeavingAndHasOneThousandAsyncMethods() throws Exception {
    List<Path> files = FixtureGen.write(tmp.resolve("src"));
    assertEquals(FixtureGen.CLASSES + 3, files.size());

    Path classes = Files.createDirectories(tmp.resolve("classes"));
    List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-nowarn",
        "-cp", jarOf(Task.class) + File.pathSeparator + jarOf(Async.class), "-d", classes.toString()));
    files.forEach(f -> args.add(f.toString()));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = javac.run(null, errors, errors, args.toArray(String[]::new));
    assertEquals(0, status, "the generated fixture does not compile: " + errors);

    int async = 0;
    Set<String> descriptors = new HashSet<>();
    for (int c = 0; c < FixtureGen.CLASSES; c++) {
      Path file = classes.resolve("fixture").resolve(FixtureGen.className(c) + ".class");
      int inClass = 0;
      for (ClassFileMethods.Method m : ClassFileMethods.read(Files.readAllBytes(file))) {
        if (m.async()) {
          inClass++;
          descriptors.add(m.descriptor());
          assertTrue(m.codeLength() > 0, m.name() + " has no code");
        } else {
          assertEquals("<init>", m.name(), "only the constructor is not @Async");
        }
      }
      assertEquals(FixtureGen.METHODS, inClass, file.toString());
      async += inClass;
    }
    assertEquals(1000, async);
    assertTrue(descriptors.size() >= 4, "several signatures expected, got " + descriptors);
    try (Stream<Path> all = Files.list(classes.resolve("fixture"))) {
      assertEquals(FixtureGen.CLASSES + 3, all.count(), "one class file per source, nothing nested");
    }
  }

  private static String jarOf(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
