package dev.weft.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Task;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged agent jar in a real JVM: a program compiled by plain javac (never woven) runs with
 * {@code -javaagent}, its {@code @Async} code suspends and resumes, and a class that cannot be
 * woven leaves the program running with one log line. Runs after {@code package} (surefire
 * execution in the {@code integration-test} phase), which passes the jar as {@code weft.agent.jar}.
 */
class AgentIT {
  private static final String MAIN =
      """
      package app;
      import dev.weft.Promise;
      import dev.weft.Task;
      import dev.weft.annotations.Async;
      import static dev.weft.Task.await;
      public class Main {
        @Async static Task<String> greet(Task<String> name) {
          System.out.println("started on " + Thread.currentThread().getName());
          String n = await(name);
          System.out.println("resumed on main: " + Thread.currentThread().getName().equals("main"));
          return Task.completed("hello " + n);
        }
        public static void main(String[] args) {
          Promise<String> name = Task.promise();
          Task<String> greeting = greet(name);
          System.out.println("suspended: " + !greeting.isDone());
          name.complete("weft");
          System.out.println("result: " + greeting.join());
          try {
            Broken.m(Task.completed(1));
            System.out.println("broken ran");
          } catch (IllegalStateException e) {
            System.out.println("unwoven: " + e.getMessage());
          }
          System.out.println("still running");
        }
      }
      """;

  private static final String BROKEN =
      """
      package app;
      import dev.weft.Task;
      import dev.weft.annotations.Async;
      import static dev.weft.Task.await;
      public class Broken {
        @Async static Task<Integer> m(Task<Integer> t) {
          java.util.function.Supplier<Integer> s = () -> await(t);
          return Task.completed(s.get());
        }
      }
      """;

  /** Defines {@code app.Hidden} from its bytes with a null name, as test harnesses and generators do. */
  private static final String HARNESS =
      """
      package app;
      import dev.weft.Promise;
      import dev.weft.Task;
      public class Harness extends ClassLoader {
        Harness() { super(Harness.class.getClassLoader()); }
        public static void main(String[] args) throws Exception {
          byte[] bytes;
          try (var in = Harness.class.getResourceAsStream("/hidden/app/Hidden.class")) {
            bytes = in.readAllBytes();
          }
          Class<?> hidden = new Harness().defineClass(null, bytes, 0, bytes.length);
          Promise<Integer> p = Task.promise();
          Task<?> t = (Task<?>) hidden.getMethod("twice", Task.class).invoke(null, p);
          System.out.println("suspended: " + !t.isDone());
          p.complete(21);
          System.out.println("result: " + t.join());
        }
      }
      """;

  private static final String HIDDEN =
      """
      package app;
      import dev.weft.Task;
      import dev.weft.annotations.Async;
      import static dev.weft.Task.await;
      public class Hidden {
        @Async public static Task<Integer> twice(Task<Integer> t) {
          return Task.completed(2 * await(t));
        }
      }
      """;

  @TempDir static Path work;
  private static Path classes;

  @BeforeAll
  static void compileTheProgram() throws IOException {
    Path sources = Files.createDirectories(work.resolve("src/app"));
    Files.writeString(sources.resolve("Main.java"), MAIN);
    Files.writeString(sources.resolve("Broken.java"), BROKEN);
    Files.writeString(sources.resolve("Harness.java"), HARNESS);
    Files.writeString(Files.createDirectories(work.resolve("hidden-src/app")).resolve("Hidden.java"), HIDDEN);
    classes = Files.createDirectories(work.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, null, "-proc:none", "-g", "--release", "17",
        "-cp", System.getProperty("java.class.path"), "-d", classes.toString(),
        sources.resolve("Main.java").toString(), sources.resolve("Broken.java").toString(),
        sources.resolve("Harness.java").toString());
    assertEquals(0, status, "javac");
    // Under a resource path the class path does not map to a class name: only the harness defines it.
    status = javac.run(null, null, null, "-proc:none", "-g", "--release", "17",
        "-cp", System.getProperty("java.class.path"), "-d", classes.resolve("hidden").toString(),
        work.resolve("hidden-src/app/Hidden.java").toString());
    assertEquals(0, status, "javac");
  }

  private static Path agentJar() {
    String jar = System.getProperty("weft.agent.jar");
    assertTrue(jar != null && Files.isRegularFile(Path.of(jar)), "weft.agent.jar not built: " + jar);
    return Path.of(jar);
  }

  /** The runtime jar (or directory) alone: the program needs nothing else at run time. */
  private static String runtimeClassPath() {
    try {
      return Path.of(Task.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  private record Run(int exit, String out, String err) {}

  private static Run java(String... jvmArgs) throws Exception {
    return run("app.Main", jvmArgs);
  }

  private static Run run(String mainClass, String... jvmArgs) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(jvmArgs));
    command.addAll(List.of("-cp", classes + File.pathSeparator + runtimeClassPath(), mainClass));
    Process process = new ProcessBuilder(command)
        .redirectOutput(work.resolve("out.txt").toFile())
        .redirectError(work.resolve("err.txt").toFile())
        .start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child JVM timed out");
    return new Run(process.exitValue(),
        Files.readString(work.resolve("out.txt"), StandardCharsets.UTF_8),
        Files.readString(work.resolve("err.txt"), StandardCharsets.UTF_8));
  }

  @Test
  void asyncCodeSuspendsAndResumesAndABrokenClassOnlyLogs() throws Exception {
    Run run = java("-javaagent:" + agentJar() + "=verbose,bogus");
    String all = run.out() + run.err();
    assertEquals(0, run.exit(), all);
    assertTrue(run.out().contains("started on main\n"), all);
    assertTrue(run.out().contains("suspended: true\n"), all);
    assertTrue(run.out().contains("resumed on main: false\n"), all);
    assertTrue(run.out().contains("result: hello weft\n"), all);
    // the run-time error says that the agent could not weave the class, and why; not "annotate"
    assertTrue(run.out().contains("unwoven: Task.await() was called in app.Broken.lambda$m$0 (Broken.java:7),"
        + " which was not woven into a state machine: weft-agent could not weave app.Broken and left it as it"
        + " was:\napp/Broken.java:7: [WeftAwaitInLambda] could not weave app.Broken.m: await() inside a lambda"), all);
    assertFalse(run.out().contains("Annotate the method"), all);
    assertTrue(run.out().contains("still running\n"), all);
    assertTrue(run.err().contains("[weft-agent] unknown option 'bogus' ignored"), all);
    assertTrue(run.err().contains("[weft-agent] wove app.Main\n"), all);
    assertFalse(run.err().contains("wove app.Broken"), all);
    List<String> errors = run.err().lines().filter(l -> l.contains("could not weave")).toList();
    assertEquals(1, errors.size(), all);
    // the processor's id, the source path and the source method, not javac's lambda$m$0
    assertTrue(errors.get(0).startsWith("[weft-agent] app/Broken.java:7: [WeftAwaitInLambda] could not weave"
        + " app.Broken.m: await() inside a lambda in Broken.m"), all);
    assertTrue(errors.get(0).endsWith("; the class is left as it was"), all);
  }

  @Test
  void aClassDefinedWithANullNameIsWoven() throws Exception {
    Run run = run("app.Harness", "-javaagent:" + agentJar() + "=verbose");
    String all = run.out() + run.err();
    assertEquals(0, run.exit(), all);
    assertTrue(run.err().contains("[weft-agent] wove app.Hidden\n"), all);
    assertTrue(run.out().contains("suspended: true\nresult: 42\n"), all);
  }

  @Test
  void quietAgentPrintsNothing() throws Exception {
    Run run = java("-javaagent:" + agentJar() + "=quiet");
    assertEquals(0, run.exit(), run.out() + run.err());
    assertTrue(run.out().contains("result: hello weft\n"), run.out());
    assertTrue(run.out().contains("weft-agent could not weave app.Broken and left it as it was:\n"
        + "app/Broken.java:7: [WeftAwaitInLambda]"), run.out());
    assertEquals("", run.err());
  }

  @Test
  void withoutTheAgentTheSameProgramFailsAtItsFirstAwait() throws Exception {
    Run run = java();
    assertNotEquals(0, run.exit());
    assertTrue(run.err().contains("Task.await() was called in app.Main.greet"), run.err());
  }

  @Test
  void excludedClassesAreNotWoven() throws Exception {
    Run run = java("-javaagent:" + agentJar() + "=verbose,exclude=app.Main");
    assertNotEquals(0, run.exit());
    assertFalse(run.err().contains("wove app.Main"), run.err());
    assertTrue(run.err().contains("Task.await() was called in app.Main.greet"), run.err());
  }

  @Test
  void jarIsAnAgentWithRelocatedAsm() throws IOException {
    try (JarFile jar = new JarFile(agentJar().toFile())) {
      Attributes main = jar.getManifest().getMainAttributes();
      assertEquals(WeftAgent.class.getName(), main.getValue("Premain-Class"));
      assertEquals(WeftAgent.class.getName(), main.getValue("Agent-Class"));
      assertEquals("false", main.getValue("Can-Retransform-Classes"));
      assertTrue(jar.getEntry("dev/weft/agent/shaded/asm/ClassReader.class") != null);
      assertTrue(jar.getEntry("dev/weft/agent/shaded/asm/tree/analysis/Analyzer.class") != null);
      assertTrue(jar.getEntry("dev/weft/weaver/Weaver.class") != null);
      assertTrue(jar.stream().noneMatch(e -> e.getName().startsWith("org/objectweb/")), "unrelocated ASM");
      assertTrue(jar.stream().noneMatch(e -> e.getName().startsWith("dev/weft/Task")), "runtime must not be inside");
    }
  }
}
