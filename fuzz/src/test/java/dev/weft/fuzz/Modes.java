package dev.weft.fuzz;

import dev.weft.weaver.ByteLoader;
import dev.weft.weaver.ClassHierarchy;
import dev.weft.weaver.ClassHierarchy.ClassInfo;
import dev.weft.weaver.DirectoryWeaver;
import dev.weft.weaver.WeaveException;
import dev.weft.weaver.Weaver;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;

/**
 * The four ways a program gets woven (README, semantics 8: all give the same bytes), as the
 * processor's run tests do them: {@code WeftProcessor} during javac; plain javac then {@link
 * Weaver#weave} per class; plain javac then the agent's {@code WeavingTransformer.transform} as
 * the JVM would call it at load time; plain javac into a directory then the Maven plugin's {@link
 * DirectoryWeaver} over it in place.
 *
 * <p>The processor and the agent are their shipped (shaded) jars, each in a child-first loader of
 * its own: they carry their own copy of the weaver over relocated ASM. Their paths come from
 * {@code -Dweft.fuzz.processorJar} and {@code -Dweft.fuzz.agentJar} (set by fuzz/pom.xml).
 */
enum Modes {
  DIRECT,
  PROCESSOR,
  AGENT,
  PLUGIN;

  /** The mode a program of {@code seed} is run in: every mode in turn. */
  static Modes of(long seed) {
    return values()[(int) Math.floorMod(seed, (long) values().length)];
  }

  /** A weaver knowing {@code compiled} and reading everything else as resources of the test loader. */
  static Weaver directWeaver(Map<String, byte[]> compiled) {
    Map<String, ClassInfo> infos = new HashMap<>();
    compiled.forEach((name, bytes) -> infos.put(name, ClassInfo.read(bytes)));
    ClassHierarchy program = infos::get;
    return new Weaver(program.orElse(ClassHierarchy.fromResources(Modes.class.getClassLoader())));
  }

  /** DIRECT: each class of {@code classes} through {@code weaver}; {@code null} results keep the class. */
  static Map<String, byte[]> direct(Weaver weaver, Map<String, byte[]> classes) throws WeaveException {
    Map<String, byte[]> out = new TreeMap<>();
    for (Map.Entry<String, byte[]> e : classes.entrySet()) {
      byte[] woven = weaver.weave(e.getValue());
      out.put(e.getKey(), woven != null ? woven : e.getValue());
    }
    return out;
  }

  /**
   * AGENT: each class of {@code classes}, in name order, through a fresh shipped transformer, with
   * the arguments the JVM passes when it first loads a class: a defining loader serving {@code
   * all} as resources, the internal name, nothing redefined, no protection domain. A class with an
   * {@code @Async} method that the agent leaves alone is an error carrying the agent's log.
   */
  static Map<String, byte[]> agent(Map<String, byte[]> all, Map<String, byte[]> classes) {
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    ClassFileTransformer transformer = newTransformer(log::add);
    ByteLoader definingLoader = new ByteLoader(all);
    Map<String, byte[]> out = new TreeMap<>();
    for (Map.Entry<String, byte[]> e : classes.entrySet()) {
      byte[] woven;
      try {
        woven = transformer.transform(definingLoader, e.getKey(), null, null, e.getValue().clone());
      } catch (IllegalClassFormatException ex) {
        throw new IllegalStateException("the agent threw on " + e.getKey() + ": " + ex, ex);
      }
      if (woven == null && hasAsync(e.getValue())) {
        throw new IllegalStateException("the agent left " + e.getKey() + " unwoven; its log:\n" + String.join("\n", log));
      }
      out.put(e.getKey(), woven != null ? woven : e.getValue());
    }
    return out;
  }

  /**
   * PLUGIN: {@code all} written to a fresh directory, {@code DirectoryWeaver} over it (hierarchy:
   * the directory, then the test class path, as the plugin passes the project's), read back.
   */
  static Map<String, byte[]> plugin(Map<String, byte[]> all) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("weft-fuzz-plugin-");
      for (Map.Entry<String, byte[]> e : all.entrySet()) {
        Path file = dir.resolve(e.getKey() + ".class");
        Files.createDirectories(file.getParent());
        Files.write(file, e.getValue());
      }
      // the directory as the plugin reads it, then the class path; the class path's hierarchy is
      // made once: DirectoryWeaver.hierarchyFor opens every jar it is given, per call
      DirectoryWeaver.Report report =
          new DirectoryWeaver(DirectoryWeaver.hierarchyFor(dir, List.of()).orElse(CLASSPATH_HIERARCHY), name -> true)
              .weave(dir);
      if (!report.problems().isEmpty()) {
        throw new IllegalStateException("the plugin could not weave: " + report.problems());
      }
      Map<String, byte[]> out = new TreeMap<>();
      for (String name : all.keySet()) {
        out.put(name, Files.readAllBytes(dir.resolve(name + ".class")));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(dir);
    }
  }

  /**
   * What {@link Weaver#weave} of the weaver copy that {@code mode} ships (the processor's or the
   * agent's shaded one, or the class path's for DIRECT and PLUGIN) makes of {@code classes}, with
   * {@code all} as resources for the hierarchy. Each mode must give exactly these bytes: this
   * checks the mode's plumbing even when the installed jars carry an older weaver than the class
   * path.
   */
  static Map<String, byte[]> directWithWeaverOf(Modes mode, Map<String, byte[]> all, Map<String, byte[]> classes)
      throws ReflectiveOperationException {
    ClassLoader copy = switch (mode) {
      case PROCESSOR -> PROCESSOR_LOADER;
      case AGENT -> AGENT_LOADER;
      default -> Modes.class.getClassLoader();
    };
    Class<?> hierarchy = Class.forName("dev.weft.weaver.ClassHierarchy", true, copy);
    Class<?> weaverType = Class.forName("dev.weft.weaver.Weaver", true, copy);
    Object resources = hierarchy.getMethod("fromResources", ClassLoader.class).invoke(null, new ByteLoader(all));
    Object weaver = weaverType.getConstructor(hierarchy).newInstance(resources);
    java.lang.reflect.Method weave = weaverType.getMethod("weave", byte[].class);
    Map<String, byte[]> out = new TreeMap<>();
    for (Map.Entry<String, byte[]> e : classes.entrySet()) {
      byte[] woven;
      try {
        woven = (byte[]) weave.invoke(weaver, (Object) e.getValue().clone());
      } catch (java.lang.reflect.InvocationTargetException ex) {
        throw new IllegalStateException("the weaver of " + mode + " threw on " + e.getKey() + ": " + ex.getCause(), ex.getCause());
      }
      out.put(e.getKey(), woven != null ? woven : e.getValue());
    }
    return out;
  }

  /** PROCESSOR: javac with the shipped {@code WeftProcessor} over {@code sources}. */
  static Map<String, byte[]> processor(Map<String, String> sources) throws Javac.CompileError {
    return Javac.compile(sources, newProcessor());
  }

  private static Processor newProcessor() {
    try {
      return (Processor) Class.forName("dev.weft.processor.WeftProcessor", true, PROCESSOR_LOADER)
          .getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot make the shipped WeftProcessor: " + e, e);
    }
  }

  private static ClassFileTransformer newTransformer(Consumer<String> log) {
    try {
      Class<?> options = Class.forName("dev.weft.agent.AgentOptions", true, AGENT_LOADER);
      Class<?> transformer = Class.forName("dev.weft.agent.WeavingTransformer", true, AGENT_LOADER);
      Object defaults = options.getMethod("parse", String.class).invoke(null, (String) null);
      return (ClassFileTransformer) transformer.getConstructor(options, Consumer.class).newInstance(defaults, log);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot make the shipped agent's WeavingTransformer: " + e, e);
    }
  }

  private static final ClassLoader PROCESSOR_LOADER = jarLoader("weft.fuzz.processorJar");
  private static final ClassLoader AGENT_LOADER = jarLoader("weft.fuzz.agentJar");

  /** A loader defining the classes of the jar named by {@code property} itself, child-first. */
  private static ClassLoader jarLoader(String property) {
    String jar = System.getProperty(property, "");
    if (jar.isBlank() || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("-D" + property + " must name the shipped jar (fuzz/pom.xml sets it): '" + jar + "'");
    }
    try {
      return new ChildFirstLoader(new URL[] {Path.of(jar).toUri().toURL()}, Modes.class.getClassLoader());
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Classes of its own jar first: the jar's shaded weaver must not resolve to the test class path's. */
  private static final class ChildFirstLoader extends URLClassLoader {
    static {
      registerAsParallelCapable();
    }

    ChildFirstLoader(URL[] urls, ClassLoader parent) {
      super(urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null && findResource(name.replace('.', '/') + ".class") != null) {
          c = findClass(name);
        }
        if (c == null) {
          return super.loadClass(name, resolve);
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }
  }

  static boolean hasAsync(byte[] classFile) {
    return new String(classFile, java.nio.charset.StandardCharsets.ISO_8859_1).contains("Ldev/weft/annotations/Async;");
  }

  /** The test class path's classes as resources, in a loader whose parent is the platform loader. */
  private static final ClassHierarchy CLASSPATH_HIERARCHY = classpathHierarchy();

  private static ClassHierarchy classpathHierarchy() {
    List<URL> urls = new ArrayList<>();
    try {
      for (Path entry : testClasspath()) {
        urls.add(entry.toUri().toURL());
      }
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
    return ClassHierarchy.fromResources(new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader()));
  }

  private static List<Path> testClasspath() {
    List<Path> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        entries.add(Path.of(entry));
      }
    }
    return entries;
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temp directory left behind is not a fuzzing failure
    }
  }
}
