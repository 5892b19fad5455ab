package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fails when the public API of package {@code dev.weft} differs from the reviewed dump in {@code
 * src/test/resources/api/weft-runtime.api} (as kotlinx keeps {@code api/*.api}). After a deliberate
 * change, review {@code target/weft-runtime.api} and copy it over the checked-in file.
 */
class ApiDumpTest {
  private static final String DUMP = "api/weft-runtime.api";

  @Test
  void publicApiMatchesTheReviewedDump() throws Exception {
    String actual = dump();
    Path out = Paths.get("target", "weft-runtime.api");
    Files.writeString(out, actual, StandardCharsets.UTF_8);
    String expected;
    try (var in = ApiDumpTest.class.getClassLoader().getResourceAsStream(DUMP)) {
      expected = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(expected, actual, "The public API changed. Review " + out.toAbsolutePath()
        + " and copy it to src/test/resources/" + DUMP);
  }

  static String dump() throws IOException, URISyntaxException, ClassNotFoundException {
    Path classes = Paths.get(Task.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> names;
    try (Stream<Path> files = Files.list(classes.resolve("dev/weft"))) {
      names = files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".class"))
          .map(n -> "dev.weft." + n.substring(0, n.length() - 6).replace('$', '.'))
          .sorted()
          .collect(Collectors.toList());
    }
    StringBuilder sb = new StringBuilder();
    for (String name : names) {
      Class<?> c = load(name);
      if (c != null && isExported(c)) {
        sb.append(describe(c)).append(" {\n");
        members(c).forEach(m -> sb.append("  ").append(m).append('\n'));
        sb.append("}\n");
      }
    }
    return sb.toString();
  }

  private static Class<?> load(String dotted) throws ClassNotFoundException {
    int dot = dotted.lastIndexOf('.');
    String binary = dotted.substring(0, "dev.weft".length() + 1)
        + dotted.substring("dev.weft".length() + 1).replace('.', '$');
    Class<?> c = Class.forName(binary, false, ApiDumpTest.class.getClassLoader());
    return c.isAnonymousClass() || c.isSynthetic() || dot < 0 ? null : c;
  }

  private static boolean isExported(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
      if (!Modifier.isPublic(k.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  private static String describe(Class<?> c) {
    String s = Modifier.toString(c.getModifiers() & ~Modifier.INTERFACE) + " "
        + (c.isInterface() ? "interface " : "class ") + c.getTypeName();
    if (c.getGenericSuperclass() != null && c.getSuperclass() != Object.class) {
      s += " extends " + c.getGenericSuperclass().getTypeName();
    }
    List<String> in = new ArrayList<>();
    for (var i : c.getGenericInterfaces()) {
      in.add(i.getTypeName());
    }
    return in.isEmpty() ? s : s + " implements " + String.join(", ", in);
  }

  private static List<String> members(Class<?> c) {
    List<Member> all = new ArrayList<>();
    all.addAll(List.of(c.getDeclaredFields()));
    all.addAll(List.of(c.getDeclaredConstructors()));
    all.addAll(List.of(c.getDeclaredMethods()));
    return all.stream()
        .filter(m -> !m.isSynthetic() && (Modifier.isPublic(m.getModifiers())
            || Modifier.isProtected(m.getModifiers())))
        .filter(m -> !(m instanceof Method) || !((Method) m).isBridge())
        .map(ApiDumpTest::toSignature)
        .sorted()
        .collect(Collectors.toList());
  }

  private static String toSignature(Member m) {
    if (m instanceof Field) {
      return ((Field) m).toGenericString();
    }
    return m instanceof Constructor || m instanceof Method
        ? ((Executable) m).toGenericString() : m.toString();
  }
}
