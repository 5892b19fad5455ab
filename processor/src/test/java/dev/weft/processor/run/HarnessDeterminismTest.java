package dev.weft.processor.run;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.weft.weaver.ByteLoader;
import java.lang.instrument.ClassFileTransformer;
import dev.weft.weaver.DirectoryWeaver;
import dev.weft.weaver.Weaver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The harness's own guarantees over the whole corpus: the processor, the weaver called directly,
 * the agent's transformer and the plugin's directory weaver give byte-identical classes; weaving is
 * deterministic and idempotent in every mode; woven classes are marked; classes without {@code
 * @Async} methods are left as javac wrote them; unwoven awaits fail loudly.
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
        DebugInfoTest.DEBUG,
        EdgeCasesTest.EDGES,
        EdgeCasesTest.wideLocals(140));
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

  /**
   * README, semantics 8: the same input gives the same bytes in every mode. Every mode is
   * compared with the processor, class by class, and every difference is reported (mode, class,
   * where the first differing byte is, and a diff of the two Textifier listings).
   */
  @ParameterizedTest
  @MethodSource("corpus")
  void everyModeGivesTheProcessorsBytes(String source) {
    Map<String, byte[]> processor = WovenProgram.of(Mode.PROCESSOR, source).classes();
    List<String> differences = new ArrayList<>();
    for (Mode mode : Mode.values()) {
      if (mode == Mode.PROCESSOR) {
        continue;
      }
      Map<String, byte[]> other = WovenProgram.of(mode, source).classes();
      assertWithMessage("%s classes", mode).that(other.keySet())
          .containsExactlyElementsIn(processor.keySet());
      processor.forEach((name, bytes) -> {
        String difference = ClassDiff.explain("PROCESSOR", bytes, mode.name(), other.get(name));
        if (difference != null) {
          differences.add(mode + " " + name + ": " + difference);
        }
      });
    }
    assertWithMessage("classes that differ from the processor's (release %s):%n%s",
            WovenProgram.RELEASE, String.join("\n", differences))
        .that(differences).isEmpty();
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
    // the agent: two transformers, and one transformer asked twice (a class loaded by two loaders)
    assertSameClasses("agent, twice",
        WovenProgram.agentWeaveAll(plain), WovenProgram.agentWeaveAll(plain));
    ClassFileTransformer transformer = WovenProgram.agentTransformer(new ArrayList<>());
    ByteLoader loader = new ByteLoader(plain);
    plain.forEach((name, bytes) -> {
      byte[] once = WovenProgram.agentTransform(transformer, loader, name, bytes);
      byte[] twice = WovenProgram.agentTransform(transformer, new ByteLoader(plain), name, bytes);
      assertWithMessage("%s transformed twice by one agent", name).that(twice).isEqualTo(once);
    });
    // the plugin: two fresh directories of the same class files
    assertSameClasses("plugin, twice",
        WovenProgram.pluginWeaveAll(plain), WovenProgram.pluginWeaveAll(plain));
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
      assertAgentAndPluginLeaveAlone(mode, classes);
    }
  }

  /** The same class names, each with the same bytes. */
  static void assertSameClasses(String what, Map<String, byte[]> expected, Map<String, byte[]> actual) {
    assertWithMessage("%s: classes", what).that(actual.keySet())
        .containsExactlyElementsIn(expected.keySet());
    expected.forEach((name, bytes) ->
        assertWithMessage("%s: %s", what, name).that(actual.get(name)).isEqualTo(bytes));
  }

  /** Woven classes pass through the agent ({@code null}) and the plugin (skipped, unchanged). */
  private static void assertAgentAndPluginLeaveAlone(Mode mode, Map<String, byte[]> woven) {
    List<String> log = new ArrayList<>();
    ClassFileTransformer transformer = WovenProgram.agentTransformer(log);
    ByteLoader loader = new ByteLoader(woven);
    woven.forEach((name, bytes) ->
        assertWithMessage("%s %s through the agent again (log %s)", mode, name, log)
            .that(WovenProgram.agentTransform(transformer, loader, name, bytes)).isNull());
    Path dir = null;
    try {
      dir = WovenProgram.writeClasses(woven);
      DirectoryWeaver.Report report = WovenProgram.pluginWeave(dir);
      assertWithMessage("%s through the plugin again: woven", mode).that(report.woven()).isEmpty();
      assertWithMessage("%s through the plugin again: problems", mode)
          .that(report.problems()).isEmpty();
      assertSameClasses(mode + " through the plugin again", woven, WovenProgram.readClasses(dir));
    } catch (IOException e) {
      throw new AssertionError(e);
    } finally {
      WovenProgram.deleteQuietly(dir);
    }
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void classesWithoutAsyncMethodsAreLeftAsJavacWroteThem(String source) {
    Map<String, byte[]> plain = WovenProgram.javac(false, source);
    Weaver weaver = WovenProgram.directWeaver(plain);
    ClassFileTransformer transformer = WovenProgram.agentTransformer(new ArrayList<>());
    ByteLoader loader = new ByteLoader(plain);
    plain.forEach((name, bytes) -> {
      if (!WovenProgram.hasAsyncMethod(bytes)) {
        assertWithMessage("%s woven directly", name)
            .that(WovenProgram.weave(weaver, name, bytes)).isNull();
        assertWithMessage("%s through the agent", name)
            .that(WovenProgram.agentTransform(transformer, loader, name, bytes)).isNull();
        for (Mode mode : Mode.values()) {
          assertWithMessage("%s from %s", name, mode)
              .that(WovenProgram.of(mode, source).classes().get(name)).isEqualTo(bytes);
        }
      }
    });
    assertThat(plain).containsKey("prog/Support");
  }

  /** {@code -Dweft.run.release} reaches javac: the class files are of that release's version. */
  @Test
  void programsAreCompiledForTheRequestedRelease() {
    int expectedMajor = 44 + Integer.parseInt(WovenProgram.RELEASE);
    for (Mode mode : Mode.values()) {
      WovenProgram.of(mode, UNWOVEN).classes().forEach((name, bytes) ->
          assertWithMessage("%s %s class file major version", mode, name)
              .that(((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff)).isEqualTo(expectedMajor));
    }
  }

  /** When {@code weft-agent} is its shaded jar, AGENT mode weaves with that jar's own classes. */
  @Test
  void agentModeUsesTheShippedAgentJar() {
    if (WovenProgram.AGENT_LOCATION.endsWith(".jar")) {
      assertWithMessage("the agent jar %s carries the weaver", WovenProgram.AGENT_LOCATION)
          .that(WovenProgram.agentIsShipped()).isTrue();
    }
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
  void theSameProgramWovenInEveryModeRunsAlike() {
    for (Mode mode : Mode.values()) {
      Program program = WovenProgram.of(mode, UNWOVEN).load(Timing.NOW);
      assertWithMessage("%s", mode).that(program.join("Unwoven", "compute")).isEqualTo(2);
    }
  }
}
