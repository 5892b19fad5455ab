package dev.weft.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.io.PrintWriter;
import java.io.StringWriter;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;

/**
 * Reports diagnostics at the exact element or tree position, and remembers whether any error was
 * reported.
 *
 * <p>Element positions come from the {@link Messager} while annotations are processed. Once javac
 * has lowered a class (at {@code GENERATE}) the Messager can no longer find an element's tree, so
 * the weaving listener passes the {@link TreePath} it recorded after {@code ANALYZE} instead.
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

  /** An error at {@code element}'s declaration. */
  void error(DiagnosticId id, String text, Element element) {
    errorReported = true;
    messager.printMessage(Kind.ERROR, id.format(text), element);
  }

  /** An error at {@code tree}, or at {@code element} when there is no tree. */
  void error(DiagnosticId id, String text, TreePath path, Element element) {
    if (path != null) {
      error(id, text, path.getLeaf(), path.getCompilationUnit());
    } else {
      error(id, text, element);
    }
  }

  /** An error at the position of {@code tree} in {@code unit}. */
  void error(DiagnosticId id, String text, Tree tree, CompilationUnitTree unit) {
    errorReported = true;
    if (trees != null) {
      trees.printMessage(Kind.ERROR, id.format(text), tree, unit);
    } else {
      messager.printMessage(Kind.ERROR, id.format(text));
    }
  }

  /** A warning at the position of {@code tree} in {@code unit}. */
  void warning(DiagnosticId id, String text, Tree tree, CompilationUnitTree unit) {
    if (trees != null) {
      trees.printMessage(Kind.WARNING, id.format(text), tree, unit);
    } else {
      messager.printMessage(Kind.WARNING, id.format(text));
    }
  }

  /** A warning with no position (about the compilation as a whole). */
  void warning(DiagnosticId id, String text) {
    messager.printMessage(Kind.WARNING, id.format(text));
  }

  /** A bug in the processor, with its stack trace, at {@code path} or {@code element} if known. */
  void internalError(String doing, Throwable t, TreePath path, Element element) {
    StringWriter stack = new StringWriter();
    t.printStackTrace(new PrintWriter(stack));
    String text =
        "weft-processor failed unexpectedly while "
            + doing
            + "; please report this message with the stack trace below.\n"
            + stack;
    if (path != null || element != null) {
      error(DiagnosticId.INTERNAL_ERROR, text, path, element);
    } else {
      errorReported = true;
      messager.printMessage(Kind.ERROR, DiagnosticId.INTERNAL_ERROR.format(text));
    }
  }

  /** Whether this reporter has reported an error in this compilation. */
  boolean errorReported() {
    return errorReported;
  }
}
