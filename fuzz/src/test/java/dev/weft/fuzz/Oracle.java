package dev.weft.fuzz;

import dev.weft.Task;
import dev.weft.annotations.Async;
import dev.weft.weaver.ClassHierarchy;
import dev.weft.weaver.ClassHierarchy.ClassInfo;
import dev.weft.weaver.WeaveException;
import dev.weft.weaver.Weaver;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * The differential oracle: a batch of generated programs compiled twice with plain javac (once
 * with {@code Task.await}, then woven by {@link Weaver}; once with the blocking {@code fz.Ref.await},
 * not woven), each program run in fresh class loaders both ways; the traces must be equal.
 */
final class Oracle {
  /** One program's verdict: {@code null} problem means the traces matched. */
  record Result(long seed, String problem, String wovenTrace, String referenceTrace) {
    boolean mismatch() {
      return problem != null;
    }
  }

  private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();
  private static final String CLASSPATH = classpath();

  /** Nanoseconds spent: reference run, weaving, ASM verification, woven run (for tuning). */
  static final long[] TIMES = new long[4];

  private Oracle() {}

  /** Checks every program of {@code programs} (seed → source text with the await placeholder). */
  static List<Result> check(Map<Long, String> programs) {
    List<Result> results = new ArrayList<>();
    Map<String, byte[]> woven;
    Map<String, byte[]> reference;
    try {
      woven = compile(programs, true);
      reference = compile(programs, false);
    } catch (CompileError e) {
      if (programs.size() == 1) {
        long seed = programs.keySet().iterator().next();
        return List.of(new Result(seed, "GENERATOR: does not compile:\n" + e.getMessage(), "", ""));
      }
      // find the culprit(s) one by one
      programs.forEach((seed, text) -> results.addAll(check(Map.of(seed, text))));
      return results;
    }
    Map<String, byte[]> wovenSupport = support(woven);
    Map<String, byte[]> referenceSupport = support(reference);
    Weaver weaver = weaver(woven);
    for (Map.Entry<Long, String> program : programs.entrySet()) {
      results.add(checkOne(program.getKey(), weaver, woven, wovenSupport, reference, referenceSupport));
    }
    return results;
  }

  private static Result checkOne(long seed, Weaver weaver, Map<String, byte[]> woven,
      Map<String, byte[]> wovenSupport, Map<String, byte[]> reference,
      Map<String, byte[]> referenceSupport) {
    String name = "fz/" + Gen.className(seed);
    String referenceTrace;
    long t0 = System.nanoTime();
    try {
      referenceTrace = run(name, select(reference, name, referenceSupport));
    } catch (Throwable t) {
      return new Result(seed, "GENERATOR: reference run failed: " + stack(t), "", "");
    }
    long t1 = System.nanoTime();
    TIMES[0] += t1 - t0;
    Map<String, byte[]> classes = new TreeMap<>(wovenSupport);
    for (Map.Entry<String, byte[]> e : select(woven, name, Map.of()).entrySet()) {
      byte[] out;
      try {
        out = weaver.weave(e.getValue());
      } catch (WeaveException | RuntimeException | Error t) {
        return new Result(seed, "WEAVE: " + e.getKey() + " threw " + stack(t), "", referenceTrace);
      }
      classes.put(e.getKey(), out != null ? out : e.getValue());
    }
    long t2 = System.nanoTime();
    TIMES[1] += t2 - t1;
    ByteLoader loader = new ByteLoader(classes);
    for (Map.Entry<String, byte[]> e : classes.entrySet()) {
      if (!e.getKey().startsWith(name)) {
        continue;
      }
      StringWriter sw = new StringWriter();
      CheckClassAdapter.verify(new ClassReader(e.getValue()), loader, false, new PrintWriter(sw));
      if (!sw.toString().isEmpty()) {
        return new Result(seed, "VERIFY (ASM) " + e.getKey() + ":\n" + sw, "", referenceTrace);
      }
    }
    long t3 = System.nanoTime();
    TIMES[2] += t3 - t2;
    String wovenTrace;
    try {
      wovenTrace = runGuarded(name, classes);
    } catch (HangError t) {
      return new Result(seed, "HANG: " + t.getMessage(), "", referenceTrace);
    } catch (Throwable t) {
      return new Result(seed, "LOAD/RUN: " + stack(t), "", referenceTrace);
    }
    TIMES[3] += System.nanoTime() - t3;
    if (!wovenTrace.equals(referenceTrace)) {
      return new Result(seed, "TRACE differs", wovenTrace, referenceTrace);
    }
    return new Result(seed, null, wovenTrace, referenceTrace);
  }

  /** The classes of one program (its class and nested classes) plus the support classes. */
  private static Map<String, byte[]> select(
      Map<String, byte[]> all, String name, Map<String, byte[]> support) {
    Map<String, byte[]> classes = new TreeMap<>(support);
    all.forEach((n, b) -> {
      if (n.equals(name) || n.startsWith(name + "$")) {
        classes.put(n, b);
      }
    });
    return classes;
  }

  private static Map<String, byte[]> support(Map<String, byte[]> all) {
    Map<String, byte[]> classes = new TreeMap<>();
    all.forEach((n, b) -> {
      if (n.startsWith("fz/Fz") || n.startsWith("fz/Ref")) {
        classes.put(n, b);
      }
    });
    return classes;
  }

  static final class HangError extends Exception {
    HangError(String message) {
      super(message);
    }
  }

  /**
   * {@link #run} on a thread of its own: a woven program that never returns (a loop gone wrong)
   * is reported, and its thread abandoned, instead of stalling the campaign.
   */
  private static String runGuarded(String name, Map<String, byte[]> classes) throws Throwable {
    java.util.concurrent.FutureTask<String> task =
        new java.util.concurrent.FutureTask<>(() -> {
          try {
            return run(name, classes);
          } catch (Exception | Error e) {
            throw e;
          } catch (Throwable t) {
            throw new java.lang.reflect.UndeclaredThrowableException(t);
          }
        });
    Thread thread = new Thread(task, "weft-fuzz-run " + name);
    thread.setDaemon(true);
    thread.start();
    try {
      return task.get(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      thread.interrupt();
      throw new HangError(name + ".run() did not return within 60 s");
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause();
    }
  }

  /** Defines {@code classes} in a fresh loader (the JVM verifies them) and calls {@code run()}. */
  private static String run(String name, Map<String, byte[]> classes) throws Throwable {
    ByteLoader loader = new ByteLoader(classes);
    for (String n : classes.keySet()) {
      Class.forName(n.replace('/', '.'), false, loader).getDeclaredMethods(); // link: verify now
    }
    Class<?> type = Class.forName(name.replace('/', '.'), true, loader);
    try {
      return (String) type.getMethod("run").invoke(null);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static Weaver weaver(Map<String, byte[]> compiled) {
    Map<String, ClassInfo> infos = new HashMap<>();
    compiled.forEach((name, bytes) -> infos.put(name, ClassInfo.read(bytes)));
    ClassHierarchy program = infos::get;
    return new Weaver(program.orElse(ClassHierarchy.fromResources(Oracle.class.getClassLoader())));
  }

  static final class CompileError extends Exception {
    CompileError(String message) {
      super(message);
    }
  }

  /** javac ({@code -proc:none -g}) over the support sources and {@code programs}, in memory. */
  static Map<String, byte[]> compile(Map<Long, String> programs, boolean woven) throws CompileError {
    List<JavaFileObject> files = new ArrayList<>();
    files.add(new Source("fz/Fz", Support.FZ));
    if (!woven) {
      files.add(new Source("fz/Ref", Support.REF));
    }
    programs.forEach((seed, text) ->
        files.add(new Source("fz/" + Gen.className(seed), woven ? Gen.woven(text) : Gen.reference(text))));
    Map<String, byte[]> out = new ConcurrentHashMap<>();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StandardJavaFileManager standard = JAVAC.getStandardFileManager(diagnostics, Locale.ROOT, null);
    JavaFileManager manager = new ForwardingJavaFileManager<>(standard) {
      @Override
      public JavaFileObject getJavaFileForOutput(
          Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
        return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"), kind) {
          @Override
          public OutputStream openOutputStream() {
            return new ByteArrayOutputStream() {
              @Override
              public void close() {
                out.put(className.replace('.', '/'), toByteArray());
              }
            };
          }
        };
      }
    };
    List<String> options = List.of("-proc:none", "-g", "--release", "17", "-nowarn", "-Xlint:none",
        "-classpath", CLASSPATH);
    boolean ok = JAVAC.getTask(null, manager, diagnostics, options, null, files).call();
    if (!ok) {
      StringBuilder b = new StringBuilder();
      diagnostics.getDiagnostics().stream().limit(10).forEach(d -> b.append(d).append('\n'));
      throw new CompileError(b.toString());
    }
    return new TreeMap<>(out);
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

  static String stack(Throwable t) {
    StringWriter sw = new StringWriter();
    t.printStackTrace(new PrintWriter(sw));
    String s = sw.toString();
    return s.length() > 3000 ? s.substring(0, 3000) + "..." : s;
  }

  /** Keeps insertion order: handy for callers building batches. */
  static Map<Long, String> batch() {
    return new LinkedHashMap<>();
  }
}
