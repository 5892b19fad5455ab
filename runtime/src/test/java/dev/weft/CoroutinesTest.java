package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.sync.Channel;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The dump of suspended coroutines, through the API and through JMX. */
class CoroutinesTest {
  /** Runs {@code body} on {@code loop} and returns what it returns. */
  private static <T> T on(EventLoop loop, java.util.function.Supplier<T> body) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    loop.execute(() -> result.complete(body.get()));
    return result.get(10, TimeUnit.SECONDS);
  }

  private static List<Coroutines.Suspended> on(EventLoop loop) {
    String name = loop.toString();
    return Coroutines.suspended().stream().filter(c -> c.loop().equals(name)).collect(Collectors.toList());
  }

  @Test
  void aChainOfAwaitsIsListedAsATreeDownToWhatItsLastCoroutineWaitsFor() throws Exception {
    Promise<String> gate = Task.promise();
    Channel<String> channel = Channel.bounded(0);
    try (EventLoop loop = new EventLoop()) {
      Task<String> outer = on(loop, () -> HandWoven.guarded(HandWoven.guarded(gate)));
      Task<String> receiver = on(loop, () -> HandWoven.guarded(channel.receive()));

      List<Coroutines.Suspended> suspended = on(loop);
      assertEquals(3, suspended.size(), () -> "three suspended: " + suspended);
      Coroutines.Suspended inner = suspended.stream()
          .filter(c -> c.awaiting().startsWith("Promise")).findFirst().orElseThrow();
      Coroutines.Suspended top = suspended.stream()
          .filter(c -> c.awaitedId() == inner.id()).findFirst().orElseThrow();
      assertEquals("HandWoven.guarded", top.method());
      assertEquals(1, top.await());
      assertEquals("coroutine HandWoven.guarded", top.awaiting());
      assertTrue(suspended.stream().anyMatch(c -> c.awaiting().startsWith("receive on Channel")),
          () -> "what a channel receive waits on: " + suspended);

      String dump = Coroutines.dump();
      String loopSection = dump.substring(dump.indexOf(loop.toString()));
      assertTrue(loopSection.contains(
          "  HandWoven.guarded at await 1, suspended "), dump);
      assertTrue(loopSection.contains(" ms, awaiting coroutine HandWoven.guarded:\n"
          + "    HandWoven.guarded at await 1, suspended "), dump);

      Object viaJmx = ManagementFactory.getPlatformMBeanServer()
          .invoke(new ObjectName(Coroutines.MBEAN_NAME), "dump", null, null);
      assertTrue(String.valueOf(viaJmx).contains(loop.toString() + ":\n  HandWoven.guarded"), String.valueOf(viaJmx));

      gate.complete("x");
      channel.trySend("y");
      assertEquals("x", outer.get(10, TimeUnit.SECONDS));
      assertEquals("y", receiver.get(10, TimeUnit.SECONDS));
      assertEquals(List.of(), on(loop), "nothing suspended once they completed");
    }
  }

  @Test
  void howLongEachIsSuspendedIsMeasuredOnItsLoopsClockFromTheTurnItSuspendedIn() throws Exception {
    Promise<String> gate = Task.promise();
    Promise<String> later = Task.promise();
    try (VirtualLoop v = new VirtualLoop()) {
      Task<String>[] outer = new Task[1];
      Task<String>[] inner = new Task[1];
      v.run(() -> {
        inner[0] = HandWoven.guarded(gate);
        outer[0] = HandWoven.guarded(inner[0]);
      });
      v.advance(2_000 * TimerWheel.TICK_NANOS);
      v.run(() -> HandWoven.guarded(later));
      v.advance(500 * TimerWheel.TICK_NANOS);

      List<Coroutines.Suspended> suspended = on(v.loop);
      assertEquals(List.of(2500L, 2500L, 500L),
          suspended.stream().map(Coroutines.Suspended::suspendedMillis).sorted(
              java.util.Comparator.reverseOrder()).collect(Collectors.toList()), suspended::toString);
      assertTrue(suspended.stream().allMatch(c -> c.file() == null && c.line() == -1),
          () -> "woven in format 3: no file or line: " + suspended);
      String dump = Coroutines.dump();
      assertTrue(dump.contains("\n  HandWoven.guarded at await 1, suspended 2500 ms,"
          + " awaiting coroutine HandWoven.guarded:\n"
          + "    HandWoven.guarded at await 1, suspended 2500 ms, awaiting Promise"), dump);
      assertTrue(dump.contains("\n  HandWoven.guarded at await 1, suspended 500 ms, awaiting Promise"), dump);
      gate.complete("x");
      later.complete("y");
      v.advance(TimerWheel.TICK_NANOS);
      assertEquals("x", outer[0].get(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void aBlockedLoopIsNamedInsteadOfListed() throws Exception {
    CompletableFuture<Void> release = new CompletableFuture<>();
    try (EventLoop loop = new EventLoop()) {
      loop.execute(release::join);
      try {
        assertTrue(Coroutines.dump().contains(loop + ": did not answer"), "blocked loop named");
      } finally {
        release.complete(null);
      }
    }
  }
}
