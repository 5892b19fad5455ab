package dev.weft.processor.run;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.weft.weaver.ClassHierarchy;
import dev.weft.weaver.ClassHierarchy.ClassInfo;
import dev.weft.weaver.WeaveException;
import dev.weft.weaver.Weaver;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * A program compiled and woven in one {@link Mode}: its class files by internal name, each checked
 * by ASM's {@code CheckClassAdapter} and, for a class with an {@code @Async} method, carrying the
 * {@code @Woven} marker. Compilations are cached per mode and sources; every {@link #load} defines
 * the classes afresh, so static state never leaks between runs.
 */
final class WovenProgram {
  static final String ASYNC = "Ldev/weft/annotations/Async;";
  static final String WOVEN = "Ldev/weft/annotations/Woven;";
  /** {@code -g}: local variable tables too, so that tests can check that names survive. */
  private static final List<String> JAVAC_OPTIONS = List.of("-g", "-Xlint:-options");

  private static final Map<List<String>, Object> CACHE = new ConcurrentHashMap<>();

  private final Map<String, byte[]> classes;

  private WovenProgram(Map<String, byte[]> classes) {
    this.classes = classes;
  }

  /** The program of {@code sources} (plus {@code prog.Support}) woven in {@code mode}. */
  static WovenProgram of(Mode mode, String... sources) {
    List<String> key = new ArrayList<>(List.of(mode.name()));
    key.addAll(List.of(sources));
    Object outcome = CACHE.computeIfAbsent(key, k -> build(mode, sources));
    if (outcome instanceof Throwable failure) {
      throw new AssertionError(mode + ": " + failure.getMessage(), failure);
    }
    return (WovenProgram) outcome;
  }

  private static Object build(Mode mode, String... sources) {
    try {
      Map<String, byte[]> classes =
          mode == Mode.PROCESSOR ? javac(true, sources) : weaveAll(javac(false, sources));
      checkAll(classes);
      return new WovenProgram(classes);
    } catch (Throwable t) {
      return t;
    }
  }

  /** Class files by internal name, in name order. */
  Map<String, byte[]> classes() {
    return classes;
  }

  byte[] bytes(String simpleName) {
    byte[] bytes = classes.get("prog/" + simpleName);
    assertWithMessage("class prog/%s in %s", simpleName, classes.keySet()).that(bytes).isNotNull();
    return bytes;
  }

  Program load(Timing timing) {
    return new Program(classes, timing);
  }

  /** Compiles {@code sources} and {@code prog.Support}, with or without {@code WeftProcessor}. */
  static Map<String, byte[]> javac(boolean withProcessor, String... sources) {
    List<JavaFileObject> files = new ArrayList<>();
    files.add(source(SupportSource.SUPPORT));
    for (String source : sources) {
      files.add(source(source));
    }
    List<String> options = new ArrayList<>(JAVAC_OPTIONS);
    Compiler compiler = Compiler.javac();
    if (withProcessor) {
      compiler = compiler.withProcessors(newProcessor());
    } else {
      options.add("-proc:none"); // WeftProcessor is on the class path: keep javac from finding it
    }
    Compilation compilation = compiler.withOptions(options).compile(files);
    assertWithMessage("compilation (processor: %s) failed:\n%s", withProcessor,
            compilation.diagnostics())
        .that(compilation.status())
        .isEqualTo(Compilation.Status.SUCCESS);
    Map<String, byte[]> classes = new TreeMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        byte[] bytes = read(file);
        classes.put(new ClassReader(bytes).getClassName(), bytes);
      }
    }
    return classes;
  }

  /** The processor, found by name: this test code compiles before the processor exists. */
  private static Processor newProcessor() {
    try {
      return (Processor)
          Class.forName("dev.weft.processor.WeftProcessor").getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot make dev.weft.processor.WeftProcessor: " + e, e);
    }
  }

  /** DIRECT mode: each class through {@code Weaver.weave}; classes it leaves alone stay as they are. */
  static Map<String, byte[]> weaveAll(Map<String, byte[]> plain) {
    Weaver weaver = directWeaver(plain);
    Map<String, byte[]> woven = new TreeMap<>();
    plain.forEach((name, bytes) -> {
      byte[] out = weave(weaver, name, bytes);
      woven.put(name, out != null ? out : bytes);
    });
    return woven;
  }

  static byte[] weave(Weaver weaver, String name, byte[] bytes) {
    try {
      return weaver.weave(bytes);
    } catch (WeaveException e) {
      throw new AssertionError("weaving " + name + " failed:\n" + e.getMessage(), e);
    }
  }

  /** A weaver that knows the just-compiled classes and reads everything else as resources. */
  static Weaver directWeaver(Map<String, byte[]> compiled) {
    Map<String, ClassInfo> infos = new TreeMap<>();
    compiled.forEach((name, bytes) -> infos.put(name, ClassInfo.read(bytes)));
    ClassHierarchy program = infos::get;
    return new Weaver(
        program.orElse(ClassHierarchy.fromResources(WovenProgram.class.getClassLoader())));
  }

  /** ASM's verifier on every class, and the marker on every class with an {@code @Async} method. */
  static void checkAll(Map<String, byte[]> classes) {
    ByteLoader loader = new ByteLoader(classes);
    classes.forEach((name, bytes) -> {
      StringWriter out = new StringWriter();
      CheckClassAdapter.verify(new ClassReader(bytes), loader, false, new PrintWriter(out));
      assertWithMessage("CheckClassAdapter.verify(%s)", name).that(out.toString()).isEmpty();
      if (hasAsyncMethod(bytes)) {
        assertWithMessage("@Woven on %s (it has an @Async method)", name)
            .that(isWoven(bytes)).isTrue();
      }
    });
  }

  static ClassNode node(byte[] bytes) {
    ClassNode node = new ClassNode();
    new ClassReader(bytes).accept(node, 0);
    return node;
  }

  static boolean hasAsyncMethod(byte[] bytes) {
    for (MethodNode method : node(bytes).methods) {
      if (has(method.invisibleAnnotations, ASYNC) || has(method.visibleAnnotations, ASYNC)) {
        return true;
      }
    }
    return false;
  }

  static boolean isWoven(byte[] bytes) {
    return has(node(bytes).invisibleAnnotations, WOVEN);
  }

  /** The {@code format} value of the class's {@code @Woven}, or -1. */
  static int wovenFormat(byte[] bytes) {
    List<AnnotationNode> annotations = node(bytes).invisibleAnnotations;
    for (AnnotationNode a : annotations != null ? annotations : List.<AnnotationNode>of()) {
      if (a.desc.equals(WOVEN) && a.values != null) {
        for (int i = 0; i + 1 < a.values.size(); i += 2) {
          if ("format".equals(a.values.get(i))) {
            return (Integer) a.values.get(i + 1);
          }
        }
      }
    }
    return -1;
  }

  private static boolean has(List<AnnotationNode> annotations, String desc) {
    return annotations != null && annotations.stream().anyMatch(a -> a.desc.equals(desc));
  }

  private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern TOP_TYPE =
      Pattern.compile(
          "^(?:public\\s+|final\\s+|abstract\\s+)*(?:class|interface|enum|record)\\s+(\\w+)",
          Pattern.MULTILINE);

  /** A source file named after its package and first top-level type (at the start of a line). */
  static JavaFileObject source(String text) {
    Matcher pkg = PACKAGE.matcher(text);
    Matcher type = TOP_TYPE.matcher(text);
    if (!type.find()) {
      throw new IllegalArgumentException("no top-level type in:\n" + text);
    }
    String name = (pkg.find() ? pkg.group(1) + "." : "") + type.group(1);
    return JavaFileObjects.forSourceString(name, text);
  }

  private static byte[] read(JavaFileObject file) {
    try (InputStream in = file.openInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
