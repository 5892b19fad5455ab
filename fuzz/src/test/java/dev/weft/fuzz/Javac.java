package dev.weft.fuzz;

import dev.weft.Task;
import dev.weft.annotations.Async;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.processing.Processor;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * javac in memory ({@code -g --release 17}) over sources by internal name, with the runtime and
 * annotations on the class path; with or without an annotation processor ({@code WeftProcessor}
 * weaves each class as javac writes it). Thread-safe.
 */
final class Javac {
  private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();
  private static final String CLASSPATH = classpath();

  private Javac() {}

  /** A compilation that failed: the first diagnostics. */
  static final class CompileError extends Exception {
    private static final long serialVersionUID = 1L;

    CompileError(String message) {
      super(message);
    }
  }

  /**
   * Class files by internal name of {@code sources} (internal class name to text), with {@code
   * processor} run during the compilation, or none ({@code -proc:none}) when it is {@code null}.
   */
  static Map<String, byte[]> compile(Map<String, String> sources, Processor processor) throws CompileError {
    List<JavaFileObject> files = new ArrayList<>();
    sources.forEach((name, text) -> files.add(new Source(name, text)));
    Map<String, byte[]> out = new ConcurrentHashMap<>();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StandardJavaFileManager standard = JAVAC.getStandardFileManager(diagnostics, Locale.ROOT, null);
    JavaFileManager manager = new ForwardingJavaFileManager<>(standard) {
      @Override
      public JavaFileObject getJavaFileForOutput(
          Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
        return new MemoryClass(className.replace('.', '/'), kind, out);
      }

      // WeftProcessor reads each class file back and rewrites it through the Filer as resources

      @Override
      public FileObject getFileForInput(Location location, String packageName, String relativeName)
          throws java.io.IOException {
        String name = resourceName(packageName, relativeName);
        if (location == javax.tools.StandardLocation.CLASS_OUTPUT && name != null && out.containsKey(name)) {
          return new MemoryClass(name, JavaFileObject.Kind.CLASS, out);
        }
        return super.getFileForInput(location, packageName, relativeName);
      }

      @Override
      public FileObject getFileForOutput(
          Location location, String packageName, String relativeName, FileObject sibling) throws java.io.IOException {
        String name = resourceName(packageName, relativeName);
        if (location == javax.tools.StandardLocation.CLASS_OUTPUT && name != null) {
          return new MemoryClass(name, JavaFileObject.Kind.CLASS, out);
        }
        return super.getFileForOutput(location, packageName, relativeName, sibling);
      }
    };
    List<String> options = new ArrayList<>(List.of("-g", "--release", "17", "-nowarn", "-Xlint:none",
        "-classpath", CLASSPATH));
    if (processor == null) {
      options.add("-proc:none");
    }
    JavaCompiler.CompilationTask task = JAVAC.getTask(null, manager, diagnostics, options, null, files);
    if (processor != null) {
      task.setProcessors(List.of(processor));
    }
    boolean ok;
    try {
      ok = task.call();
    } finally {
      try {
        standard.close(); // the jars it opened: a campaign compiles thousands of batches
      } catch (java.io.IOException e) {
        // nothing left to do with it
      }
    }
    if (!ok) {
      StringBuilder b = new StringBuilder();
      diagnostics.getDiagnostics().stream().limit(10).forEach(d -> b.append(d).append('\n'));
      throw new CompileError(b.toString());
    }
    return new TreeMap<>(out);
  }

  /** {@code fz} + {@code P1.class} → {@code fz/P1}; {@code null} for a resource that is no class file. */
  private static String resourceName(String packageName, String relativeName) {
    if (!relativeName.endsWith(".class")) {
      return null;
    }
    String simple = relativeName.substring(0, relativeName.length() - ".class".length());
    return packageName.isEmpty() ? simple : packageName.replace('.', '/') + "/" + simple;
  }

  /** A class file kept in {@code out} under its internal name; read back as written last. */
  private static final class MemoryClass extends SimpleJavaFileObject {
    private final String name;
    private final Map<String, byte[]> out;

    MemoryClass(String name, Kind kind, Map<String, byte[]> out) {
      super(URI.create("mem:///" + name + kind.extension), kind);
      this.name = name;
      this.out = out;
    }

    @Override
    public java.io.InputStream openInputStream() throws java.io.IOException {
      byte[] bytes = out.get(name);
      if (bytes == null) {
        throw new java.io.FileNotFoundException(name);
      }
      return new java.io.ByteArrayInputStream(bytes);
    }

    @Override
    public OutputStream openOutputStream() {
      return new ByteArrayOutputStream() {
        @Override
        public void close() {
          out.put(name, toByteArray());
        }
      };
    }
  }

  private static final class Source extends SimpleJavaFileObject {
    private final String text;

    Source(String name, String text) {
      super(URI.create("string:///" + name + ".java"), Kind.SOURCE);
      this.text = text;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }

  private static String classpath() {
    List<String> entries = new ArrayList<>();
    for (Class<?> c : List.of(Task.class, Async.class)) {
      try {
        entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
