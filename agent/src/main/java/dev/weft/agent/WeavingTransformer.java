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
 * in the form the Maven plugin prints too: source path and line, the processor's id for the rule,
 * class and source method ({@link WeaveProblem#report}). The reasons are also recorded in a system
 * property per class ({@link #FAILURE_PROPERTY_PREFIX}), so that the runtime's unwoven-await error,
 * thrown when such a method reaches an await, says that weaving failed and why. Log lines carry the
 * {@code [weft-agent]} prefix.
 *
 * <p>Not retransformation-capable: woven classes gain methods, which retransformation forbids.
 * Thread-safe.
 */
public final class WeavingTransformer implements ClassFileTransformer {
  static final String PREFIX = "[weft-agent] ";

  /**
   * Prefix of the system property, one per class that could not be woven ({@code
   * weft.agent.notWoven.com.acme.Orders}), whose value is why: the runtime's unwoven-await error
   * reads it to say that weaving failed and why instead of asking for {@code @Async}. The runtime
   * spells the same name; the agent and the runtime share no class.
   */
  static final String FAILURE_PROPERTY_PREFIX = "weft.agent.notWoven.";

  private static final String LEFT_AS_IT_WAS = "; the class is left as it was";

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
      try {
        report(name, e);
      } catch (Throwable ignored) {
        // reporting must not turn into a failing class load either
      }
      return null;
    } catch (Throwable t) {
      String line = "[" + WeaveProblem.Kind.WEAVE_FAILED.id() + "] could not weave " + dotted(name)
          + ": unexpected " + t;
      logSafely(PREFIX + line + LEFT_AS_IT_WAS);
      record(name, line);
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

  /**
   * One line per problem, in the weaver's shared form ({@link WeaveProblem#report}) with the source
   * path the class file records ({@code com/acme/Orders.java:12: [WeftAwaitInLambda] could not
   * weave com.acme.Orders.checkout: ...}), and the reasons recorded for the runtime.
   */
  private void report(String className, WeaveException e) {
    StringBuilder reasons = new StringBuilder();
    for (WeaveProblem problem : e.problems()) {
      String line = describe(named(problem, className));
      logSafely(PREFIX + line + LEFT_AS_IT_WAS);
      reasons.append(reasons.length() == 0 ? "" : "\n").append(line);
    }
    if (options.verbose() && e.getCause() != null) {
      logSafely(PREFIX + "  cause: " + e.getCause().getMessage());
    }
    record(className, reasons.toString());
  }

  /** A problem of a class the weaver could not even read is named by the name the JVM gave. */
  private static WeaveProblem named(WeaveProblem problem, String className) {
    if (!problem.className().equals("?") || className == null) {
      return problem;
    }
    return new WeaveProblem(
        className, problem.methodName(), problem.sourceFile(), problem.line(), problem.message(), problem.kind());
  }

  private static String describe(WeaveProblem problem) {
    if (problem.className().equals("?")) {
      return "[" + problem.kind().id() + "] could not weave " + dotted(null) + ": " + problem.message();
    }
    return problem.report(problem.sourcePath());
  }

  /**
   * Leaves why {@code className} was not woven where the runtime's unwoven-await error finds it.
   * Never throws: a failure to record must not turn into a failing class load.
   */
  private static void record(String className, String reasons) {
    if (className == null) {
      return;
    }
    try {
      System.setProperty(FAILURE_PROPERTY_PREFIX + dotted(className), reasons);
    } catch (Throwable ignored) {
      // a security manager that forbids it: the runtime then gives its general advice
    }
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
