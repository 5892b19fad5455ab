package dev.weft.processor.run;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.weft.weaver.Weaver;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The harness's own guarantees over the whole corpus: the processor and the weaver called directly
 * give byte-identical classes; weaving is deterministic and idempotent; woven classes are marked;
 * classes without {@code @Async} methods are left as javac wrote them; unwoven awaits fail loudly.
 */
class HarnessDeterminismTest {
  static List<String> corpus() {
    return List.of(
        LoopsTest.LOOPS,
        SwitchTest.SWITCHES,
        TryCatchTest.TRIES,
        ExpressionsTest.EXPRS,
        PrimitivesTest.PRIMS,
        MethodKindsTest.KINDS,
        SemanticsTest.SEM,
        DebugInfoTest.DEBUG);
  }

  static final String UNWOVEN =
      """
      package prog;

      import static dev.weft.Task.await;

      import dev.weft.Task;
      import dev.weft.annotations.Async;

      public class Unwoven {
        @Async
        public static Task<Integer> compute() {
          return Task.completed(await(Task.completed(1)) + 1);
        }
      }
      """;

  @ParameterizedTest
  @MethodSource("corpus")
  void processorAndDirectWeavingGiveIdenticalBytes(String source) {
    Map<String, byte[]> processor = WovenProgram.of(Mode.PROCESSOR, source).classes();
    Map<String, byte[]> direct = WovenProgram.of(Mode.DIRECT, source).classes();
    assertThat(processor.keySet()).containsExactlyElementsIn(direct.keySet());
    processor.forEach((name, bytes) ->
        assertWithMessage("%s: first differing byte at %s (processor %s bytes, direct %s)", name,
                Arrays.mismatch(bytes, direct.get(name)), bytes.length, direct.get(name).length)
            .that(Arrays.equals(bytes, direct.get(name))).isTrue());
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void weavingTheSameInputTwiceGivesIdenticalBytes(String source) {
    Map<String, byte[]> plain = WovenProgram.javac(false, source);
    Map<String, byte[]> first = WovenProgram.weaveAll(plain);
    Map<String, byte[]> second = WovenProgram.weaveAll(plain);
    Weaver reused = WovenProgram.directWeaver(plain);
    first.forEach((name, bytes) -> {
      assertWithMessage("%s woven twice", name).that(second.get(name)).isEqualTo(bytes);
      byte[] again = WovenProgram.weave(reused, name, plain.get(name));
      assertWithMessage("%s woven again by one weaver", name)
          .that(again != null ? again : plain.get(name)).isEqualTo(bytes);
    });
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void wovenClassesAreMarkedAndNotWovenAgain(String source) {
    for (Mode mode : Mode.values()) {
      Map<String, byte[]> classes = WovenProgram.of(mode, source).classes();
      Weaver weaver = WovenProgram.directWeaver(classes);
      int woven = 0;
      for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
        if (WovenProgram.hasAsyncMethod(entry.getValue())) {
          woven++;
          assertWithMessage("%s %s format", mode, entry.getKey())
              .that(WovenProgram.wovenFormat(entry.getValue())).isEqualTo(Weaver.FORMAT);
          assertWithMessage("%s %s woven again", mode, entry.getKey())
              .that(WovenProgram.weave(weaver, entry.getKey(), entry.getValue())).isNull();
        }
      }
      assertWithMessage("%s woven classes", mode).that(woven).isGreaterThan(0);
    }
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void classesWithoutAsyncMethodsAreLeftAsJavacWroteThem(String source) {
    Map<String, byte[]> plain = WovenProgram.javac(false, source);
    Map<String, byte[]> processor = WovenProgram.of(Mode.PROCESSOR, source).classes();
    Weaver weaver = WovenProgram.directWeaver(plain);
    plain.forEach((name, bytes) -> {
      if (!WovenProgram.hasAsyncMethod(bytes)) {
        assertWithMessage("%s woven directly", name)
            .that(WovenProgram.weave(weaver, name, bytes)).isNull();
        assertWithMessage("%s from the processor", name)
            .that(processor.get(name)).isEqualTo(bytes);
      }
    });
    assertThat(plain).containsKey("prog/Support");
  }

  @Test
  void awaitInUnwovenCodeThrowsIllegalStateExceptionNamingTheMethod() {
    Map<String, byte[]> plain = WovenProgram.javac(false, UNWOVEN);
    assertThat(WovenProgram.isWoven(plain.get("prog/Unwoven"))).isFalse();
    Program program = new Program(plain, Timing.NOW);
    Throwable thrown = program.thrown("Unwoven", "compute");
    assertThat(thrown).isInstanceOf(IllegalStateException.class);
    assertThat(thrown).hasMessageThat().contains("prog.Unwoven.compute");
    assertThat(thrown).hasMessageThat().contains("weft-processor");
    assertThat(thrown).hasMessageThat().contains("-javaagent");
    assertThat(thrown).hasMessageThat().contains("weft-maven-plugin");
  }

  @Test
  void theSameProgramWovenInBothModesRunsAlike() {
    for (Mode mode : Mode.values()) {
      Program program = WovenProgram.of(mode, UNWOVEN).load(Timing.NOW);
      assertWithMessage("%s", mode).that(program.join("Unwoven", "compute")).isEqualTo(2);
    }
  }
}
