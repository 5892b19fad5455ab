package dev.weft.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.TreeMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;
import org.objectweb.asm.util.TraceClassVisitor;

/**
 * Compiles sources, weaves every class, verifies each woven class with {@link CheckClassAdapter}
 * and defines them in a fresh class loader. Classes defined by a non-boot loader go through the
 * JVM's bytecode verifier by default, so loading them is a second, independent verification.
 */
final class WovenClasses extends ClassLoader {
  final Map<String, byte[]> original;
  final Map<String, byte[]> woven = new TreeMap<>();

  WovenClasses(Map<String, String> sources) throws WeaveException {
    super(WovenClasses.class.getClassLoader());
    original = InMemoryJavac.compile(sources);
    Weaver weaver = new Weaver(hierarchy());
    for (Map.Entry<String, byte[]> entry : original.entrySet()) {
      byte[] result = weaver.weave(entry.getValue());
      woven.put(entry.getKey(), result != null ? result : entry.getValue());
    }
    woven.forEach((name, bytes) -> verify(name, bytes));
  }

  /** The compiled classes, then the test's class path. */
  ClassHierarchy hierarchy() {
    ClassHierarchy compiled =
        name -> original.containsKey(name) ? ClassHierarchy.ClassInfo.read(original.get(name)) : null;
    return compiled.orElse(ClassHierarchy.fromResources(getParent()));
  }

  private void verify(String name, byte[] bytes) {
    StringWriter problems = new StringWriter();
    CheckClassAdapter.verify(new ClassReader(bytes), this, false, new PrintWriter(problems));
    assertEquals("", problems.toString(), () -> "verification of " + name + " failed:\n" + listing(bytes));
  }

  static String listing(byte[] bytes) {
    StringWriter out = new StringWriter();
    new ClassReader(bytes).accept(new TraceClassVisitor(new PrintWriter(out)), 0);
    return out.toString();
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = woven.get(name.replace('.', '/'));
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, bytes, 0, bytes.length);
  }

  /** Imports every program of {@link #runProgram} starts with. */
  static final String PROGRAM_HEADER =
      """
      package t;
      import dev.weft.*;
      import dev.weft.annotations.Async;
      import static dev.weft.Task.await;
      import java.util.concurrent.*;
      import java.util.function.*;
      """;

  /**
   * Compiles {@code body} (the class {@code t.P}, after {@link #PROGRAM_HEADER}), weaves it, and
   * returns what its {@code public static Object run()} returns.
   */
  static Object runProgram(String body) throws Exception {
    return new WovenClasses(Map.of("t.P", PROGRAM_HEADER + body)).call("t.P", "run");
  }

  /** Calls the public static no-argument method {@code method} of class {@code name}. */
  Object call(String name, String method) throws Exception {
    return loadClass(name).getMethod(method).invoke(null);
  }
}
