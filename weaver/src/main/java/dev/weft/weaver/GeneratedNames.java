package dev.weft.weaver;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Names the members the weaver adds for each {@code @Async} method, before any is added, so that
 * none can clash with another or with a member of the class, whatever its overloads, statics and
 * return types.
 *
 * <p>The resume bridge and the resumer factory carry the method's index among the class's {@code
 * @Async} methods ({@code m$weft$3}, {@code m$weft$3$resumer}), which makes them distinct from each
 * other. The state machine keeps the method's own name, so that stack traces name the user's
 * method, whenever that name and the machine's descriptor are free; an instance {@code m(int)} and
 * a static {@code m(Owner, int)} both have the machine descriptor {@code (Owner, int, Coroutine)},
 * so the second one, in class order, is named by its index instead ({@code m$weft$3$machine}). A
 * class that already declares a method with one of these indexed names is refused: the weaver
 * never renames user members.
 */
final class GeneratedNames {
  private GeneratedNames() {}

  static final String MACHINE_SUFFIX = "$machine";

  /** Sets {@link AsyncMethod#machineName} of every method; refuses a class that uses the names. */
  static void assign(ClassNode owner, List<AsyncMethod> methods) throws WeaveException {
    Set<String> taken = new HashSet<>();
    Set<String> existingNames = new HashSet<>();
    for (MethodNode member : owner.methods) {
      taken.add(member.name + member.desc);
      existingNames.add(member.name);
    }
    List<WeaveProblem> problems = new ArrayList<>();
    for (AsyncMethod method : methods) {
      String indexed = method.bridgeName() + MACHINE_SUFFIX;
      for (String name : List.of(method.bridgeName(), method.resumerName(), indexed)) {
        if (existingNames.contains(name)) {
          problems.add(method.problem(null, "the class already declares a method named " + name
              + ", a name the weaver reserves for the members it adds; rename that method"));
        }
      }
      String machineDesc = method.machineDescriptor();
      method.machineName = taken.add(method.original.name + machineDesc) ? method.original.name : indexed;
    }
    if (!problems.isEmpty()) {
      throw new WeaveException(problems);
    }
  }
}
