package dev.weft.processor.run;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceClassVisitor;

/**
 * Explains why two class files differ: where the first differing byte is (inside the constant pool
 * or after it) and a line diff of their Textifier listings, so that a determinism failure says
 * what differs, not only that something does.
 */
final class ClassDiff {
  private static final int CONTEXT = 3;
  private static final int MAX_LINES = 200;

  private ClassDiff() {}

  /** {@code null} when the two are byte-identical; otherwise a report naming both sides. */
  static String explain(String leftName, byte[] left, String rightName, byte[] right) {
    int mismatch = Arrays.mismatch(left, right);
    if (mismatch < 0) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    out.append(String.format("%s %d bytes, %s %d bytes; first differing byte at offset %d (%s)%n",
        leftName, left.length, rightName, right.length, mismatch, region(left, right, mismatch)));
    String leftListing = listing(left);
    String rightListing = listing(right);
    if (leftListing.equals(rightListing)) {
      out.append("Textifier listings are identical: the difference is in constant pool order or"
          + " in something Textifier does not print (attribute order, unused constants)\n");
    } else {
      out.append("--- ").append(leftName).append('\n').append("+++ ").append(rightName).append('\n');
      out.append(diff(leftListing.split("\n", -1), rightListing.split("\n", -1)));
    }
    return out.toString();
  }

  /** ASM's textual listing of a class, with debug information. */
  static String listing(byte[] bytes) {
    StringWriter text = new StringWriter();
    new ClassReader(bytes).accept(new TraceClassVisitor(null, new Textifier(), new PrintWriter(text)), 0);
    return text.toString();
  }

  private static String region(byte[] left, byte[] right, int offset) {
    if (offset < 10) {
      return "class file header (magic, version, constant pool count)";
    }
    int leftPool = new ClassReader(left).header;
    int rightPool = new ClassReader(right).header;
    if (offset < Math.min(leftPool, rightPool)) {
      return "inside the constant pool, which ends at " + leftPool + " / " + rightPool;
    }
    return "after the constant pool, which ends at " + leftPool + " / " + rightPool;
  }

  /** A unified-style line diff (common prefix and suffix trimmed, LCS on the rest), capped. */
  static String diff(String[] a, String[] b) {
    int prefix = 0;
    while (prefix < a.length && prefix < b.length && a[prefix].equals(b[prefix])) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < a.length - prefix && suffix < b.length - prefix
        && a[a.length - 1 - suffix].equals(b[b.length - 1 - suffix])) {
      suffix++;
    }
    String[] ma = Arrays.copyOfRange(a, prefix, a.length - suffix);
    String[] mb = Arrays.copyOfRange(b, prefix, b.length - suffix);
    // the edit script over the middle: ' ' common, '-' only in a, '+' only in b
    List<String> script = new ArrayList<>();
    if ((long) ma.length * mb.length > 4_000_000L) {
      for (String line : ma) {
        script.add("-" + line);
      }
      for (String line : mb) {
        script.add("+" + line);
      }
    } else {
      int[][] lcs = new int[ma.length + 1][mb.length + 1];
      for (int i = ma.length - 1; i >= 0; i--) {
        for (int j = mb.length - 1; j >= 0; j--) {
          lcs[i][j] = ma[i].equals(mb[j]) ? lcs[i + 1][j + 1] + 1
              : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
        }
      }
      int i = 0;
      int j = 0;
      while (i < ma.length || j < mb.length) {
        if (i < ma.length && j < mb.length && ma[i].equals(mb[j])) {
          script.add(" " + ma[i++]);
          j++;
        } else if (j == mb.length || (i < ma.length && lcs[i + 1][j] >= lcs[i][j + 1])) {
          script.add("-" + ma[i++]);
        } else {
          script.add("+" + mb[j++]);
        }
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(String.format("@@ listing lines %d..%d / %d..%d @@%n",
        prefix + 1, a.length - suffix, prefix + 1, b.length - suffix));
    for (int k = Math.max(0, prefix - CONTEXT); k < prefix; k++) {
      out.append(' ').append(a[k]).append('\n');
    }
    int lines = 0;
    int lastPrinted = -1;
    for (int k = 0; k < script.size(); k++) {
      boolean near = false;
      for (int d = -CONTEXT; d <= CONTEXT && !near; d++) {
        int n = k + d;
        near = n >= 0 && n < script.size() && script.get(n).charAt(0) != ' ';
      }
      if (!near) {
        continue;
      }
      if (lastPrinted >= 0 && k > lastPrinted + 1) {
        out.append("...\n");
      }
      if (++lines > MAX_LINES) {
        out.append("... (diff truncated at ").append(MAX_LINES).append(" lines)\n");
        return out.toString();
      }
      out.append(script.get(k)).append('\n');
      lastPrinted = k;
    }
    for (int k = a.length - suffix; k < Math.min(a.length, a.length - suffix + CONTEXT); k++) {
      out.append(' ').append(a[k]).append('\n');
    }
    return out.toString();
  }
}
