package dev.weft.agent;

import java.util.ArrayList;
import java.util.List;

/**
 * The agent's options, parsed from the argument string of {@code -javaagent:weft-agent.jar=ARGS}.
 *
 * <p>Options are separated by commas; patterns within one option by colons (as in JaCoCo's agent),
 * and an option may also be repeated:
 *
 * <pre>
 *   verbose                          one log line per woven class
 *   quiet                            no log lines at all, not even weave errors
 *   include=com.acme.**:org.foo.*    weave only classes matching one of these patterns
 *   exclude=com.acme.legacy.**       never weave classes matching one of these patterns
 * </pre>
 *
 * Pattern syntax is {@link ClassPattern}'s. An unknown option gives a warning (see {@link
 * #warnings()}), never a failure: a typo must not stop the application from starting.
 */
public final class AgentOptions {
  private final boolean verbose;
  private final boolean quiet;
  private final List<ClassPattern> includes;
  private final List<ClassPattern> excludes;
  private final List<String> warnings;

  private AgentOptions(
      boolean verbose, boolean quiet, List<ClassPattern> includes, List<ClassPattern> excludes, List<String> warnings) {
    this.verbose = verbose;
    this.quiet = quiet;
    this.includes = List.copyOf(includes);
    this.excludes = List.copyOf(excludes);
    this.warnings = List.copyOf(warnings);
  }

  /** Parses an agent argument string; {@code null} or empty gives the defaults. Never throws. */
  public static AgentOptions parse(String agentArgs) {
    boolean verbose = false;
    boolean quiet = false;
    List<ClassPattern> includes = new ArrayList<>();
    List<ClassPattern> excludes = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (String option : agentArgs == null ? new String[0] : agentArgs.split(",")) {
      String trimmed = option.trim();
      int eq = trimmed.indexOf('=');
      String key = eq < 0 ? trimmed : trimmed.substring(0, eq).trim();
      String value = eq < 0 ? null : trimmed.substring(eq + 1).trim();
      switch (key) {
        case "" -> {}
        case "verbose" -> verbose = flag(key, value, warnings);
        case "quiet" -> quiet = flag(key, value, warnings);
        case "include" -> patterns(key, value, includes, warnings);
        case "exclude" -> patterns(key, value, excludes, warnings);
        default -> warnings.add(
            "unknown option '" + trimmed + "' ignored; known options: verbose, quiet, include=PATTERNS, exclude=PATTERNS");
      }
    }
    return new AgentOptions(verbose, quiet, includes, excludes, warnings);
  }

  private static boolean flag(String key, String value, List<String> warnings) {
    if (value != null) {
      warnings.add("option '" + key + "' takes no value; '" + key + "=" + value + "' read as '" + key + "'");
    }
    return true;
  }

  private static void patterns(String key, String value, List<ClassPattern> into, List<String> warnings) {
    if (value == null || value.isEmpty()) {
      warnings.add("option '" + key + "' needs patterns, as in " + key + "=com.acme.**:org.foo.*; ignored");
      return;
    }
    for (String pattern : value.split(":")) {
      if (!pattern.isBlank()) {
        into.add(ClassPattern.compile(pattern.trim()));
      }
    }
  }

  /** Whether a class, by internal name ({@code com/acme/Orders}), passes the include/exclude filters. */
  public boolean accepts(String internalName) {
    return (includes.isEmpty() || anyMatches(includes, internalName)) && !anyMatches(excludes, internalName);
  }

  private static boolean anyMatches(List<ClassPattern> patterns, String internalName) {
    for (ClassPattern pattern : patterns) {
      if (pattern.matches(internalName)) {
        return true;
      }
    }
    return false;
  }

  /** Log one line per woven class. */
  public boolean verbose() {
    return verbose && !quiet;
  }

  /** Log nothing at all. */
  public boolean quiet() {
    return quiet;
  }

  /** Problems found while parsing, one message each, without the log prefix. */
  public List<String> warnings() {
    return warnings;
  }

  @Override
  public String toString() {
    return "AgentOptions[verbose=" + verbose + ", quiet=" + quiet + ", include=" + includes + ", exclude=" + excludes + "]";
  }
}
