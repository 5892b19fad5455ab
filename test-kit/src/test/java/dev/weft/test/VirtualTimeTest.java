package dev.weft.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.EventLoop;
import dev.weft.Promise;
import dev.weft.Task;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real {@code @Async} code (woven by weft-processor) on virtual time. */
class VirtualTimeTest {
  private final List<String> log = new ArrayList<>();

  @Test
  void anHourOfSleepsEndsAtOnceEachAtItsVirtualTimeInOrder() {
    List<String> names = VirtualTime.runTest(time -> new Flows(time, log).threeSleepers());
    assertEquals(List.of("hour", "minute", "half an hour"), names);
    assertEquals(List.of("minute at PT1M", "half an hour at PT30M", "hour at PT1H"), log);
  }

  @Test
  void aTimeoutFiresAtItsVirtualTimeAndNotBefore() {
    try (VirtualTime time = VirtualTime.open()) {
      Promise<String> slow = Task.promise();
      Task<String> bounded = new Flows(time, log).orTimeout(slow, Duration.ofSeconds(5));
      time.advanceBy(Duration.ofMillis(4999));
      assertFalse(bounded.isDone(), bounded::toString);
      time.advanceBy(Duration.ofMillis(1));
      assertEquals("fallback", time.join(bounded));
      assertEquals(List.of("timed out at PT5S"), log);
      assertTrue(slow.isCancelled(), "the timeout cancels what it bounds");
      time.verify();
    }
  }

  @Test
  void aStageThatCompletesFirstBeatsItsTimeout() {
    String value = VirtualTime.runTest(time -> {
      Flows flows = new Flows(time, log);
      return flows.orTimeout(flows.sleepThenLog("quick", Duration.ofSeconds(4)), Duration.ofSeconds(5));
    });
    assertEquals("quick", value);
    assertEquals(List.of("quick at PT4S"), log);
  }

  @Test
  void oneDeadlineSharedByTwoStepsRunsOutInTheSecond() {
    String outcome = VirtualTime.runTest(time -> new Flows(time, log).twoStepsUnderOneDeadline());
    assertEquals("first step only", outcome);
    assertEquals(List.of("first step at PT1M, PT30S left", "deadline passed at PT1M30S"), log);
  }

  @Test
  void advanceByRunsWhatIsDueOnTheWayAndStopsAtItsTarget() {
    try (VirtualTime time = VirtualTime.open()) {
      Flows flows = new Flows(time, log);
      Task<String> ten = flows.sleepThenLog("ten", Duration.ofSeconds(10));
      Task<String> three = flows.sleepThenLog("three", Duration.ofSeconds(3));
      time.advanceBy(Duration.ofSeconds(9));
      assertEquals(List.of("three at PT3S"), log);
      assertEquals(Duration.ofSeconds(9), time.now());
      assertFalse(ten.isDone());
      time.advanceBy(Duration.ofSeconds(1));
      assertEquals(List.of("three at PT3S", "ten at PT10S"), log);
      assertEquals("three", time.join(three));
      assertEquals("ten", time.join(ten));
      time.verify();
    }
  }

  @Test
  void runCurrentDoesNotMoveTheClockAndRunUntilIdleRunsEveryTimer() {
    try (VirtualTime time = VirtualTime.open()) {
      Flows flows = new Flows(time, log);
      Task<String> day = flows.sleepThenLog("day", Duration.ofDays(1));
      time.runCurrent();
      assertEquals(Duration.ZERO, time.now());
      assertFalse(day.isDone());
      time.runUntilIdle();
      assertEquals(Duration.ofDays(1), time.now());
      assertEquals("day", day.getNow(null));
      time.verify();
    }
  }

  @Test
  void coroutinesStartedOnTheTestThreadRunOnItsLoop() {
    try (VirtualTime time = VirtualTime.open()) {
      assertSame(time.loop(), EventLoop.current());
      assertTrue(time.loop().inEventLoop());
    }
  }

  @Test
  void aBlockingJobIsWaitedForInRealTimeBeforeTheClockMoves() {
    int value = VirtualTime.runTest(time -> new Flows(time, log).blockingThenSleep());
    assertEquals(42, value);
    assertEquals(List.of("job and sleep done at PT5S"), log);
  }

  @Test
  void aFailureIsThrownAsItIsCheckedOrNot() {
    IOException e = assertThrows(IOException.class,
        () -> VirtualTime.runTest(time -> new Flows(time, log).failsAfter(Duration.ofMinutes(2))));
    assertEquals("failed after PT2M", e.getMessage());
  }

  @Test
  void aCoroutineLeftSuspendedFailsVerifyWithItsNameAndWhereItIs() {
    Promise<String> never = Task.promise();
    Task<String> leaked;
    try (VirtualTime time = VirtualTime.open()) {
      leaked = new Flows(time, log).forever(never);
      AssertionError e = assertThrows(AssertionError.class, time::verify);
      assertTrue(e.getMessage().contains("1 coroutine is left suspended"), e.getMessage());
      assertTrue(e.getMessage().contains("\n  " + leaked), e.getMessage());
      assertTrue(e.getMessage().contains(", in dev.weft.test.Flows.forever("), "names where it is suspended: " + e.getMessage());
    }
    assertTrue(leaked.isCancelled(), "close cancels what is left");
  }

  @Test
  void runTestFailsWhenTheBodyLeavesACoroutineSuspended() {
    Promise<String> never = Task.promise();
    AssertionError e = assertThrows(AssertionError.class, () -> VirtualTime.runTest(time -> {
      new Flows(time, log).forever(never); // started, never awaited
      return Task.completed("done");
    }));
    assertTrue(e.getMessage().contains("Flows.forever"), e.getMessage());
  }

  @Test
  void aFailureNobodyObservedFailsVerifyWithItsCause() {
    try (VirtualTime time = VirtualTime.open()) {
      new Flows(time, log).failsAfter(Duration.ofSeconds(1)); // nobody awaits it
      time.advanceBy(Duration.ofSeconds(1));
      AssertionError e = assertThrows(AssertionError.class, time::verify);
      assertTrue(e.getMessage().contains("1 task failed and nobody observed the failure"), e.getMessage());
      assertTrue(e.getMessage().contains("Flows.failsAfter"), e.getMessage());
      assertEquals(1, e.getSuppressed().length);
      assertEquals("failed after PT1S", e.getSuppressed()[0].getMessage());
      time.verify(); // reported once
    }
  }

  @Test
  void anObservedFailureIsNotReported() {
    try (VirtualTime time = VirtualTime.open()) {
      Task<String> failing = new Flows(time, log).failsAfter(Duration.ofSeconds(1));
      assertThrows(IOException.class, () -> time.join(failing));
      time.verify();
    }
  }

  @Test
  void joiningAStageNothingCanCompleteFailsAfterTheRealTimeLimitListingWhatIsSuspended() {
    Promise<String> never = Task.promise();
    try (VirtualTime time = VirtualTime.open().realTimeLimit(Duration.ofMillis(50))) {
      Task<String> stuck = new Flows(time, log).forever(never);
      AssertionError e = assertThrows(AssertionError.class, () -> time.join(stuck));
      assertTrue(e.getMessage().contains("can never complete"), e.getMessage());
      assertTrue(e.getMessage().contains("\n  " + stuck), e.getMessage());
    }
  }

  @Test
  void aStageCompletedByAnotherThreadWakesTheJoin() throws Exception {
    Promise<String> elsewhere = Task.promise();
    try (VirtualTime time = VirtualTime.open()) {
      Task<String> waiting = new Flows(time, log).forever(elsewhere);
      Thread completer = new Thread(() -> elsewhere.complete("from another thread"));
      completer.start();
      assertEquals("from another thread", time.join(waiting));
      completer.join();
      time.verify();
    }
  }

  @Test
  void onlyTheThreadThatOpenedItMayUseIt() throws Exception {
    try (VirtualTime time = VirtualTime.open()) {
      Throwable[] thrown = new Throwable[1];
      Thread other = new Thread(() -> {
        try {
          time.runCurrent();
        } catch (Throwable t) {
          thrown[0] = t;
        }
      });
      other.start();
      other.join();
      assertTrue(thrown[0] instanceof IllegalStateException, String.valueOf(thrown[0]));
      assertThrows(IllegalStateException.class, VirtualTime::open);
    }
  }
}
