package dev.weft.processor;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * Recognizes calls of (and references to) {@code dev.weft.Task.await}, every overload, whatever
 * the call looks like in source: {@code await(x)} through a static import, {@code Task.await(x)},
 * {@code dev.weft.Task.await(x)}, {@code Task::await}.
 */
final class AwaitCalls {
  private final Trees trees;

  AwaitCalls(Trees trees) {
    this.trees = trees;
  }

  /** Whether the invocation or method reference at {@code path} resolves to {@code Task.await}. */
  boolean isAwait(TreePath path) {
    // Cheap syntactic filter first: only resolve what is spelled "await". On attributed trees
    // resolving reads javac's symbol; on unattributed ones (the fallback that checks in process())
    // it attributes the enclosing class, so it is kept to the calls that may matter.
    if (!spelledAwait(path)) {
      return false;
    }
    Element element = trees.getElement(path);
    if (!(element instanceof ExecutableElement)
        || !element.getModifiers().contains(Modifier.STATIC)
        || !element.getSimpleName().contentEquals(WeftNames.AWAIT)) {
      return false;
    }
    Element owner = element.getEnclosingElement();
    return owner instanceof TypeElement
        && ((TypeElement) owner).getQualifiedName().contentEquals(WeftNames.TASK);
  }

  private static boolean spelledAwait(TreePath path) {
    if (path.getLeaf() instanceof MemberReferenceTree) {
      return ((MemberReferenceTree) path.getLeaf()).getName().contentEquals(WeftNames.AWAIT);
    }
    if (!(path.getLeaf() instanceof MethodInvocationTree)) {
      return false;
    }
    ExpressionTree select = ((MethodInvocationTree) path.getLeaf()).getMethodSelect();
    if (select instanceof IdentifierTree) {
      return ((IdentifierTree) select).getName().contentEquals(WeftNames.AWAIT);
    }
    return select instanceof MemberSelectTree
        && ((MemberSelectTree) select).getIdentifier().contentEquals(WeftNames.AWAIT);
  }
}
