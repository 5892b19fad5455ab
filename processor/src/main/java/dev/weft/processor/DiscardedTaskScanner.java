package dev.weft.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.Set;
import java.util.function.Supplier;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Warns where the body of an {@code @Async} method calls something that returns a stage ({@code
 * Task}, {@code CompletableFuture}, any {@code CompletionStage}) as a statement, dropping the
 * stage without awaiting it: {@code sem.acquire();}, {@code Task.sleep(d);}, {@code
 * other.asyncMethod();} (C#'s CS4014). The method then goes on before that work is done, and never
 * sees it fail.
 *
 * <p>Only statements of the {@code @Async} body itself: a lambda or a local class in it is not part
 * of its state machine (an {@code @Async} method of a local class is checked on its own). Calls
 * that hand the stage to an owner are fine: {@code TaskScope.spawn} and {@code adopt} (the scope
 * awaits its children), and {@code CompletableFuture}'s {@code orTimeout}, {@code
 * completeOnTimeout} and {@code completeAsync}, which return the future they were called on. It
 * resolves types, so it runs on attributed trees, with the await checks.
 */
final class DiscardedTaskScanner extends TreePathScanner<Void, Void> {
  private static final Set<String> SCOPE_OWNS = Set.of("spawn", "adopt");
  private static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";
  private static final Set<String> RETURNS_RECEIVER =
      Set.of("orTimeout", "completeOnTimeout", "completeAsync");
  /** Calls longer than this are shown by their method name in the message. */
  private static final int SHOWN_CALL_LENGTH = 60;
  /** Receivers longer than this are left out of a call shown by its method name. */
  private static final int SHOWN_RECEIVER_LENGTH = 30;

  private final Trees trees;
  private final Reporter reporter;
  private final Suppressions suppressions;
  private CompilationUnitTree unit;
  /** The {@code @Async} method whose own body is being scanned, or null. */
  private ExecutableElement asyncMethod;

  DiscardedTaskScanner(Trees trees, Reporter reporter) {
    this.trees = trees;
    this.reporter = reporter;
    this.suppressions = new Suppressions(trees);
  }

  /** Checks every statement under {@code path} (a class declaration or a compilation unit). */
  void scanClass(TreePath path) {
    this.unit = path.getCompilationUnit();
    scan(path, null);
  }

  @Override
  public Void visitMethod(MethodTree tree, Void unused) {
    Element element = trees.getElement(getCurrentPath());
    ExecutableElement method =
        AsyncAnnotations.isAsync(element) ? (ExecutableElement) element : null;
    return inBodyOf(method, () -> super.visitMethod(tree, unused));
  }

  @Override
  public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
    return inBodyOf(null, () -> super.visitLambdaExpression(tree, unused));
  }

  @Override
  public Void visitClass(ClassTree tree, Void unused) {
    return inBodyOf(null, () -> super.visitClass(tree, unused));
  }

  /** Runs {@code scan} in the body of {@code method} (null: a body that is not {@code @Async}). */
  private Void inBodyOf(ExecutableElement method, Supplier<Void> scan) {
    ExecutableElement outer = asyncMethod;
    asyncMethod = method;
    try {
      return scan.get();
    } finally {
      asyncMethod = outer;
    }
  }

  @Override
  public Void visitExpressionStatement(ExpressionStatementTree tree, Void unused) {
    if (asyncMethod != null && tree.getExpression() instanceof MethodInvocationTree) {
      TreePath call = new TreePath(getCurrentPath(), tree.getExpression());
      TypeMirror type = typeOf(call);
      if (type != null
          && StageTypes.isStage(type)
          && !handsOver(call)
          && !suppressions.suppressed(call, DiagnosticId.DISCARDED_TASK)) {
        report((MethodInvocationTree) tree.getExpression(), type);
      }
    }
    return super.visitExpressionStatement(tree, unused);
  }

  /**
   * The type of the call's result. On attributed trees javac recorded it; on unattributed ones
   * (the fallback in {@code process()}) resolving the call attributes its class first, as {@link
   * AwaitCalls} does.
   */
  private TypeMirror typeOf(TreePath call) {
    TypeMirror type = trees.getTypeMirror(call);
    if (type == null && trees.getElement(call) != null) {
      type = trees.getTypeMirror(call);
    }
    return type;
  }

  /** Whether the called method gives the stage to an owner, or returns its own receiver. */
  private boolean handsOver(TreePath call) {
    Element method = trees.getElement(call);
    if (!(method instanceof ExecutableElement)) {
      return false;
    }
    Element owner = method.getEnclosingElement();
    String ownerName =
        owner instanceof TypeElement ? ((TypeElement) owner).getQualifiedName().toString() : "";
    String name = method.getSimpleName().toString();
    return (ownerName.equals(WeftNames.TASK_SCOPE) && SCOPE_OWNS.contains(name))
        || (ownerName.equals(COMPLETABLE_FUTURE) && RETURNS_RECEIVER.contains(name));
  }

  private void report(MethodInvocationTree call, TypeMirror type) {
    String shown = shown(call);
    reporter.warning(
        DiagnosticId.DISCARDED_TASK,
        "the "
            + kind(type)
            + " that "
            + shown
            + " returns is discarded in "
            + ElementNames.method(asyncMethod)
            + ", which goes on without waiting for it and never sees it fail; await it (await("
            + shown
            + ");), or, if it is meant to run on its own, keep it in a variable or start it in a"
            + " dev.weft.TaskScope (scope.spawn(() -> "
            + shown
            + ")); @SuppressWarnings(\""
            + DiagnosticId.DISCARDED_TASK.id()
            + "\") on the method or class silences this.",
        call,
        unit);
  }

  /**
   * The call as written when it is short ({@code sem.acquire()}), else its receiver, if short, and
   * name: {@code sem.withPermit(...)}, {@code withPermit(...)}.
   */
  private static String shown(MethodInvocationTree call) {
    String source = call.toString();
    if (isShort(source, SHOWN_CALL_LENGTH)) {
      return source;
    }
    ExpressionTree select = call.getMethodSelect();
    if (!(select instanceof MemberSelectTree)) {
      return ((IdentifierTree) select).getName() + "(...)";
    }
    MemberSelectTree member = (MemberSelectTree) select;
    String receiver = member.getExpression().toString();
    return (isShort(receiver, SHOWN_RECEIVER_LENGTH) ? receiver + "." : "")
        + member.getIdentifier()
        + "(...)";
  }

  private static boolean isShort(String source, int length) {
    return source.length() <= length && source.indexOf('\n') < 0;
  }

  /** The simple name of the stage's class: {@code Task}, {@code CompletableFuture}. */
  private static String kind(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        ? ((DeclaredType) type).asElement().getSimpleName().toString()
        : "stage";
  }
}
