package dev.weft.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.weft.weaver.WeaveException;
import dev.weft.weaver.WeaveProblem;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/**
 * Weaves each class right after javac writes its class file ({@code GENERATE} finished; the
 * event fires once per class, nested, local and anonymous ones included, and a class's lambdas
 * live in its own class file). Only classes that declare an {@code @Async} method are read; a
 * {@code null} from the weaver leaves the file alone. Nothing is woven once an error was reported,
 * by annotation processing or by the {@link AwaitCheckingListener}, which checks a class at its
 * {@code ANALYZE}, before javac generates it: so a class with a misplaced await never reaches the
 * weaver (which would reject it a second time, as a {@code WeftWeaveFailed}).
 *
 * <p>After {@code ANALYZE} of each top-level class it registers the class and every class declared
 * inside it with the {@link ElementsHierarchy}: local and anonymous classes have no name {@code
 * Elements} can look up, yet the weaver may ask about them.
 */
final class WeavingListener implements TaskListener {
  private final ClassWeaver weaver;
  private final ElementsHierarchy hierarchy;
  private final ClassOutput output;
  private final Trees trees;
  private final Reporter reporter;
  private final BooleanSupplier skip;
  /** Where classes and methods are declared, recorded while their trees are intact. */
  private final Map<Element, TreePath> declarations = new HashMap<>();

  /** {@code skip} says whether errors were reported already, so weaving must not run. */
  WeavingListener(
      ClassWeaver weaver,
      ElementsHierarchy hierarchy,
      ClassOutput output,
      Trees trees,
      Reporter reporter,
      BooleanSupplier skip) {
    this.weaver = weaver;
    this.hierarchy = hierarchy;
    this.output = output;
    this.trees = trees;
    this.reporter = reporter;
    this.skip = skip;
  }

  @Override
  public void finished(TaskEvent event) {
    TypeElement type = event.getTypeElement();
    try {
      if (event.getKind() == TaskEvent.Kind.ANALYZE && type != null) {
        registerDeclaredClasses(type);
      } else if (event.getKind() == TaskEvent.Kind.GENERATE && type != null) {
        weave(type);
        forget(type);
      }
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable t) {
      reporter.internalError("weaving " + type, t, declarations.get(type), type);
    }
  }

  /**
   * Registers {@code type} and the classes declared in it with the hierarchy, and records where
   * each of them and each {@code @Async} method is declared, for messages at {@code GENERATE}.
   */
  private void registerDeclaredClasses(TypeElement type) {
    hierarchy.register(type);
    TreePath path = trees.getPath(type);
    if (path == null) {
      return;
    }
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        Element element = trees.getElement(getCurrentPath());
        if (element instanceof TypeElement) {
          hierarchy.register((TypeElement) element);
          if (AsyncAnnotations.declaresAsyncMethod((TypeElement) element)) {
            declarations.put(element, getCurrentPath());
          }
        }
        return super.visitClass(tree, unused);
      }

      @Override
      public Void visitMethod(MethodTree tree, Void unused) {
        Element element = trees.getElement(getCurrentPath());
        if (AsyncAnnotations.isAsync(element)) {
          declarations.put(element, getCurrentPath());
        }
        return super.visitMethod(tree, unused);
      }
    }.scan(path, null);
  }

  private void forget(TypeElement type) {
    declarations.remove(type);
    type.getEnclosedElements().forEach(declarations::remove);
  }

  private void weave(TypeElement type) {
    if (skip.getAsBoolean() || !AsyncAnnotations.declaresAsyncMethod(type)) {
      return;
    }
    byte[] original;
    try {
      original = output.read(type);
    } catch (IOException e) {
      reportUnavailable("read", type, e);
      return;
    }
    byte[] woven;
    try {
      woven = weaver.weave(original);
    } catch (WeaveException e) {
      for (WeaveProblem problem : e.problems()) {
        reportProblem(type, problem, e.getCause());
      }
      return;
    }
    if (woven == null) {
      return;
    }
    try {
      output.write(type, woven);
    } catch (IOException e) {
      reportUnavailable("rewrite", type, e);
    }
  }

  private void reportProblem(TypeElement type, WeaveProblem problem, Throwable cause) {
    Element element = problemElement(type, problem);
    reporter.error(
        DiagnosticId.of(problem.kind()),
        "could not weave "
            + problem
            + (cause != null ? " (caused by " + cause + ")" : "")
            + "; the class was left as javac wrote it, and the build fails so that it is never"
            + " run unwoven. Change the code at that line as the message says; if it is valid"
            + " Java that Weft should handle, report it with this message.",
        declarations.get(element), element);
  }

  /** The method the problem names, else the class. */
  private static Element problemElement(TypeElement type, WeaveProblem problem) {
    for (Element member : type.getEnclosedElements()) {
      if ((member.getKind() == ElementKind.METHOD || member.getKind() == ElementKind.CONSTRUCTOR)
          && member.getSimpleName().contentEquals(problem.methodName())
          && AsyncAnnotations.isAsync(member)) {
        return member;
      }
    }
    for (Element member : type.getEnclosedElements()) {
      if (member.getSimpleName().contentEquals(problem.methodName())) {
        return member;
      }
    }
    return type;
  }

  private void reportUnavailable(String what, TypeElement type, IOException e) {
    reporter.error(
        DiagnosticId.CLASS_OUTPUT_UNAVAILABLE,
        "could not "
            + what
            + " the class file "
            + output.describe(type)
            + " through the Filer ("
            + e
            + "), so its @Async methods cannot be woven at compile time; compile with an"
            + " explicit class output directory (javac -d), or turn compile-time weaving off with"
            + " -Aweft.weave=false and weave with weft-agent or the weft-maven-plugin instead.",
        declarations.get(type), type);
  }
}
