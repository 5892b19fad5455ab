package dev.weft.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An await while a monitor is held is refused by the weaver alone (the agent and the Maven plugin
 * have no source check in front of it), whatever the shape of the blocks before it: the monitor
 * depth comes from control flow, not from counting enters and exits in instruction order.
 */
class AwaitInsideMonitorTest {

  private static final String HEADER =
      """
      package t;
      import dev.weft.*;
      import dev.weft.annotations.Async;
      import static dev.weft.Task.await;
      public class P {
        final Object lock = new Object();
        int n;
      """;

  private static Map<String, byte[]> compile(String members) {
    return InMemoryJavac.compile(Map.of("t.P", HEADER + members + "}\n"));
  }

  private static Weaver weaver() {
    return new Weaver(ClassHierarchy.fromResources(AwaitInsideMonitorTest.class.getClassLoader()));
  }

  /** The single problem of weaving {@code members}; asserts its line (the line of HEADER + 1 is 9). */
  private static WeaveProblem refused(String members, int line) {
    byte[] original = compile(members).get("t/P");
    WeaveException e = assertThrows(WeaveException.class, () -> weaver().weave(original));
    assertEquals(1, e.problems().size(), e::getMessage);
    WeaveProblem problem = e.problems().get(0);
    assertEquals("m", problem.methodName());
    assertEquals(line, problem.line(), problem::toString);
    assertTrue(problem.message().startsWith("await() inside synchronized"), problem.message());
    return problem;
  }

  private static void woven(String members) throws WeaveException {
    assertNotNull(weaver().weave(compile(members).get("t/P")));
  }

  @Test
  void awaitInASecondSynchronizedBlock() {
    refused(
        """
          @Async Task<Integer> m(Task<Integer> t) {
            synchronized (lock) { n++; }
            synchronized (lock) {
              return Task.completed(await(t));
            }
          }
        """,
        11);
  }

  @Test
  void awaitInAThirdBlockAfterOneThatReturns() {
    refused(
        """
          @Async Task<Integer> m(Task<Integer> t, boolean b) {
            synchronized (lock) { if (b) return Task.completed(0); n++; }
            synchronized (lock) { n--; }
            synchronized (lock) {
              n += await(t);
            }
            return Task.completed(n);
          }
        """,
        12);
  }

  @Test
  void awaitInASecondBlockInsideALoop() {
    refused(
        """
          @Async Task<Integer> m(Task<Integer> t) {
            int sum = 0;
            for (int i = 0; i < 3; i++) {
              synchronized (lock) { n++; }
              synchronized (this) { sum += await(t); }
            }
            return Task.completed(sum);
          }
        """,
        12);
  }

  @Test
  void awaitInACatchInsideABlock() {
    refused(
        """
          @Async Task<Integer> m(Task<Integer> t) {
            synchronized (lock) { n++; }
            synchronized (lock) {
              try {
                n = n / n;
              } catch (ArithmeticException e) {
                n = await(t);
              }
            }
            return Task.completed(n);
          }
        """,
        14);
  }

  @Test
  void awaitsAroundBlocksAreWoven() throws Exception {
    woven(
        """
          @Async Task<Integer> m(Task<Integer> t, boolean b) {
            int a = await(t);
            synchronized (lock) { if (b) return Task.completed(0); n++; }
            synchronized (lock) { n += a; }
            for (int i = 0; i < 2; i++) {
              synchronized (lock) { n++; }
              a += await(t);
            }
            return Task.completed(a + n);
          }
        """);
  }

  /**
   * The handler of an outer {@code try} is reached from inside the block only through the block's
   * own catch-all handler, which releases the monitor: an await there holds nothing.
   */
  @Test
  void awaitInACatchAroundABlockIsWoven() throws Exception {
    woven(
        """
          @Async Task<Integer> m(Task<Integer> t) {
            try {
              synchronized (lock) { n = n / n; }
            } catch (ArithmeticException e) {
              n = await(t);
            }
            try {
              synchronized (lock) { n++; }
              synchronized (lock) { n = n / (n - n); }
            } finally {
              n += await(t);
            }
            return Task.completed(n);
          }
        """);
  }

  /** The Maven plugin's path: a directory of class files, every problem collected. */
  @Test
  void theDirectoryWeaverReportsIt(@TempDir Path dir) throws IOException {
    byte[] original =
        compile(
                """
                  @Async Task<Integer> m(Task<Integer> t) {
                    synchronized (lock) { n++; }
                    synchronized (lock) { return Task.completed(await(t)); }
                  }
                """)
            .get("t/P");
    Path file = dir.resolve("t/P.class");
    Files.createDirectories(file.getParent());
    Files.write(file, original);

    DirectoryWeaver.Report report = new DirectoryWeaver(name -> null, name -> true).weave(dir);

    assertEquals(List.of(), report.woven());
    assertEquals(
        List.of("P.java:10"),
        report.problems().stream().map(p -> p.sourceFile() + ":" + p.line()).collect(Collectors.toList()),
        report.problems()::toString);
    assertTrue(report.problems().get(0).message().contains("synchronized"));
  }
}
