package dev.weft.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.function.Predicate;
import javax.lang.model.element.TypeElement;

/**
 * Checks the placement of every {@code await} in a top-level class, and the tasks its {@code
 * @Async} methods drop without awaiting ({@link DiscardedTaskScanner}), once javac has attributed
 * and flow-analyzed it ({@code ANALYZE} finished), as Error Prone does, rather than while
 * annotations are processed.
 *
 * <p>Why not in {@code process()}: resolving a call there makes javac attribute the class early,
 * before other processors (AutoValue, Dagger, JMH) have generated the types it refers to. That
 * costs time, and errors javac finds in that premature attribution (a method that seems to
 * override nothing because its generated superclass does not exist yet) fail the build. At {@code
 * ANALYZE} the trees are attributed for good, so resolving only reads the symbols javac recorded.
 *
 * <p>Order: javac fires {@code ANALYZE} finished once per top-level class (after flow analysis,
 * even when errors stop flow analysis short), and always before it lowers and generates that class
 * and the classes nested in it. Errors reported here are therefore counted before the {@code
 * GENERATE} of the same class, so the {@link WeavingListener} never weaves a class with a
 * misplaced await (with the default {@code -XDshould-stop.ifError}, javac does not even generate
 * it).
 */
final class AwaitCheckingListener implements TaskListener {
  private final Trees trees;
  private final Reporter reporter;
  private final Predicate<CompilationUnitTree> checkedAlready;

  /** {@code checkedAlready}: units {@link AwaitChecks} checked in {@code process()}. */
  AwaitCheckingListener(
      Trees trees, Reporter reporter, Predicate<CompilationUnitTree> checkedAlready) {
    this.trees = trees;
    this.reporter = reporter;
    this.checkedAlready = checkedAlready;
  }

  @Override
  public void finished(TaskEvent event) {
    TypeElement type = event.getTypeElement();
    if (event.getKind() != TaskEvent.Kind.ANALYZE
        || type == null
        || checkedAlready.test(event.getCompilationUnit())) {
      return;
    }
    TreePath path = null;
    try {
      path = classPath(event.getCompilationUnit(), type);
      if (path != null) {
        new AwaitPlacementScanner(trees, reporter).scanClass(path);
        new DiscardedTaskScanner(trees, reporter).scanClass(path);
      }
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable t) {
      reporter.internalError("checking the awaits of " + type, t, path, type);
    }
  }

  /** The path to {@code type}'s declaration, or null (package-info and module-info have none). */
  private TreePath classPath(CompilationUnitTree unit, TypeElement type) {
    Tree tree = trees.getTree(type);
    return unit == null || tree == null ? null : TreePath.getPath(unit, tree);
  }
}
