package dev.weft.test;

import static dev.weft.Task.await;

import dev.weft.Deadline;
import dev.weft.Promise;
import dev.weft.Task;
import dev.weft.annotations.Async;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/** {@code @Async} code under test, woven by weft-processor: sleeps, timeouts and deadlines that log when they end. */
final class Flows {
  private final VirtualTime time;
  private final List<String> log;

  Flows(VirtualTime time, List<String> log) {
    this.time = time;
    this.log = log;
  }

  /** Sleeps {@code d}, then logs {@code name} with the virtual time. */
  @Async
  Task<String> sleepThenLog(String name, Duration d) {
    await(Task.sleep(d));
    log.add(name + " at " + time.now());
    return Task.completed(name);
  }

  /** Three sleepers started at once, the longest first; awaits them all. */
  @Async
  Task<List<String>> threeSleepers() {
    Task<String> hour = sleepThenLog("hour", Duration.ofHours(1));
    Task<String> minute = sleepThenLog("minute", Duration.ofMinutes(1));
    Task<String> halfHour = sleepThenLog("half an hour", Duration.ofMinutes(30));
    return Task.completed(List.of(await(hour), await(minute), await(halfHour)));
  }

  /** Awaits {@code stage} for at most {@code limit}; logs the timeout with the virtual time. */
  @Async
  Task<String> orTimeout(CompletionStage<String> stage, Duration limit) {
    try {
      return Task.completed(await(Task.timeout(stage, limit), TimeoutException.class));
    } catch (TimeoutException e) {
      log.add("timed out at " + time.now());
      return Task.completed("fallback");
    }
  }

  /** Two steps of a minute each under one deadline of 90 s: the second runs out of time. */
  @Async
  Task<String> twoStepsUnderOneDeadline() {
    Deadline deadline = Deadline.after(Duration.ofSeconds(90));
    await(Task.deadline(Task.sleep(Duration.ofMinutes(1)), deadline));
    log.add("first step at " + time.now() + ", " + deadline.remaining() + " left");
    try {
      await(Task.deadline(Task.sleep(Duration.ofMinutes(1)), deadline), TimeoutException.class);
      return Task.completed("both steps");
    } catch (TimeoutException e) {
      log.add("deadline passed at " + time.now());
      return Task.completed("first step only");
    }
  }

  /** A blocking job, then a sleep: the job's real time does not move the virtual clock. */
  @Async
  Task<Integer> blockingThenSleep() {
    int value = await(Task.blocking(() -> 6 * 7));
    await(Task.sleep(Duration.ofSeconds(5)));
    log.add("job and sleep done at " + time.now());
    return Task.completed(value);
  }

  /** Awaits a promise nobody completes: stays suspended. */
  @Async
  Task<String> forever(Promise<String> never) {
    return Task.completed(await(never));
  }

  /** Fails after a sleep with a checked exception. */
  @Async
  Task<String> failsAfter(Duration d) {
    await(Task.sleep(d));
    return Task.failed(new IOException("failed after " + time.now()));
  }
}
