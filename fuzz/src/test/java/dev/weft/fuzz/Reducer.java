package dev.weft.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Shrinks a mismatching program: deletes whole statements (a line, or a compound statement with
 * its label and all its blocks) while the program still compiles and still shows the same kind
 * of mismatch, until no single deletion keeps it.
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
