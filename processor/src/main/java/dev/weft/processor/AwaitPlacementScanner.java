package dev.weft.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;

/**
 * Finds every {@code await} of a class (or a compilation unit) and reports those that cannot
 * suspend an {@code @Async} method, at the call's own position. It resolves calls with {@link
 * Trees#getElement}, so it is meant to run on attributed trees ({@link AwaitCheckingListener});
 * on unattributed ones (the fallback in {@code WeftProcessor.process}) that attributes them early.
 *
 * <p>The rule: walk out from the call to the nearest function boundary (a method, a lambda or
 * method reference, or a class body for initializers). If that boundary is an {@code @Async}
 * method, the await is fine unless a {@code synchronized} block lies in between. Otherwise it is
 * {@code WeftAwaitInLambda} or {@code WeftAwaitInLocalClass} when some enclosing method further
 * out is {@code @Async}, and {@code WeftAwaitOutsideAsync} when none is.
 */
final class AwaitPlacementScanner extends TreePathScanner<Void, Void> {
  private final Trees trees;
  private final AwaitCalls awaitCalls;
  private final Reporter reporter;
  private CompilationUnitTree unit;

  AwaitPlacementScanner(Trees trees, Reporter reporter) {
    this.trees = trees;
    this.awaitCalls = new AwaitCalls(trees);
    this.reporter = reporter;
  }

  /** Checks every await of {@code compilationUnit}. */
  void scanUnit(CompilationUnitTree compilationUnit) {
    scanClass(new TreePath(compilationUnit));
  }

  /** Checks every await under {@code path} (a class declaration, or a whole compilation unit). */
  void scanClass(TreePath path) {
    this.unit = path.getCompilationUnit();
    scan(path, null);
  }

  @Override
  public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
    if (awaitCalls.isAwait(getCurrentPath())) {
      check(getCurrentPath(), false);
    }
    return super.visitMethodInvocation(tree, unused);
  }

  @Override
  public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
    if (awaitCalls.isAwait(getCurrentPath())) {
      check(getCurrentPath(), true);
    }
    return super.visitMemberReference(tree, unused);
  }

  private void check(TreePath await, boolean isReference) {
    boolean inSynchronized = false;
    TreePath boundary = isReference ? await : null;
    Tree child = await.getLeaf();
    for (TreePath p = await.getParentPath(); p != null && boundary == null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof SynchronizedTree && ((SynchronizedTree) leaf).getBlock() == child) {
        inSynchronized = true;
      }
      if (isBoundary(leaf)) {
        boundary = p;
      }
      child = leaf;
    }
    if (boundary == null) {
      return; // not in any body (cannot happen in code that attributes)
    }
    Element boundaryElement = trees.getElement(boundary);
    if (boundary.getLeaf() instanceof MethodTree && AsyncAnnotations.isAsync(boundaryElement)) {
      if (inSynchronized) {
        reportInSynchronized(await, (ExecutableElement) boundaryElement);
      }
      return;
    }
    ExecutableElement outerAsync = enclosingAsyncMethod(boundary.getParentPath());
    Tree boundaryTree = boundary.getLeaf();
    if (outerAsync == null) {
      reportOutsideAsync(await, boundary);
    } else if (boundaryTree instanceof LambdaExpressionTree
        || boundaryTree instanceof MemberReferenceTree) {
      reportInLambda(await, isReference, outerAsync);
    } else {
      reportInLocalClass(await, boundary, outerAsync);
    }
  }

  private static boolean isBoundary(Tree tree) {
    return tree instanceof MethodTree
        || tree instanceof LambdaExpressionTree
        || tree instanceof ClassTree;
  }

  private ExecutableElement enclosingAsyncMethod(TreePath from) {
    for (TreePath p = from; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree) {
        Element element = trees.getElement(p);
        if (AsyncAnnotations.isAsync(element)) {
          return (ExecutableElement) element;
        }
      }
    }
    return null;
  }

  /** {@code Orders.load}, {@code a lambda in Orders.load}, {@code an initializer of Orders}. */
  private String describe(TreePath boundary) {
    Tree leaf = boundary.getLeaf();
    if (leaf instanceof MethodTree) {
      return ElementNames.method((ExecutableElement) trees.getElement(boundary));
    }
    if (leaf instanceof ClassTree) {
      return "an initializer of " + ElementNames.type(trees.getElement(boundary));
    }
    TreePath outer = boundary.getParentPath();
    while (outer != null && !isBoundary(outer.getLeaf())) {
      outer = outer.getParentPath();
    }
    String kind = leaf instanceof MemberReferenceTree ? "a method reference" : "a lambda";
    return outer == null ? kind : kind + " in " + describe(outer);
  }

  private void reportInSynchronized(TreePath await, ExecutableElement method) {
    reporter.error(
        DiagnosticId.AWAIT_IN_SYNCHRONIZED,
        "await() inside synchronized in "
            + ElementNames.method(method)
            + " would release the monitor on another thread; move the await out of the block, or"
            + " guard the state with "
            + Fixes.ASYNC_LOCK
            + ".",
        await.getLeaf(),
        unit);
  }

  private void reportOutsideAsync(TreePath await, TreePath boundary) {
    String notAsync = "which is not an @Async method";
    String fix = "move the await into an @Async method";
    if (boundary.getLeaf() instanceof MethodTree) {
      String note = AsyncAnnotations.otherAsyncNote(trees.getElement(boundary));
      notAsync += note;
      fix =
          "annotate "
              + describe(boundary)
              + " with @"
              + (note.isEmpty() ? "Async" : WeftNames.ASYNC)
              + " and make it return Task, CompletableFuture or CompletionStage";
    }
    reporter.error(
        DiagnosticId.AWAIT_OUTSIDE_ASYNC,
        "await() in "
            + describe(boundary)
            + ", "
            + notAsync
            + ", cannot suspend and would throw IllegalStateException at run time; "
            + fix
            + ", or outside async code compose with thenCompose(...) or block with join().",
        await.getLeaf(),
        unit);
  }

  private void reportInLambda(TreePath await, boolean isReference, ExecutableElement outer) {
    String method = ElementNames.method(outer);
    reporter.error(
        DiagnosticId.AWAIT_IN_LAMBDA,
        (isReference ? "Task::await as a method reference in " : "await() inside a lambda in ")
            + method
            + " cannot suspend "
            + outer.getSimpleName()
            + ": a lambda body is a separate method, not part of the state machine, and may run"
            + " later or on another thread; move the await out of the lambda into "
            + method
            + ", or move the lambda's work into an @Async method and await the task it returns.",
        await.getLeaf(),
        unit);
  }

  private void reportInLocalClass(TreePath await, TreePath boundary, ExecutableElement outer) {
    String method = ElementNames.method(outer);
    String fix =
        boundary.getLeaf() instanceof MethodTree
            ? ", or annotate " + describe(boundary) + " with @Async and await the task it returns."
            : ".";
    reporter.error(
        DiagnosticId.AWAIT_IN_LOCAL_CLASS,
        "await() inside "
            + describe(boundary)
            + ", a member of a local or anonymous class in "
            + method
            + ", is not part of "
            + outer.getSimpleName()
            + "'s state machine and cannot suspend it; move the await into "
            + method
            + fix,
        await.getLeaf(),
        unit);
  }
}
