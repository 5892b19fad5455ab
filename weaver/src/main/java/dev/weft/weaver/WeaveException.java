package dev.weft.weaver;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The weaver could not rewrite a class. The class is to be left exactly as it was; each problem
 * names the class, the method and the source line.
 */
public final class WeaveException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<WeaveProblem> problems;

  public WeaveException(List<WeaveProblem> problems) {
    super(problems.stream().map(WeaveProblem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public WeaveException(WeaveProblem problem, Throwable cause) {
    super(problem.toString(), cause);
    this.problems = List.of(problem);
  }

  /** Every problem found in the class, in the order of the methods in the class file. */
  public List<WeaveProblem> problems() {
    return problems;
  }
}
