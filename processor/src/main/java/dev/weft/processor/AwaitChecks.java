package dev.weft.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Decides when the awaits of each compilation unit are checked, so that each is checked once. The
 * tasks dropped without an await ({@link DiscardedTaskScanner}) are checked at the same time: both
 * need attributed trees.
 *
 * <ol>
 *   <li>Normally after javac attributes each class, by the {@link #listener()} ({@code ANALYZE}).
 *   <li>When annotation processing reported an error (ours, such as a {@code WeftAsyncReturnType},
 *       or another processor's), javac stops after processing and never attributes: then the
 *       units of every round are checked in the last round, when every generated type exists.
 *       With {@code -XDshould-stop.ifError=FLOW} or later javac does attribute after all; the
 *       listener skips the units checked already.
 *   <li>Without a listener (no {@code JavacTask}), each round's units are checked in that round,
 *       which attributes them early.
 * </ol>
 */
final class AwaitChecks {
  private final Trees trees;
  private final Reporter reporter;
  /**
   * Units of the root elements of every round, in order, while the listener is in charge (trees
   * do not override {@code equals}, and javac keeps the same unit objects from round to round).
   */
  private final Set<CompilationUnitTree> seen = new LinkedHashSet<>();
  private final Set<CompilationUnitTree> checkedInProcess = identitySet();
  private boolean listening;

  AwaitChecks(Trees trees, Reporter reporter) {
    this.trees = trees;
    this.reporter = reporter;
  }

  /** The listener that checks each class at {@code ANALYZE}; {@link #round} defers to it. */
  TaskListener listener() {
    listening = true;
    return new AwaitCheckingListener(trees, reporter, checkedInProcess::contains);
  }

  /** In every round of {@code process()}; {@code failed}: whether processing reported errors. */
  void round(RoundEnvironment round, boolean failed) {
    Set<CompilationUnitTree> units = units(round.getRootElements());
    if (!listening) {
      check(units);
    } else {
      seen.addAll(units);
      if (round.processingOver() && failed) {
        check(seen);
      }
    }
  }

  private void check(Set<CompilationUnitTree> units) {
    for (CompilationUnitTree unit : units) {
      if (checkedInProcess.add(unit)) {
        new AwaitPlacementScanner(trees, reporter).scanUnit(unit);
        new DiscardedTaskScanner(trees, reporter).scanClass(new TreePath(unit));
      }
    }
  }

  private Set<CompilationUnitTree> units(Set<? extends Element> roots) {
    Set<CompilationUnitTree> units = identitySet();
    for (Element root : roots) {
      TreePath path = root instanceof TypeElement ? trees.getPath(root) : null;
      if (path != null) {
        units.add(path.getCompilationUnit());
      }
    }
    return units;
  }

  private static Set<CompilationUnitTree> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }
}
