package dev.weft.benchmarks.http;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Command-line flags of the form {@code --name value}, for the servers and load tools.
 *
 * <p>Not thread-safe; parse once on the main thread.
 */
public final class Flags {

  private final String program;
  private final Map<String, String> values = new HashMap<>();

  private Flags(String program) {
    this.program = program;
  }

  /**
   * Parses {@code args}, accepting only the flag names in {@code known}.
   *
   * @param program the main class name, used in error messages
   * @throws IllegalArgumentException naming the flag, if a flag is unknown, repeated or has no
   *     value
   */
  public static Flags parse(String program, String[] args, Set<String> known) {
    Flags flags = new Flags(program);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || !known.contains(arg.substring(2))) {
        throw new IllegalArgumentException(
            program + ": unknown argument '" + arg + "'; known flags: --" + String.join(", --", known));
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(program + ": flag " + arg + " needs a value");
      }
      if (flags.values.put(arg.substring(2), args[++i]) != null) {
        throw new IllegalArgumentException(program + ": flag " + arg + " given twice");
      }
    }
    return flags;
  }

  /** Returns the flag's text, or {@code fallback} if it was not given. */
  public String string(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  /**
   * Returns the flag as an int, or {@code fallback} if it was not given.
   *
   * @throws IllegalArgumentException if the value is not an integer of at least {@code min}
   */
  public int integer(String name, int fallback, int min) {
    String text = values.get(name);
    if (text == null) {
      return fallback;
    }
    int value;
    try {
      value = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(program + ": --" + name + " needs an integer, got '" + text + "'");
    }
    if (value < min) {
      throw new IllegalArgumentException(program + ": --" + name + " must be at least " + min + ", got " + value);
    }
    return value;
  }
}
