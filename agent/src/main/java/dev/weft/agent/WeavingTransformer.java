package dev.weft.agent;

import dev.weft.weaver.Mentions;
import dev.weft.weaver.Names;
import dev.weft.weaver.WeaveException;
import dev.weft.weaver.WeaveProblem;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.function.Consumer;

/**
 * Weaves classes with {@code @Async} methods as they load. Every other class gets {@code null}
 * (unchanged) after checks that never parse it: a bootstrap class, a class whose bytes never
 * mention {@code @Async} or {@code Task}, a class of Weft itself, or a class filtered out by the
 * options. A class defined without a name (test harnesses and generators call {@code
 * defineClass(null, ...)}) is named by the class name in its bytes.
 * An already-woven class passes through untouched (the weaver returns {@code null} for it).
 *
 * <p>Never throws into the JVM, which would swallow the exception and load the class unchanged
 * anyway: a class that cannot be woven is left exactly as it was, with one log line per problem
 * naming class, method and line; calling such a method then throws the runtime's unwoven-await
 * error. Log lines carry the {@code [weft-agent]} prefix.
 *
 * <p>Not retransformation-capable: woven classes gain methods, which retransformation forbids.
 * Thread-safe.
 */
public final class WeavingTransformer implements ClassFileTransformer {
  static final String PREFIX = "[weft-agent] ";

  /** Weaves one class for one loader; the seam where tests count or replace weaving. */
  @FunctionalInterface
  interface WeaveFunction {
    byte[] weave(ClassLoader loader, byte[] classFile) throws WeaveException;
  }

  private final AgentOptions options;
  private final Consumer<String> log;
  private final WeaveFunction weave;

  /** A transformer that logs complete lines, prefix included, to {@code log}. */
  public WeavingTransformer(AgentOptions options, Consumer<String> log) {
    this(options, log, defaultWeaving());
  }

  WeavingTransformer(AgentOptions options, Consumer<String> log, WeaveFunction weave) {
    this.options = options;
    this.log = options.quiet() ? new Silent() : log;
    this.weave = weave;
  }

  private static WeaveFunction defaultWeaving() {
    return new PerLoaderWeaving();
  }

  // Classes, not lambdas: they are created before main, where the first lambda would cost the
  // start-up of java.lang.invoke in every JVM the agent runs in.

  /** Weaves with the weaver of the defining loader. */
  private static final class PerLoaderWeaving implements WeaveFunction {
    private final Weavers weavers = new Weavers();

    @Override
    public byte[] weave(ClassLoader loader, byte[] classFile) throws WeaveException {
      return weavers.forLoader(loader).weave(classFile);
    }
  }

  /** The log of the {@code quiet} option. */
  private static final class Silent implements Consumer<String> {
    @Override
    public void accept(String line) {}
  }

  @Override
  public byte[] transform(
      ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain, byte[] classFile) {
    String name = className;
    try {
      if (loader == null || classFile == null || !Mentions.weft(classFile)) {
        return null;
      }
      if (name == null) {
        name = ClassNames.of(classFile); // defineClass(null, ...): the bytes name the class
      }
      if (!candidate(name)) {
        return null;
      }
      byte[] woven = weave.weave(loader, classFile);
      if (woven != null && options.verbose()) {
        log.accept(PREFIX + "wove " + dotted(name));
      }
      return woven;
    } catch (WeaveException e) {
      report(name, e);
      return null;
    } catch (Throwable t) {
      logSafely(PREFIX + "could not weave " + dotted(name) + ": unexpected " + t + "; the class is left as it was");
      return null;
    }
  }

  /**
   * The checks on the name of a class that mentions Weft. A class defined without a name ({@code
   * ClassLoader.defineClass(null, ...)}) is named by its bytes; unreadable bytes go on to the weaver,
   * which reports them.
   */
  private boolean candidate(String className) {
    return className == null || (!Names.isWeftItself(className) && options.accepts(className));
  }

  private void report(String className, WeaveException e) {
    for (WeaveProblem problem : e.problems()) {
      String owner = problem.className() == null || problem.className().equals("?") ? className : problem.className();
      String method = problem.methodName() == null || problem.methodName().equals("?") ? "" : "." + problem.methodName();
      logSafely(PREFIX + "could not weave " + dotted(owner) + method + where(problem) + ": " + problem.message()
          + "; the class is left as it was");
    }
    if (options.verbose() && e.getCause() != null) {
      logSafely(PREFIX + "  cause: " + e.getCause().getMessage());
    }
  }

  /** {@code " (Orders.java:12)"}, or as much of it as the class file records. */
  private static String where(WeaveProblem problem) {
    String file = problem.sourceFile();
    int line = problem.line();
    if (file != null && line > 0) {
      return " (" + file + ":" + line + ")";
    } else if (file != null) {
      return " (" + file + ")";
    } else if (line > 0) {
      return " (line " + line + ")";
    }
    return "";
  }

  private void logSafely(String line) {
    try {
      log.accept(line);
    } catch (Throwable ignored) {
      // A failing log must not turn into a failing class load.
    }
  }

  private static String dotted(String internalName) {
    return internalName == null ? "<unnamed class>" : internalName.replace('/', '.');
  }
}
