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
          "  HandWoven.guarded at await 1, awaiting coroutine HandWoven.guarded:\n"
              + "    HandWoven.guarded at await 1, awaiting Promise"), dump);

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
