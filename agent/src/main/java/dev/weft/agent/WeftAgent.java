package dev.weft.agent;

import java.lang.instrument.Instrumentation;
import java.util.function.Consumer;

/**
 * Entry point of {@code -javaagent:weft-agent.jar[=OPTIONS]} (see {@link AgentOptions} and the
 * module README). Registers a {@link WeavingTransformer}, not retransformation-capable: woven
 * classes gain methods, which retransformation forbids. Attached to a running JVM ({@link
 * #agentmain}), it therefore weaves only the classes loaded after the attach.
 */
public final class WeftAgent {
  private WeftAgent() {}

  /** Called by the JVM before {@code main} for {@code -javaagent}. */
  public static void premain(String agentArgs, Instrumentation instrumentation) {
    install(agentArgs, instrumentation);
  }

  /** Called by the JVM when the agent is attached to a running JVM. */
  public static void agentmain(String agentArgs, Instrumentation instrumentation) {
    install(agentArgs, instrumentation);
  }

  /**
   * Prints each line to {@code System.err}. A class, not a method reference: this code runs
   * before {@code main}, where the first lambda would cost the start-up of {@code
   * java.lang.invoke}.
   */
  private static final class StandardError implements Consumer<String> {
    @Override
    public void accept(String line) {
      System.err.println(line);
    }
  }

  private static void install(String agentArgs, Instrumentation instrumentation) {
    try {
      AgentOptions options = AgentOptions.parse(agentArgs);
      if (!options.quiet()) {
        for (String warning : options.warnings()) {
          System.err.println(WeavingTransformer.PREFIX + warning);
        }
      }
      instrumentation.addTransformer(new WeavingTransformer(options, new StandardError()), false);
    } catch (Throwable t) {
      System.err.println(WeavingTransformer.PREFIX + "not installed, nothing will be woven: " + t);
    }
  }
}
