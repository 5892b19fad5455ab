package dev.weft.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Shrinks a mismatching program while it still compiles and still shows the same kind of
 * mismatch: deletes whole statements (a line, or a compound statement with its label and all its
 * blocks), unwraps compound statements (one branch, body, try or catch block in place of the
 * whole), and replaces awaits by constants of their type; until no single change keeps it.
 */
final class Reducer {
  private Reducer() {}

  static String reduce(long seed, String text, String problem, long budgetMillis) {
    String kind = kind(problem);
    long deadline = System.currentTimeMillis() + budgetMillis;
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    boolean progress = true;
    while (progress && System.currentTimeMillis() < deadline) {
      progress = false;
      // unwrap compound statements: one branch, body or block in place of the whole statement
      for (int i = lines.size() - 1; i >= 0 && System.currentTimeMillis() < deadline; i--) {
        if (i >= lines.size()) {
          continue;
        }
        for (List<String> candidate : unwrapped(lines, i)) {
          if (stillFails(seed, String.join("\n", candidate), kind)) {
            lines = candidate;
            progress = true;
            break;
          }
        }
      }
      // replace awaits by constants of their type
      for (int i = lines.size() - 1; i >= 0 && System.currentTimeMillis() < deadline; i--) {
        if (i >= lines.size()) {
          continue;
        }
        for (String simpler : withoutAwaits(lines.get(i))) {
          List<String> candidate = new ArrayList<>(lines);
          candidate.set(i, simpler);
          if (stillFails(seed, String.join("\n", candidate), kind)) {
            lines = candidate;
            progress = true;
            break;
          }
        }
      }
      for (int i = lines.size() - 1; i >= 0 && System.currentTimeMillis() < deadline; i--) {
        if (i >= lines.size()) {
          continue;
        }
        int end = statementEnd(lines, i);
        if (end < 0) {
          continue;
        }
        List<String> candidate = new ArrayList<>(lines.subList(0, i));
        candidate.addAll(lines.subList(end + 1, lines.size()));
        if (stillFails(seed, String.join("\n", candidate), kind)) {
          lines = candidate;
          progress = true;
        }
      }
    }
    return String.join("\n", lines);
  }

  /**
   * The compound statement starting at line {@code i} (an {@code if}, loop, {@code try} or plain
   * block, maybe labelled) replaced by each of its parts alone: a branch, the body, the try block,
   * a catch or finally block. Empty when line {@code i} starts no such statement.
   */
  static List<List<String>> unwrapped(List<String> lines, int i) {
    int end = statementEnd(lines, i);
    int header = lines.get(i).trim().matches("L\\d+:") ? i + 1 : i;
    if (end < 0 || header >= end) {
      return List.of();
    }
    String head = lines.get(header).trim();
    if (!(head.startsWith("if (") || head.startsWith("for (") || head.startsWith("while (")
        || head.equals("do {") || head.equals("try {") || head.startsWith("try (") || head.equals("{"))
        || !head.endsWith("{")) {
      return List.of();
    }
    if (lines.subList(header, end + 1).stream().anyMatch(l -> l.contains("outcome"))) {
      return List.of(); // run()'s try: unwrapped, it would report an outcome without running anything
    }
    String indent = lines.get(header).substring(0, lines.get(header).indexOf(head));
    List<List<String>> parts = new ArrayList<>();
    int from = header + 1;
    for (int j = header + 1; j <= end; j++) {
      String l = lines.get(j);
      if (l.startsWith(indent + "}")) {
        parts.add(lines.subList(from, j));
        from = j + 1;
      }
    }
    List<List<String>> candidates = new ArrayList<>();
    for (List<String> part : parts) {
      List<String> candidate = new ArrayList<>(lines.subList(0, i));
      candidate.addAll(part);
      candidate.addAll(lines.subList(end + 1, lines.size()));
      candidates.add(candidate);
    }
    return candidates;
  }

  /** {@code line} with one {@code await(...)} replaced by a constant of its type, for each await whose type is known. */
  static List<String> withoutAwaits(String line) {
    List<String> out = new ArrayList<>();
    for (int at = line.indexOf("await("); at >= 0; at = line.indexOf("await(", at + 1)) {
      if (at > 0 && Character.isJavaIdentifierPart(line.charAt(at - 1))) {
        continue;
      }
      int close = closing(line, at + "await".length());
      if (close < 0) {
        continue;
      }
      String inside = line.substring(at + "await(".length(), close);
      if (inside.endsWith("FzChecked.class") || inside.endsWith("FzOther.class")) {
        continue; // its catches need it
      }
      String constant = constantFor(inside);
      if (constant != null) {
        out.add(line.substring(0, at) + constant + line.substring(close + 1));
      }
    }
    return out;
  }

  /** The index of the parenthesis closing the one at {@code open}, or -1. */
  private static int closing(String s, int open) {
    int depth = 0;
    boolean string = false;
    for (int k = open; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == '"' && s.charAt(k - 1) != '\\') {
        string = !string;
      } else if (!string && c == '(') {
        depth++;
      } else if (!string && c == ')' && --depth == 0) {
        return k;
      }
    }
    return -1;
  }

  /** A constant of the awaited type, read from the stage factory (see {@code Support.FZ}), or null. */
  private static String constantFor(String stage) {
    String[][] factories = {
        {"Fz.si(", "0"}, {"Fz.sl(", "0L"}, {"Fz.sd(", "0.0"}, {"Fz.sb(", "false"}, {"Fz.ss(", "\"\""},
        {"Fz.sa(", "new int[] {0}"}, {"Fz.sx(", "new Box(0, \"k\")"}, {"Fz.sy(", "(byte) 0"},
        {"Fz.sh(", "(short) 0"}, {"Fz.sc(", "'a'"}, {"Fz.sf(", "0f"}, {"Fz.se(", "Col.RED"},
        {"Fz.<Integer>", "0"}, {"Fz.<Long>", "0L"}, {"Fz.<Double>", "0.0"}, {"Fz.<Boolean>", "false"},
        {"Fz.<String>", "\"\""}, {"Fz.<int[]>", "new int[] {0}"}, {"Fz.<Box>", "new Box(0, \"k\")"},
        {"Fz.<Byte>", "(byte) 0"}, {"Fz.<Short>", "(short) 0"}, {"Fz.<Character>", "'a'"},
        {"Fz.<Float>", "0f"}, {"Fz.<Col>", "Col.RED"}};
    for (String[] f : factories) {
      if (stage.startsWith(f[0])) {
        return f[1];
      }
    }
    if (stage.startsWith("d > 0 && Fz.c() ?")) {
      return "0L"; // a generated call or Fz.sl(..)
    }
    return null;
  }

  private static boolean stillFails(long seed, String text, String kind) {
    Oracle.Result r = Oracle.check(Map.of(seed, text)).get(0);
    return r.mismatch() && kind(r.problem()).equals(kind);
  }

  static String kind(String problem) {
    int space = problem.indexOf(' ');
    int colon = problem.indexOf(':');
    int cut = space < 0 ? colon : colon < 0 ? space : Math.min(space, colon);
    return cut < 0 ? problem : problem.substring(0, cut);
  }

  /** The last line of the statement starting at line {@code i} of a method body, or -1. */
  private static int statementEnd(List<String> lines, int i) {
    String line = lines.get(i);
    String trimmed = line.trim();
    int indent = line.length() - line.stripLeading().length();
    if (indent == 2 && trimmed.equals("@Async") && !lines.get(i + 1).contains(" m0(")) {
      for (int j = i + 1; j < lines.size(); j++) {
        if (lines.get(j).equals("  }")) {
          return j; // a whole generated method other than m0
        }
      }
      return -1;
    }
    if (indent < 4 || trimmed.isEmpty() || trimmed.startsWith("}") || trimmed.startsWith("case ")
        || trimmed.startsWith("default") || trimmed.startsWith("return Task.completed(acc +")
        || trimmed.startsWith("long acc =") || trimmed.startsWith("@Async") || trimmed.startsWith("static ")
        || trimmed.startsWith("public ") || trimmed.startsWith("String outcome") || trimmed.startsWith("try {\n")
        || line.contains("outcome")) {
      return -1;
    }
    if (trimmed.matches("L\\d+:")) {
      if (i + 1 < lines.size() && lines.get(i + 1).trim().startsWith("return ")) {
        return i; // a label left on the final return
      }
      return statementEnd(lines, i + 1);
    }
    if (!trimmed.endsWith("{")) {
      return trimmed.endsWith(";") ? i : -1;
    }
    for (int j = i + 1; j < lines.size(); j++) {
      String l = lines.get(j);
      int in = l.length() - l.stripLeading().length();
      String t = l.trim();
      if (in == indent && t.startsWith("}")) {
        if (t.startsWith("} else") || t.startsWith("} catch") || t.startsWith("} finally")) {
          continue;
        }
        // an old-style case's trailing break belongs to it
        if (j + 1 < lines.size() && lines.get(j + 1).trim().equals("break;")
            && trimmed.startsWith("case ")) {
          return j + 1;
        }
        return j;
      }
      if (in < indent && !t.isEmpty()) {
        return -1;
      }
    }
    return -1;
  }
}
