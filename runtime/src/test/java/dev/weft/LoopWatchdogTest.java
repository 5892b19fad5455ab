package dev.weft;

import dev.weft.internal.Coroutine;
import dev.weft.internal.Frames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The blocked-loop watchdog: a coroutine that blocks its loop (a foreign {@code join()}) is
 * reported once, with its method and the loop thread's stack; a busy loop of short steps and an
 * idle loop are not; the property turns it off.
 */
class LoopWatchdogTest {
  private static final Coroutine.Resumer BLOCKING = resumer("blocking$weft$0");

  /** What {@code blocking} joins once resumed; completed by the test. */
  private static volatile CompletableFuture<String> foreign;

  @AfterEach
  void clearProperty() {
    System.clearProperty(EventLoop.BLOCKED_THRESHOLD_PROPERTY);
  }

  // @Async Task<String> blocking(CompletionStage<String> gate) {
  //   await(gate); return Task.completed(foreign.join());   // join: blocks the loop
  // }
  static Task<String> blocking(CompletionStage<String> gate) {
    Coroutine<?> frame = Coroutine.newFrame(BLOCKING, 0, 0);
    frame.suspend(gate, 1);
    return (Task<String>) (Task<?>) frame;
  }

  static void blocking$weft$0(Coroutine<?> frame) {
    try {
      frame.resumeValue();
      Coroutine.complete(Task.completed(foreign.join()), frame);
    } catch (Throwable t) {
      Coroutine.fail(t, frame);
    }
  }

  private static Coroutine.Resumer resumer(String bridge) {
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    try {
      return Coroutine.resumer(lookup, "resumer", Coroutine.Resumer.class, lookup.findStatic(
          LoopWatchdogTest.class, bridge, MethodType.methodType(void.class, Coroutine.class)));
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static List<LogRecord> blockedReports(LogCapture log) {
    return log.records.stream()
        .filter(r -> r.getLevel() == Level.WARNING && String.valueOf(r.getMessage()).contains("blocked"))
        .collect(Collectors.toList());
  }

  @Test
  void aCoroutineThatJoinsOnItsLoopIsReportedOnceWithItsMethodAndTheLoopsStack() throws Exception {
    System.setProperty(EventLoop.BLOCKED_THRESHOLD_PROPERTY, "100");
    foreign = new CompletableFuture<>();
    Promise<String> gate = Task.promise();
    try (LogCapture log = LogCapture.of("dev.weft.EventLoop");
        EventLoop loop = new EventLoop()) {
      CompletableFuture<Task<String>> started = new CompletableFuture<>();
      loop.execute(() -> started.complete(blocking(gate)));
      Task<String> task = started.get(10, TimeUnit.SECONDS);
      gate.complete("go"); // the resume runs on the loop and joins
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (blockedReports(log).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Thread.sleep(400); // still blocked: no second report for the same step
      foreign.complete("done");
      assertEquals("done", task.get(10, TimeUnit.SECONDS));

      List<LogRecord> reports = blockedReports(log);
      assertEquals(1, reports.size(), () -> "one report per blocked step: " + reports);
      LogRecord report = reports.get(0);
      assertTrue(report.getMessage().contains("LoopWatchdogTest.blocking"),
          "names the @Async method: " + report.getMessage());
      assertTrue(report.getMessage().contains(loop.toString()), report.getMessage());
      String stack = Arrays.toString(report.getThrown().getStackTrace());
      assertTrue(stack.contains("CompletableFuture.join"), "the loop thread's stack: " + stack);
      assertTrue(stack.contains("blocking$weft$0"), "down to the coroutine's step: " + stack);
    }
  }

  @Test
  void manyShortStepsAndAnIdleLoopAreNotReported() throws Exception {
    System.setProperty(EventLoop.BLOCKED_THRESHOLD_PROPERTY, "50");
    try (LogCapture log = LogCapture.of("dev.weft.EventLoop");
        EventLoop loop = new EventLoop()) {
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
      while (System.nanoTime() < end) { // a busy loop: each task short, for longer than the threshold
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> done.complete(null));
        done.get(10, TimeUnit.SECONDS);
      }
      Thread.sleep(300); // idle, parked in its selector, for six thresholds
      assertEquals(List.of(), blockedReports(log));
    }
  }

  @Test
  void zeroTurnsTheWatchdogOff() throws Exception {
    System.setProperty(EventLoop.BLOCKED_THRESHOLD_PROPERTY, "0");
    try (LogCapture log = LogCapture.of("dev.weft.EventLoop");
        EventLoop loop = new EventLoop()) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      loop.execute(() -> {
        try {
          Thread.sleep(300);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        done.complete(null);
      });
      done.get(10, TimeUnit.SECONDS);
      Thread.sleep(100);
      assertEquals(List.of(), blockedReports(log));
    }
  }

  @Test
  void aThresholdThatIsNotANumberIsAClearError() {
    System.setProperty(EventLoop.BLOCKED_THRESHOLD_PROPERTY, "1s");
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, EventLoop::new);
    assertTrue(e.getMessage().contains(EventLoop.BLOCKED_THRESHOLD_PROPERTY) && e.getMessage().contains("'1s'"),
        e.getMessage());
  }
}
