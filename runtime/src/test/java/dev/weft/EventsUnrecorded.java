package dev.weft;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A program that does what each flight-recorder event observes (a suspension, loop steps, a
 * blocking job, an unobserved failure) with no recording: run in a child JVM by {@link
 * FlightEventsTest}, which reads the classes it loaded.
 */
public final class EventsUnrecorded {
  private EventsUnrecorded() {}

  public static void main(String[] args) throws Exception {
    try (EventLoop loop = new EventLoop()) {
      Promise<String> alarm = Task.promise();
      java.util.concurrent.CompletableFuture<Task<String>> started = new java.util.concurrent.CompletableFuture<>();
      loop.execute(() -> {
        started.complete(FlightEventsTest.napping(alarm));
        loop.schedule(() -> alarm.complete("rested"), 5, TimeUnit.MILLISECONDS);
      });
      System.out.println(started.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS));
      System.out.println(Task.blocking(() -> "blocked").get(10, TimeUnit.SECONDS));
      Task.sleep(Duration.ofMillis(1)).get(10, TimeUnit.SECONDS);
    }
    Promise<Object> failed = Task.promise();
    failed.fail(new IllegalStateException("unobserved (expected by the test)"));
    failed = null;
    for (int i = 0; i < 20; i++) {
      System.gc();
      Thread.sleep(20);
    }
    System.out.println("done");
  }
}
