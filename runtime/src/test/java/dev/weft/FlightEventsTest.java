package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.internal.Coroutine;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/**
 * The runtime's flight-recorder events: each is recorded with its fields when a recording enables
 * it, and not at all when it is disabled. Each test records only what it provokes; events of
 * other tests' loops may appear, so each looks for its own method, task or message.
 */
class FlightEventsTest {
  private static final Coroutine.Resumer NAPPING = resumer("napping$weft$0");
  private static final Coroutine.Resumer STALLING = resumer("stalling$weft$0");
  private static final long SLEEP_MILLIS = 60;

  // @Async Task<String> napping(CompletionStage<String> alarm) { await(alarm); return Task.completed("rested"); }
  public static Task<String> napping(Promise<String> alarm) {
    Coroutine<?> frame = Coroutine.newFrame(NAPPING, 0, 0);
    frame.suspend(alarm, 1);
    return (Task<String>) (Task<?>) frame;
  }

  static void napping$weft$0(Coroutine<?> frame) {
    try {
      frame.resumeValue();
      Coroutine.complete(Task.completed("rested"), frame);
    } catch (Throwable t) {
      Coroutine.fail(t, frame);
    }
  }

  // @Async Task<String> stalling(CompletionStage<String> gate) {
  //   await(gate); Thread.sleep(60); return Task.completed("woke");  // sleeps on its loop
  // }
  static Task<String> stalling(Promise<String> gate) {
    Coroutine<?> frame = Coroutine.newFrame(STALLING, 0, 0);
    frame.suspend(gate, 1);
    return (Task<String>) (Task<?>) frame;
  }

  static void stalling$weft$0(Coroutine<?> frame) {
    try {
      frame.resumeValue();
      Thread.sleep(SLEEP_MILLIS);
      Coroutine.complete(Task.completed("woke"), frame);
    } catch (Throwable t) {
      Coroutine.fail(t, frame);
    }
  }

  private static Coroutine.Resumer resumer(String bridge) {
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    try {
      return Coroutine.resumer(lookup, "resumer", Coroutine.Resumer.class, lookup.findStatic(
          FlightEventsTest.class, bridge, MethodType.methodType(void.class, Coroutine.class)));
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** Runs {@code action} under a recording with {@code event} enabled (or disabled); its events. */
  private static List<RecordedEvent> record(String event, boolean enabled, Action action) throws Exception {
    Path file = Files.createTempFile("weft-events", ".jfr");
    try (Recording recording = new Recording()) {
      if (enabled) {
        recording.enable(event).withThreshold(Duration.ZERO);
      } else {
        recording.disable(event);
      }
      recording.start();
      action.run();
      recording.stop();
      recording.dump(file);
      return RecordingFile.readAllEvents(file).stream()
          .filter(e -> e.getEventType().getName().equals(event))
          .collect(Collectors.toList());
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static List<RecordedEvent> those(List<RecordedEvent> events, Predicate<RecordedEvent> mine) {
    return events.stream().filter(mine).collect(Collectors.toList());
  }

  @FunctionalInterface
  interface Action {
    void run() throws Exception;
  }

  // ---- no recording ----

  /** Without a recording, no event class is loaded, nor the recorder's metadata: startup pays nothing. */
  @Test
  void withoutARecordingNoEventClassIsLoaded() throws Exception {
    String javaCmd = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = "target/classes" + java.io.File.pathSeparator + "target/test-classes";
    Process child = new ProcessBuilder(javaCmd, "-Xlog:class+load=info", "-cp", cp,
        EventsUnrecorded.class.getName()).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child exits");
    assertTrue(output.contains("rested") && output.contains("blocked") && output.contains("done"), output);
    assertTrue(output.contains("never observed"), "the unobserved failure was reported: " + output);
    List<String> loaded = output.lines()
        .filter(l -> l.contains("dev.weft.internal.jfr.") || l.contains("jdk.jfr.internal.MetadataRepository"))
        .collect(Collectors.toList());
    assertTrue(loaded.stream().noneMatch(l -> l.contains("Event ") || l.contains("MetadataRepository")),
        () -> "event classes loaded without a recording: " + loaded);
  }

  // ---- dev.weft.Suspension ----

  private static void napOnALoop() throws Exception {
    try (EventLoop loop = new EventLoop()) {
      CompletableFuture<Task<String>> started = new CompletableFuture<>();
      loop.execute(() -> {
        Promise<String> alarm = Task.promise();
        started.complete(napping(alarm)); // suspended now; the alarm goes off 60 ms later
        loop.schedule(() -> alarm.complete("rested"), SLEEP_MILLIS, TimeUnit.MILLISECONDS);
      });
      assertEquals("rested", started.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS));
    }
  }

  private static boolean isNap(RecordedEvent e) {
    return "napping".equals(e.getString("asyncMethod"));
  }

  @Test
  void aSuspensionIsRecordedWithItsAwaitSiteAndDurationWhenEnabled() throws Exception {
    List<RecordedEvent> naps = those(record("dev.weft.Suspension", true, FlightEventsTest::napOnALoop),
        FlightEventsTest::isNap);
    assertEquals(1, naps.size(), () -> "one suspension: " + naps);
    RecordedEvent nap = naps.get(0);
    assertEquals(FlightEventsTest.class.getName(), nap.getString("asyncClass"));
    assertEquals(1, nap.getInt("await"));
    assertTrue(nap.getDuration().toMillis() >= SLEEP_MILLIS, () -> "suspend to resume: " + nap);
    assertTrue(nap.getThread().getJavaName().startsWith("weft-loop-"), () -> "on its loop: " + nap);
  }

  @Test
  void noSuspensionIsRecordedWhenDisabled() throws Exception {
    assertEquals(List.of(), those(record("dev.weft.Suspension", false, FlightEventsTest::napOnALoop),
        FlightEventsTest::isNap));
  }

  // ---- dev.weft.LoopStall ----

  private static void stallALoop() throws Exception {
    try (EventLoop loop = new EventLoop()) {
      Promise<String> gate = Task.promise();
      CompletableFuture<Task<String>> started = new CompletableFuture<>();
      loop.execute(() -> started.complete(stalling(gate)));
      Task<String> task = started.get(10, TimeUnit.SECONDS);
      gate.complete("go"); // the resume sleeps on the loop
      assertEquals("woke", task.get(10, TimeUnit.SECONDS));
      CompletableFuture<Void> slept = new CompletableFuture<>();
      loop.execute(new Runnable() {
        @Override
        public void run() {
          try {
            Thread.sleep(SLEEP_MILLIS);
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          }
          slept.complete(null);
        }

        @Override
        public String toString() {
          return "a sleeping task";
        }
      });
      slept.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aLoopStepPastTheThresholdIsRecordedWithItsCoroutineWhenEnabled() throws Exception {
    List<RecordedEvent> stalls = record("dev.weft.LoopStall", true, FlightEventsTest::stallALoop);
    List<RecordedEvent> coroutine = those(stalls, e -> "stalling".equals(e.getString("asyncMethod")));
    assertEquals(1, coroutine.size(), () -> "the coroutine's step: " + stalls);
    RecordedEvent c = coroutine.get(0);
    assertEquals(FlightEventsTest.class.getName(), c.getString("asyncClass"));
    assertEquals(1, c.getInt("resumedAwait"));
    assertTrue(c.getString("step").contains("FlightEventsTest.stalling"), c::toString);
    assertTrue(c.getDuration().toMillis() >= SLEEP_MILLIS, c::toString);
    assertTrue(c.getThread().getJavaName().startsWith("weft-loop-"), c::toString);
    List<RecordedEvent> task = those(stalls, e -> e.getString("step").contains("a sleeping task"));
    assertEquals(1, task.size(), () -> "the plain task's step: " + stalls);
    assertNull(task.get(0).getString("asyncMethod"));
    assertTrue(task.get(0).getDuration().toMillis() >= SLEEP_MILLIS, task.get(0)::toString);
  }

  @Test
  void noLoopStallIsRecordedWhenDisabled() throws Exception {
    assertEquals(List.of(), record("dev.weft.LoopStall", false, FlightEventsTest::stallALoop));
  }

  // ---- dev.weft.BlockingQueued ----

  /** Two jobs on a one-thread pool: the second waits in the queue while the first holds the thread. */
  private static void queueBehindAnother() throws Exception {
    ExecutorService one = Executors.newSingleThreadExecutor();
    try {
      CountDownLatch release = new CountDownLatch(1);
      Task<String> first = BlockingPool.submit(() -> {
        release.await();
        return "first";
      }, one);
      Task<String> second = BlockingPool.submit(new QueuedWork(), one);
      Thread.sleep(SLEEP_MILLIS); // the second job is queued all this time
      release.countDown();
      assertEquals("first", first.get(10, TimeUnit.SECONDS));
      assertEquals("second", second.get(10, TimeUnit.SECONDS));
    } finally {
      one.shutdown();
    }
  }

  /** The job that waits; its class names it in the event. */
  static final class QueuedWork implements java.util.concurrent.Callable<String> {
    @Override
    public String call() {
      return "second";
    }
  }

  @Test
  void aBlockingJobsTimeInTheQueueIsRecordedWhenEnabled() throws Exception {
    List<RecordedEvent> queued = record("dev.weft.BlockingQueued", true, FlightEventsTest::queueBehindAnother);
    List<RecordedEvent> mine = those(queued, e -> QueuedWork.class.getName().equals(e.getString("work")));
    assertEquals(1, mine.size(), () -> "the queued job: " + queued);
    RecordedEvent e = mine.get(0);
    assertTrue(e.getDuration().toMillis() >= SLEEP_MILLIS, e::toString);
    assertEquals(Thread.currentThread().getName(), e.getString("submitter"));
  }

  @Test
  void noBlockingQueuedIsRecordedWhenDisabled() throws Exception {
    assertEquals(List.of(), those(record("dev.weft.BlockingQueued", false, FlightEventsTest::queueBehindAnother),
        e -> QueuedWork.class.getName().equals(e.getString("work"))));
  }

  // ---- dev.weft.UnobservedFailure ----

  /** Fails a coroutine nobody observes and collects garbage until the log reports it. */
  private static Action failUnobserved(String tag, LogCapture log) {
    return () -> {
      failCoroutine(tag);
      for (int i = 0; i < 250 && !reported(tag, log); i++) {
        System.gc();
        Thread.sleep(20);
      }
      assertTrue(reported(tag, log), "the failure was reported to the log");
    };
  }

  private static boolean reported(String tag, LogCapture log) {
    return log.records.stream().anyMatch(r -> r.getThrown() != null && tag.equals(r.getThrown().getMessage()));
  }

  /** A coroutine that fails on its loop while nobody waits; the task is then dropped. */
  private static void failCoroutine(String tag) throws Exception {
    Promise<String> awaited = Task.promise();
    Task<String> frame = ConcurrencyWoven.take(awaited);
    awaited.fail(new IOException(tag));
    for (int i = 0; i < 500 && !frame.isDone(); i++) {
      Thread.sleep(2);
    }
    assertTrue(frame.isCompletedExceptionally());
  }

  @Test
  void anUnobservedFailureIsRecordedWithItsMethodAndExceptionWhenEnabled() throws Exception {
    String tag = "unobserved-for-the-recorder";
    try (LogCapture log = LogCapture.of("dev.weft.Task")) {
      List<RecordedEvent> failures = record("dev.weft.UnobservedFailure", true, failUnobserved(tag, log));
      List<RecordedEvent> mine = those(failures, e -> tag.equals(e.getString("message")));
      assertEquals(1, mine.size(), () -> "the unobserved failure: " + failures);
      RecordedEvent e = mine.get(0);
      assertEquals("ConcurrencyWoven.take", e.getString("method"));
      assertEquals(IOException.class.getName(), e.getString("exceptionClass"));
      assertTrue(e.getString("task").startsWith("ConcurrencyWoven.take@"), e::toString);
    }
  }

  @Test
  void noUnobservedFailureIsRecordedWhenDisabled() throws Exception {
    String tag = "unobserved-not-for-the-recorder";
    try (LogCapture log = LogCapture.of("dev.weft.Task")) {
      List<RecordedEvent> failures = record("dev.weft.UnobservedFailure", false, failUnobserved(tag, log));
      assertEquals(List.of(), those(failures, e -> tag.equals(e.getString("message"))));
    }
  }
}
