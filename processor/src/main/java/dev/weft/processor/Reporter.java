package dev.weft.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import java.io.PrintWriter;
import java.io.StringWriter;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;

/**
 * Reports diagnostics at the exact element or tree position, and remembers whether any error was
 * reported (weaving is skipped once one was).
 */
final class Reporter {
  private final Messager messager;
  private final Trees trees;
  private boolean errorReported;

  /** {@code trees} may be null when javac's tree API is unavailable (wrapped environments). */
  Reporter(Messager messager, Trees trees) {
    this.messager = messager;
    this.trees = trees;
  }

  void error(DiagnosticId id, String text, Element element) {
    errorReported = true;
    messager.printMessage(Kind.ERROR, id.format(text), element);
  }

  void error(DiagnosticId id, String text, Tree tree, CompilationUnitTree unit) {
    errorReported = true;
    if (trees != null) {
      trees.printMessage(Kind.ERROR, id.format(text), tree, unit);
    } else {
      messager.printMessage(Kind.ERROR, id.format(text));
    }
  }

  void warning(DiagnosticId id, String text) {
    messager.printMessage(Kind.WARNING, id.format(text));
  }

  /** Reports a bug in the processor, with its stack trace, at {@code element} when known. */
  void internalError(String doing, Throwable t, Element element) {
    StringWriter stack = new StringWriter();
    t.printStackTrace(new PrintWriter(stack));
    String text =
        "weft-processor failed unexpectedly while "
            + doing
            + "; please report this message with the stack trace below.\n"
            + stack;
    errorReported = true;
    if (element != null) {
      messager.printMessage(Kind.ERROR, DiagnosticId.INTERNAL_ERROR.format(text), element);
    } else {
      messager.printMessage(Kind.ERROR, DiagnosticId.INTERNAL_ERROR.format(text));
    }
  }

  /** Whether this reporter has reported an error in this compilation. */
  boolean errorReported() {
    return errorReported;
  }
}
