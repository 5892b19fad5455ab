package dev.weft.fuzz;

import dev.weft.weaver.ByteLoader;
import dev.weft.weaver.WeaveException;
import dev.weft.weaver.Weaver;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * The differential oracle: a batch of generated programs compiled twice with plain javac (once
 * with {@code Task.await}, then woven; once with the blocking {@code fz.Ref.await}, not woven),
 * each program run in fresh class loaders both ways; the traces must be equal. Each program is
 * woven in one of the four {@link Modes} (by seed, in turn) and also by that mode's copy of
 * {@link Weaver} directly; the two must give the same bytes.
 */
final class Oracle {
  /**
   * One program's verdict: {@code null} problem means the traces matched, or, when {@code refusal}
   * is set, that the weaver refused the program clearly as it may ({@link TooLarge}).
   */
  record Result(long seed, String problem, String wovenTrace, String referenceTrace, String refusal) {
    Result(long seed, String problem, String wovenTrace, String referenceTrace) {
      this(seed, problem, wovenTrace, referenceTrace, null);
    }

    boolean mismatch() {
      return problem != null;
    }

    boolean refused() {
      return refusal != null;
    }
  }


  /** Nanoseconds spent: reference run, weaving, ASM verification, woven run (for tuning). */
  static final long[] TIMES = new long[4];

  private Oracle() {}

  /**
   * Checks every program of {@code programs} (seed → source text with the await placeholder), each
   * woven in the mode {@link Modes#of} its seed picks (among {@code -Dweft.fuzz.modes}, default
   * all), and also directly: the two must give the same bytes.
   */
  static List<Result> check(Map<Long, String> programs) {
    List<Result> results = new ArrayList<>();
    Map<String, byte[]> woven;
    Map<String, byte[]> reference;
    try {
      woven = compile(programs, true);
      reference = compile(programs, false);
    } catch (Javac.CompileError e) {
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
    Weaver weaver = Modes.directWeaver(woven);
    Map<Long, String> byProcessor = new LinkedHashMap<>();
    programs.forEach((seed, text) -> {
      if (mode(seed) == Modes.PROCESSOR) {
        byProcessor.put(seed, text);
      }
    });
    Map<String, byte[]> processed = processor(byProcessor);
    for (Map.Entry<Long, String> program : programs.entrySet()) {
      results.add(checkOne(program.getKey(), weaver, woven, wovenSupport, reference, referenceSupport, processed));
    }
    return results;
  }

  private static final List<Modes> MODES = enabledModes();

  private static List<Modes> enabledModes() {
    String property = System.getProperty("weft.fuzz.modes", "").trim();
    if (property.isEmpty()) {
      return List.of(Modes.values());
    }
    List<Modes> modes = new ArrayList<>();
    for (String m : property.split(",")) {
      if (!m.isBlank()) {
        modes.add(Modes.valueOf(m.trim().toUpperCase(java.util.Locale.ROOT)));
      }
    }
    return List.copyOf(modes);
  }

  /** The weaving mode of the program of {@code seed}: the enabled modes in turn. */
  static Modes mode(long seed) {
    return MODES.get((int) Math.floorMod(seed, (long) MODES.size()));
  }

  /**
   * The processor's output for {@code programs} (woven form), or the failure text by program
   * name when a compilation with the processor fails (each program then alone, to name it).
   */
  private static Map<String, byte[]> processor(Map<Long, String> programs) {
    if (programs.isEmpty()) {
      return Map.of();
    }
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("fz/Fz", Support.FZ);
    programs.forEach((seed, text) -> sources.put("fz/" + Gen.className(seed), Gen.woven(text)));
    try {
      return Modes.processor(sources);
    } catch (Javac.CompileError | RuntimeException e) {
      if (programs.size() == 1) {
        return Map.of(PROCESSOR_FAILED + "fz/" + Gen.className(programs.keySet().iterator().next()),
            (e instanceof Javac.CompileError ? e.getMessage() : stack(e)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      Map<String, byte[]> all = new TreeMap<>();
      programs.forEach((seed, text) -> all.putAll(processor(Map.of(seed, text))));
      return all;
    }
  }

  private static final String PROCESSOR_FAILED = "!failed:";

  private static Result checkOne(long seed, Weaver weaver, Map<String, byte[]> woven,
      Map<String, byte[]> wovenSupport, Map<String, byte[]> reference,
      Map<String, byte[]> referenceSupport, Map<String, byte[]> processed) {
    String name = "fz/" + Gen.className(seed);
    Modes mode = mode(seed);
    String referenceTrace;
    long t0 = System.nanoTime();
    try {
      referenceTrace = run(name, select(reference, name, referenceSupport));
    } catch (Throwable t) {
      return new Result(seed, "GENERATOR: reference run failed: " + stack(t), "", "");
    }
    long t1 = System.nanoTime();
    TIMES[0] += t1 - t0;
    Map<String, byte[]> plain = select(woven, name, Map.of());
    Map<String, byte[]> direct;
    try {
      direct = Modes.direct(weaver, plain);
    } catch (WeaveException e) {
      String refusal = TooLarge.expectedRefusal(e, plain);
      return refusal != null
          ? new Result(seed, null, "", referenceTrace, refusal)
          : new Result(seed, "WEAVE (DIRECT): " + name + " threw " + stack(e), "", referenceTrace);
    } catch (RuntimeException | Error t) {
      return new Result(seed, "WEAVE (DIRECT): " + name + " threw " + stack(t), "", referenceTrace);
    }
    Map<String, byte[]> inMode;
    try {
      inMode = switch (mode) {
        case DIRECT -> direct;
        case AGENT -> Modes.agent(select(woven, name, wovenSupport), plain);
        case PLUGIN -> select(Modes.plugin(select(woven, name, wovenSupport)), name, Map.of());
        case PROCESSOR -> {
          byte[] failure = processed.get(PROCESSOR_FAILED + name);
          if (failure != null) {
            throw new IllegalStateException("javac with WeftProcessor failed:\n"
                + new String(failure, java.nio.charset.StandardCharsets.UTF_8));
          }
          yield select(processed, name, Map.of());
        }
      };
    } catch (RuntimeException | Error t) {
      return new Result(seed, "WEAVE (" + mode + "): " + name + " failed: " + stack(t), "", referenceTrace);
    }
    Map<String, byte[]> expected;
    try {
      // the processor and the agent ship their own weaver copy, maybe older than the class path's
      expected = mode == Modes.PROCESSOR || mode == Modes.AGENT
          ? Modes.directWithWeaverOf(mode, select(woven, name, wovenSupport), plain) : direct;
    } catch (ReflectiveOperationException | RuntimeException t) {
      return new Result(seed, "WEAVE (" + mode + " weaver, directly): " + name + " failed: " + stack(t), "",
          referenceTrace);
    }
    if (!inMode.keySet().equals(expected.keySet())) {
      return new Result(seed, "MODES: " + mode + " gives classes " + inMode.keySet() + ", its weaver directly "
          + expected.keySet(), "", referenceTrace);
    }
    for (Map.Entry<String, byte[]> e : expected.entrySet()) {
      if (!java.util.Arrays.equals(e.getValue(), inMode.get(e.getKey()))) {
        return new Result(seed, "MODES: " + mode + " weaves " + e.getKey() + " into other bytes than its weaver"
            + " directly\n" + firstDifference(e.getValue(), inMode.get(e.getKey())), "", referenceTrace);
      }
    }
    Map<String, byte[]> classes = new TreeMap<>(wovenSupport);
    classes.putAll(inMode);
    long t2 = System.nanoTime();
    TIMES[1] += t2 - t1;
    ByteLoader loader = new ByteLoader(classes);
    for (Map.Entry<String, byte[]> e : classes.entrySet()) {
      if (!e.getKey().startsWith(name)) {
        continue;
      }
      StringWriter sw = new StringWriter();
      try {
        CheckClassAdapter.verify(new ClassReader(e.getValue()), loader, false, new PrintWriter(sw));
      } catch (LinkageError | RuntimeException t) {
        // the verifier loads the program's classes: a ClassFormatError is this program's, not the batch's
        return new Result(seed, "LOAD (ASM verifier, " + mode + ") " + e.getKey() + ": " + stack(t), "", referenceTrace);
      }
      if (!sw.toString().isEmpty()) {
        return new Result(seed, "VERIFY (ASM, " + mode + ") " + e.getKey() + ":\n" + sw, "", referenceTrace);
      }
    }
    long t3 = System.nanoTime();
    TIMES[2] += t3 - t2;
    String wovenTrace;
    try {
      wovenTrace = runGuarded(name, classes);
    } catch (HangError t) {
      return new Result(seed, "HANG (" + mode + "): " + t.getMessage(), "", referenceTrace);
    } catch (Throwable t) {
      return new Result(seed, "LOAD/RUN (" + mode + "): " + stack(t), "", referenceTrace);
    }
    TIMES[3] += System.nanoTime() - t3;
    if (!wovenTrace.equals(referenceTrace)) {
      return new Result(seed, "TRACE differs (woven " + mode + ")", wovenTrace, referenceTrace);
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

  /** javac over the support sources and {@code programs}, woven form or reference form. */
  static Map<String, byte[]> compile(Map<Long, String> programs, boolean woven) throws Javac.CompileError {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("fz/Fz", Support.FZ);
    if (!woven) {
      sources.put("fz/Ref", Support.REF);
    }
    programs.forEach((seed, text) ->
        sources.put("fz/" + Gen.className(seed), woven ? Gen.woven(text) : Gen.reference(text)));
    return Javac.compile(sources, null);
  }

  /** The first lines where the listings of two class files differ (the direct weave first). */
  static String firstDifference(byte[] direct, byte[] other) {
    String[] a = listing(direct).split("\n");
    String[] b = listing(other).split("\n");
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String x = i < a.length ? a[i] : "<end>";
      String y = i < b.length ? b[i] : "<end>";
      if (!x.equals(y)) {
        return "line " + i + ":\n  directly: " + x + "\n  in mode:  " + y;
      }
    }
    return "(listings equal: the difference is in constant pool order or attributes)";
  }

  private static String listing(byte[] classFile) {
    StringWriter sw = new StringWriter();
    new ClassReader(classFile).accept(
        new org.objectweb.asm.util.TraceClassVisitor(new PrintWriter(sw)), 0);
    return sw.toString();
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
