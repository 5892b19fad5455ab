package dev.weft.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.Arrays;
import javax.lang.model.element.Element;

/**
 * Whether a warning is suppressed by {@code @SuppressWarnings("<id>")} on a declaration around
 * it. javac applies {@code @SuppressWarnings} only to its own warnings; a processor honours it
 * by looking for its ids itself, as Error Prone does for its check names.
 */
final class Suppressions {
  private final Trees trees;

  Suppressions(Trees trees) {
    this.trees = trees;
  }

  /** Whether a method, class or variable declaration around {@code path} suppresses {@code id}. */
  boolean suppressed(TreePath path, DiagnosticId id) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree
          || p.getLeaf() instanceof ClassTree
          || p.getLeaf() instanceof VariableTree) {
        Element element = trees.getElement(p);
        SuppressWarnings suppress =
            element == null ? null : element.getAnnotation(SuppressWarnings.class);
        if (suppress != null && Arrays.asList(suppress.value()).contains(id.id())) {
          return true;
        }
      }
    }
    return false;
  }
}
