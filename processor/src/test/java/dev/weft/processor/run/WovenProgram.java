package dev.weft.processor.run;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.weft.agent.AgentOptions;
import dev.weft.agent.WeavingTransformer;
import dev.weft.weaver.ByteLoader;
import dev.weft.weaver.ClassHierarchy;
import dev.weft.weaver.ClassHierarchy.ClassInfo;
import dev.weft.weaver.WeaveException;
import dev.weft.weaver.DirectoryWeaver;
import dev.weft.weaver.Weaver;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
  /**
   * The {@code --release} programs are compiled for: {@code -Dweft.run.release=25} compiles them
   * for JDK 25 (run on a JDK 25, as processor/pom.xml's {@code jdk25} profile does); default 17.
   */
  static final String RELEASE = System.getProperty("weft.run.release", "17").trim();
  /** {@code -g}: local variable tables too, so that tests can check that names survive. */
  private static final List<String> JAVAC_OPTIONS =
      List.of("-g", "-Xlint:-options", "--release", RELEASE.isEmpty() ? "17" : RELEASE);

  private static final Map<List<String>, Object> CACHE = new ConcurrentHashMap<>();
  /** Plain javac output by sources, shared by the modes that weave after javac. */
  private static final Map<List<String>, Map<String, byte[]>> PLAIN = new ConcurrentHashMap<>();

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
          switch (mode) {
            case PROCESSOR -> javac(true, sources);
            case DIRECT -> weaveAll(plain(sources));
            case AGENT -> agentWeaveAll(plain(sources));
            case PLUGIN -> pluginWeaveAll(plain(sources));
          };
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

  /** {@code javac(false, sources)}, compiled once for every mode that weaves after javac. */
  static Map<String, byte[]> plain(String... sources) {
    return PLAIN.computeIfAbsent(
        List.of(sources), k -> Collections.unmodifiableMap(javac(false, sources)));
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

  /**
   * AGENT mode: each class, in name order, through {@code WeavingTransformer.transform} with the
   * arguments the JVM passes when it first loads a class: the defining loader (one that serves the
   * plain class files as resources, as a class path would), the internal name, no class being
   * redefined, no protection domain. {@code null} means the class is left as it was; a class with
   * an {@code @Async} method left so is a failure, reported with the agent's log.
   */
  static Map<String, byte[]> agentWeaveAll(Map<String, byte[]> plain) {
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    ClassFileTransformer transformer = agentTransformer(log);
    ByteLoader definingLoader = new ByteLoader(plain);
    Map<String, byte[]> woven = new TreeMap<>();
    plain.forEach((name, bytes) -> {
      byte[] out = agentTransform(transformer, definingLoader, name, bytes);
      if (out == null && hasAsyncMethod(bytes)) {
        throw new AssertionError(
            "the agent left " + name + " (it has an @Async method) unwoven; agent log:\n"
                + String.join("\n", log));
      }
      woven.put(name, out != null ? out : bytes);
    });
    return woven;
  }

  /**
   * The agent's transformer with default options, logging into {@code log}. When {@code weft-agent}
   * on the test class path is its shaded jar (a reactor {@code verify}, or the installed artifact),
   * the transformer comes from that jar alone, in a loader whose parent is the platform loader: the
   * agent's own copy of the weaver and its relocated ASM weave, exactly as with {@code
   * -javaagent:weft-agent.jar}, not the {@code weft-weaver} classes beside it on the class path.
   * Over plain classes ({@code mvn test} in the reactor) it is the class-path transformer.
   */
  static ClassFileTransformer agentTransformer(List<String> log) {
    Consumer<String> sink = log::add;
    if (SHIPPED_AGENT == null) {
      return new WeavingTransformer(AgentOptions.parse(null), sink);
    }
    try {
      Class<?> options = Class.forName(AgentOptions.class.getName(), true, SHIPPED_AGENT);
      Class<?> transformer = Class.forName(WeavingTransformer.class.getName(), true, SHIPPED_AGENT);
      Object defaults = options.getMethod("parse", String.class).invoke(null, (String) null);
      return (ClassFileTransformer)
          transformer.getConstructor(options, Consumer.class).newInstance(defaults, sink);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot make the shipped agent's WeavingTransformer: " + e, e);
    }
  }

  /** Whether AGENT mode weaves through the shaded agent jar, as {@code -javaagent} would. */
  static boolean agentIsShipped() {
    return SHIPPED_AGENT != null;
  }

  /** The agent jar in a loader of its own, or {@code null} when the agent is not a shaded jar. */
  private static final ClassLoader SHIPPED_AGENT = shippedAgent();

  /** Where the agent's classes come from: the shaded jar, or a directory of plain classes. */
  static final String AGENT_LOCATION =
      String.valueOf(WeavingTransformer.class.getProtectionDomain().getCodeSource().getLocation());

  private static ClassLoader shippedAgent() {
    URL location = WeavingTransformer.class.getProtectionDomain().getCodeSource().getLocation();
    URLClassLoader loader =
        new URLClassLoader(new URL[] {location}, ClassLoader.getPlatformClassLoader());
    // the shaded jar carries the weaver; a plain agent module (target/classes) does not
    return loader.findResource("dev/weft/weaver/Weaver.class") != null ? loader : null;
  }

  static byte[] agentTransform(
      ClassFileTransformer transformer, ClassLoader loader, String name, byte[] bytes) {
    try {
      return transformer.transform(loader, name, null, null, bytes.clone());
    } catch (IllegalClassFormatException e) {
      throw new AssertionError("the agent threw on " + name + ": " + e, e);
    }
  }

  /**
   * PLUGIN mode: the class files written into a fresh directory as javac would lay them out, {@code
   * DirectoryWeaver} over it in place (hierarchy: the directory plus the test class path, as the
   * plugin passes the project's classpath), then every class file read back.
   */
  static Map<String, byte[]> pluginWeaveAll(Map<String, byte[]> plain) {
    Path dir = null;
    try {
      dir = writeClasses(plain);
      DirectoryWeaver.Report report = pluginWeave(dir);
      if (!report.problems().isEmpty()) {
        throw new AssertionError("the plugin could not weave:\n"
            + report.problems().stream().map(Object::toString).collect(Collectors.joining("\n")));
      }
      Map<String, byte[]> woven = readClasses(dir);
      if (!woven.keySet().equals(plain.keySet())) {
        throw new AssertionError(
            "the plugin changed the set of classes: " + plain.keySet() + " -> " + woven.keySet());
      }
      return woven;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(dir);
    }
  }

  static DirectoryWeaver.Report pluginWeave(Path dir) throws IOException {
    return new DirectoryWeaver(DirectoryWeaver.hierarchyFor(dir, testClasspath()), name -> true)
        .weave(dir);
  }

  /** The class path this test runs with (the runtime and annotations jars among it). */
  static List<Path> testClasspath() {
    return Stream.of(System.getProperty("java.class.path", "").split(File.pathSeparator))
        .filter(entry -> !entry.isBlank())
        .map(Paths::get)
        .collect(Collectors.toUnmodifiableList());
  }

  static Path writeClasses(Map<String, byte[]> classes) throws IOException {
    Path dir = Files.createTempDirectory("weft-plugin-mode-");
    for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
      Path file = dir.resolve(entry.getKey() + ".class");
      Files.createDirectories(file.getParent());
      Files.write(file, entry.getValue());
    }
    return dir;
  }

  static Map<String, byte[]> readClasses(Path dir) throws IOException {
    Map<String, byte[]> classes = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file : walk.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList())) {
        byte[] bytes = Files.readAllBytes(file);
        classes.put(new ClassReader(bytes).getClassName(), bytes);
      }
    }
    return classes;
  }

  static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temp directory left behind is not a test failure
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
