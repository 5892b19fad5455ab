package dev.weft.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.weft.EventLoop;
import dev.weft.Promise;
import dev.weft.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The extension, seen from JUnit: the classes below (nested, so that the build's own test run
 * skips them) are run through the JUnit Platform launcher and their outcomes read back.
 */
class WeftTestExtensionTest {
  /** Outcome of each test method of {@code testClass}, by method name. */
  private static Map<String, TestExecutionResult> run(Class<?> testClass) {
    Map<String, TestExecutionResult> results = new LinkedHashMap<>();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(),
        new TestExecutionListener() {
          @Override
          public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (id.isTest()) {
              results.put(id.getDisplayName().replaceFirst("\\(.*", ""), result);
            }
          }
        });
    return results;
  }

  private static String failure(TestExecutionResult result) {
    return result.getThrowable().map(Throwable::getMessage).orElse("(passed)");
  }

  @Test
  void aCleanTestOnVirtualTimePasses() {
    Map<String, TestExecutionResult> results = run(Clean.class);
    assertEquals(List.of("sleepsAnHourAtOnce", "beforeAndAfterEachRunOnTheSameLoop"), List.copyOf(results.keySet()));
    results.forEach((name, result) ->
        assertEquals(TestExecutionResult.Status.SUCCESSFUL, result.getStatus(), name + ": " + failure(result)));
    assertNull(EventLoop.current(), "the test thread is no loop's after the tests");
  }

  @Test
  void aTestThatLeavesACoroutineSuspendedFailsNamingIt() {
    TestExecutionResult result = run(Leaky.class).get("leavesACoroutineSuspended");
    assertEquals(TestExecutionResult.Status.FAILED, result.getStatus());
    String message = failure(result);
    assertTrue(message.contains("1 coroutine is left suspended"), message);
    assertTrue(message.contains("Flows.forever@"), message);
    assertTrue(Leaky.leaked.isCancelled(), "the extension cancels what the test left");
  }

  @Test
  void aTestWithAnUnobservedFailureFailsWithTheCause() {
    TestExecutionResult result = run(Unobserving.class).get("dropsAFailedTask");
    assertEquals(TestExecutionResult.Status.FAILED, result.getStatus());
    Throwable error = result.getThrowable().orElseThrow();
    assertTrue(error.getMessage().contains("1 task failed and nobody observed the failure"), error.getMessage());
    assertTrue(error.getMessage().contains("Flows.failsAfter@"), error.getMessage());
    assertEquals("failed after PT1S", error.getSuppressed()[0].getMessage());
  }

  @Test
  void theExtensionWorksWithoutTheAnnotationToo() {
    TestExecutionResult result = run(Extended.class).get("timesOutAtFiveVirtualSeconds");
    assertEquals(TestExecutionResult.Status.SUCCESSFUL, result.getStatus(), failure(result));
  }

  @WeftTest
  static class Clean {
    private final List<String> log = new ArrayList<>();
    private EventLoop before;

    @BeforeEach
    void before() {
      before = EventLoop.current();
    }

    @Test
    void sleepsAnHourAtOnce(VirtualTime time) {
      Task<String> hour = new Flows(time, log).sleepThenLog("hour", Duration.ofHours(1));
      time.runUntilIdle();
      assertEquals("hour", time.join(hour));
      assertEquals(List.of("hour at PT1H"), log);
    }

    @Test
    void beforeAndAfterEachRunOnTheSameLoop(VirtualTime time) {
      assertSame(time.loop(), before);
    }

    @AfterEach
    void after() {
      assertSame(before, EventLoop.current());
    }
  }

  @WeftTest
  static class Leaky {
    static Task<String> leaked;

    @Test
    void leavesACoroutineSuspended(VirtualTime time) {
      Promise<String> never = Task.promise();
      leaked = new Flows(time, new ArrayList<>()).forever(never);
    }
  }

  static class Unobserving {
    @Test
    @WeftTest
    void dropsAFailedTask(VirtualTime time) {
      new Flows(time, new ArrayList<>()).failsAfter(Duration.ofSeconds(1));
      time.advanceBy(Duration.ofSeconds(1));
    }
  }

  @ExtendWith(WeftTestExtension.class)
  static class Extended {
    @Test
    void timesOutAtFiveVirtualSeconds(VirtualTime time) {
      List<String> log = new ArrayList<>();
      Task<String> bounded = new Flows(time, log).orTimeout(Task.promise(), Duration.ofSeconds(5));
      assertEquals("fallback", time.join(bounded));
      assertEquals(List.of("timed out at PT5S"), log);
    }
  }
}
