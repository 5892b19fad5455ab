package dev.weft.weaver;

import java.util.List;
import org.objectweb.asm.Handle;

/**
 * Debug metadata of a state machine (woven format 4 on), for the runtime to say where a suspended
 * coroutine is without capturing a stack: the source line of each suspension label, recorded
 * while the body is still as javac wrote it ({@link #recordLines}), and handed to the runtime as
 * static arguments of the resumer's {@code ConstantDynamic} ({@link #bootstrapArguments}), so
 * that nothing is added to the suspend and resume path and nothing is read until someone asks.
 *
 * <p>The arguments after the bridge are: the format ({@link Weaver#FORMAT}), the class's source
 * file from its {@code SourceFile} attribute ({@code ""} when it has none), and the lines as one
 * string of decimal numbers in label order separated by commas, -1 for an await with no
 * line-number entry ({@code "14,20,-1"}).
 */
final class DebugMetadata {
  private DebugMetadata() {}

  /**
   * Records in {@code method} the line of each of its suspension points: the line-number entry in
   * force at the {@code await} call. Run right after the analysis, before any pass moves code.
   */
  static void recordLines(AsyncMethod method, List<SuspensionPoint> points) {
    int[] lines = new int[points.size()];
    for (SuspensionPoint point : points) {
      lines[point.label() - 1] = Insns.lineOf(point.site());
    }
    method.awaitLines = lines;
  }

  /** The static arguments of the resumer's {@code ConstantDynamic}: the bridge, then the metadata. */
  static Object[] bootstrapArguments(AsyncMethod method, Handle bridge) {
    String file = method.owner.sourceFile != null ? method.owner.sourceFile : "";
    return new Object[] {bridge, Weaver.FORMAT, file, encodeLines(method.awaitLines)};
  }

  /** {@code "14,20,-1"} for the lines 14, 20 and none. */
  static String encodeLines(int[] lines) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(lines[i]);
    }
    return out.toString();
  }
}
