package dev.weft;

import dev.weft.internal.Coroutine;
import dev.weft.internal.Frames;
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
 * Fails when the public API of the runtime differs from the reviewed dumps in {@code
 * src/test/resources/api/} (as kotlinx keeps {@code api/*.api}): {@code weft-runtime.api} for what
 * users program against, every exported package ({@code dev.weft}, {@code dev.weft.net}, {@code
 * dev.weft.sync}) in turn, but not {@code dev.weft.internal.*}, which is not API; and {@code weft-runtime-abi.api} for the woven-code ABI (the coroutine, its resumer and
 * the frame classes), which class files woven today link against and which may only grow. After
 * a deliberate change, review {@code target/*.api} and copy them over the checked-in files.
 */
class ApiDumpTest {
  @Test
  void publicApiMatchesTheReviewedDump() throws Exception {
    check("weft-runtime.api", dump(c -> !isWovenAbi(c) && !c.getPackageName().startsWith("dev.weft.internal")));
  }

  @Test
  void wovenCodeAbiMatchesTheReviewedDump() throws Exception {
    check("weft-runtime-abi.api", dump(ApiDumpTest::isWovenAbi));
  }

  /** The classes woven code names (see the weaver's STATE_MACHINE.md): package dev.weft.internal. */
  static boolean isWovenAbi(Class<?> c) {
    return c.getPackageName().equals("dev.weft.internal");
  }

  private static void check(String name, String actual) throws IOException {
    Path out = Paths.get("target", name);
    Files.writeString(out, actual, StandardCharsets.UTF_8);
    String expected;
    try (var in = ApiDumpTest.class.getClassLoader().getResourceAsStream("api/" + name)) {
      expected = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(expected, actual, "The public API changed. Review " + out.toAbsolutePath()
        + " and copy it to src/test/resources/api/" + name);
  }

  static String dump(java.util.function.Predicate<Class<?>> include)
      throws IOException, URISyntaxException, ClassNotFoundException {
    Path classes = Paths.get(Task.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> names;
    try (Stream<Path> files = Files.walk(classes.resolve("dev/weft"))) {
      names = files.map(p -> classes.relativize(p).toString().replace(java.io.File.separatorChar, '/'))
          .filter(n -> n.endsWith(".class"))
          .map(n -> n.substring(0, n.length() - 6).replace('/', '.'))
          .sorted(java.util.Comparator.comparing(ApiDumpTest::packageOf).thenComparing(n -> n))
          .collect(Collectors.toList());
    }
    StringBuilder sb = new StringBuilder();
    String pkg = null;
    for (String name : names) {
      Class<?> c = Class.forName(name, false, ApiDumpTest.class.getClassLoader());
      if (c.isAnonymousClass() || c.isSynthetic() || !isExported(c) || !include.test(c)) {
        continue;
      }
      if (!packageOf(name).equals(pkg)) {
        pkg = packageOf(name);
        sb.append("package ").append(pkg).append('\n');
      }
      sb.append(describe(c)).append(" {\n");
      members(c).forEach(m -> sb.append("  ").append(m).append('\n'));
      sb.append("}\n");
    }
    return sb.toString();
  }

  private static String packageOf(String binaryName) {
    return binaryName.substring(0, binaryName.lastIndexOf('.'));
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
