package dev.weft.processor.run;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Woven code keeps line numbers and local variable names (README, semantics 7). */
class DebugInfoTest {
  static final String DEBUG =
      """
      package prog;

      import static dev.weft.Task.await;
      import static prog.Support.s;

      import dev.weft.Task;
      import dev.weft.annotations.Async;
      import java.util.concurrent.CompletionStage;

      public class Debug {
        @Async
        public static Task<String> throwsAfterAwait(CompletionStage<String> stage) {
          String value = await(stage);
          int length = value.length();
          if (length > 0) {
            throw new IllegalStateException("thrown at the marked line"); // LINE:throw
          }
          return Task.completed(value);
        }

        @Async
        Task<Long> names(long first, String second) {
          int counter = await(s(3)); // LINE:counter
          double ratio = counter / 2.0;
          String label = second + await(s("!")); // LINE:label
          return Task.completed(first + counter + (long) ratio + label.length());
        }

        public static Task<Long> callNames() {
          return new Debug().names(5L, "ab");
        }
      }
      """;

  @ParameterizedTest
  @MethodSource(Run.MODES)
  void exceptionAfterAResumePointsAtItsSourceLine(Mode mode) {
    Program program = new Run(mode, Timing.NOW).load(DEBUG);
    CompletableFuture<String> stage = new CompletableFuture<>();
    Object task = program.call("Debug", "throwsAfterAwait", stage);
    stage.complete("resumed");
    assertThrownAtMarkedLine(Program.failureOf(task));
  }

  @ParameterizedTest
  @MethodSource(Run.MODES)
  void exceptionOnTheFastPathPointsAtItsSourceLine(Mode mode) {
    Program program = new Run(mode, Timing.NOW).load(DEBUG);
    Object task =
        program.call("Debug", "throwsAfterAwait", CompletableFuture.completedFuture("fast"));
    assertThrownAtMarkedLine(Program.failureOf(task));
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void instanceMethodWithNamesRuns(Run run) {
    assertThat(run.load(DEBUG).join("Debug", "callNames")).isEqualTo(5L + 3 + 1 + 3);
  }

  @ParameterizedTest
  @MethodSource(Run.MODES)
  void stateMachineKeepsLocalVariableNamesAndTypes(Mode mode) {
    MethodNode machine = stateMachine(mode, "names");
    Map<String, String> types = new HashMap<>();
    for (LocalVariableNode local : machine.localVariables) {
      types.putIfAbsent(local.name, local.desc);
    }
    assertThat(types).containsEntry("first", "J");
    assertThat(types).containsEntry("second", "Ljava/lang/String;");
    assertThat(types).containsEntry("counter", "I");
    assertThat(types).containsEntry("ratio", "D");
    assertThat(types).containsEntry("label", "Ljava/lang/String;");

    MethodNode other = stateMachine(mode, "throwsAfterAwait");
    List<String> names = new ArrayList<>();
    other.localVariables.forEach(local -> names.add(local.name));
    assertThat(names).containsAtLeast("stage", "value", "length");
  }

  @ParameterizedTest
  @MethodSource(Run.MODES)
  void stateMachineKeepsTheLinesOfItsAwaits(Mode mode) {
    MethodNode machine = stateMachine(mode, "names");
    List<Integer> lines = new ArrayList<>();
    for (AbstractInsnNode insn : machine.instructions) {
      if (insn instanceof LineNumberNode line) {
        lines.add(line.line);
      }
    }
    assertThat(lines).containsAtLeast(line("LINE:counter"), line("LINE:label"));
  }

  /** The woven state machine of {@code name}: synthetic, taking the frame as a parameter. */
  private static MethodNode stateMachine(Mode mode, String name) {
    byte[] bytes = WovenProgram.of(mode, DEBUG).bytes("Debug");
    List<MethodNode> found = new ArrayList<>();
    for (MethodNode method : WovenProgram.node(bytes).methods) {
      if (method.name.equals(name)
          && (method.access & Opcodes.ACC_SYNTHETIC) != 0
          && method.desc.contains("Ldev/weft/internal/Coroutine;")) {
        found.add(method);
      }
    }
    assertWithMessage("state machines named %s", name).that(found).hasSize(1);
    assertWithMessage("local variable table of %s", name)
        .that(found.get(0).localVariables).isNotEmpty();
    return found.get(0);
  }

  private static void assertThrownAtMarkedLine(Throwable failure) {
    assertThat(failure).isInstanceOf(IllegalStateException.class);
    assertThat(failure).hasMessageThat().isEqualTo("thrown at the marked line");
    StackTraceElement top = failure.getStackTrace()[0];
    assertThat(top.getClassName()).isEqualTo("prog.Debug");
    assertThat(top.getMethodName()).isEqualTo("throwsAfterAwait");
    assertThat(top.getFileName()).isEqualTo("Debug.java");
    assertThat(top.getLineNumber()).isEqualTo(line("LINE:throw"));
  }

  /** The 1-based line of {@link #DEBUG} that holds {@code marker}. */
  static int line(String marker) {
    String[] lines = DEBUG.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(marker)) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException(marker);
  }
}
