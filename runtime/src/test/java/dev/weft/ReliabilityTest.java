package dev.weft;

import dev.weft.sync.Channel;
import dev.weft.sync.Semaphore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runtime under faults: cancellation storms over channels and semaphores, and a graceful
 * shutdown with a coroutine waiting in every kind of place. Each case is bounded in time and
 * seeded, and checks conservation (every element once, every permit back, every task complete).
 */
class ReliabilityTest {
  private static final int CHAINS = 8;
  private static final int STEPS = 300;
  /** Coroutines of each kind per loop in the shutdown case. */
  private static final int WAITERS = 100;

  @Test
  void channelCancellationStormDeliversEverySentElementExactlyOnce() throws Exception {
    for (int round = 0; round < 5; round++) {
      channelStorm(round);
    }
  }

  /** Producers and consumers on two loops over a small channel, a quarter of their awaits cancelled. */
  private static void channelStorm(int round) throws Exception {
    try (EventLoopGroup group = new EventLoopGroup(2)) {
      Channel<Integer> channel = Channel.bounded(2);
      Set<Integer> sent = ConcurrentHashMap.newKeySet();
      Queue<Integer> received = new ConcurrentLinkedQueue<>();
      CountDownLatch producers = new CountDownLatch(CHAINS);
      CountDownLatch consumers = new CountDownLatch(CHAINS);
      for (int p = 0; p < CHAINS; p++) {
        int base = p * STEPS;
        new Chain(group, round * 1000 + p, producers, i -> i == STEPS ? null
            : ConcurrencyWoven.takeInto(channel.send(base + i), v -> sent.add(base + i))).start();
      }
      for (int c = 0; c < CHAINS; c++) {
        new Chain(group, round * 1000 + 100 + c, consumers,
            i -> ConcurrencyWoven.takeInto(channel.receive(), received::add)).start();
      }
      assertTrue(producers.await(60, TimeUnit.SECONDS), "producers finished");
      channel.close(); // consumers stop once it is drained
      assertTrue(consumers.await(60, TimeUnit.SECONDS), "consumers finished");
      for (Integer e; (e = channel.tryReceive()) != null; ) {
        received.add(e); // given back by a consumer cancelled after the others stopped
      }
      List<Integer> got = new ArrayList<>(received);
      Collections.sort(got);
      List<Integer> expected = new ArrayList<>(sent);
      Collections.sort(expected);
      assertEquals(expected, got, "every element sent is received once, no other");
      assertTrue(sent.size() > CHAINS * STEPS / 4 && sent.size() < CHAINS * STEPS,
          "the storm both sent and cancelled: " + sent.size());
    }
  }

  @Test
  void semaphoreCancellationStormConservesPermits() throws Exception {
    int permits = 3;
    try (EventLoopGroup group = new EventLoopGroup(2)) {
      Semaphore semaphore = new Semaphore(permits);
      AtomicInteger held = new AtomicInteger();
      AtomicInteger mostHeld = new AtomicInteger();
      AtomicInteger granted = new AtomicInteger();
      CountDownLatch done = new CountDownLatch(CHAINS);
      for (int w = 0; w < CHAINS; w++) {
        new Chain(group, 200 + w, done, i -> {
          if (i == STEPS) {
            return null;
          }
          if (i % 2 == 0) {
            return semaphore.withPermit(() -> ConcurrencyWoven.takeInto(Task.yieldNow(), v -> {
              mostHeld.accumulateAndGet(held.incrementAndGet(), Math::max);
              held.decrementAndGet();
            }));
          }
          return ConcurrencyWoven.takeInto(semaphore.acquire(), v -> {
            granted.incrementAndGet();
            mostHeld.accumulateAndGet(held.incrementAndGet(), Math::max);
            EventLoop.current().execute(() -> {
              held.decrementAndGet();
              semaphore.release();
            });
          });
        }).start();
      }
      assertTrue(done.await(60, TimeUnit.SECONDS), "every worker finished");
      for (EventLoop loop : group.loops()) { // queued releases run before the barrier
        CountDownLatch barrier = new CountDownLatch(1);
        loop.execute(barrier::countDown);
        assertTrue(barrier.await(30, TimeUnit.SECONDS));
      }
      assertEquals(permits, semaphore.available(), "every permit came back");
      assertTrue(mostHeld.get() <= permits, "never more holders than permits: " + mostHeld);
      assertTrue(granted.get() > 0, "some acquires went through");
    }
  }

  @Test
  void gracefulShutdownCompletesEveryWaiterAndRunsEveryFinally() throws Exception {
    EventLoopGroup group = new EventLoopGroup(2);
    Duration hour = Duration.ofHours(1);
    Channel<String> empty = Channel.bounded(0);
    Channel<String> full = Channel.bounded(1);
    full.trySend("x");
    Semaphore none = new Semaphore(0);
    Promise<String> never = Task.promise();
    List<String> log = new CopyOnWriteArrayList<>();
    Queue<Task<?>> tasks = new ConcurrentLinkedQueue<>();
    CountDownLatch started = new CountDownLatch(group.loops().size());
    for (EventLoop loop : group.loops()) {
      loop.execute(() -> IntStream.range(0, WAITERS).forEach(i -> {
        tasks.add(HandWoven.cancellable(cast(Task.sleep(hour)), log));
        tasks.add(HandWoven.cancellable(empty.receive().withTimeout(hour), log));
        tasks.add(HandWoven.cancellable(empty.receive(), log));
        tasks.add(HandWoven.cancellable(cast(full.send("y")), log));
        tasks.add(HandWoven.cancellable(cast(none.acquire()), log));
        tasks.add(HandWoven.cancellable(never, log));
        tasks.add(HandWoven.cancellable(cast(Task.yieldNow()), log));
        tasks.add(HandWoven.cancellable(TaskScope.run(scope -> {
          scope.spawn(() -> HandWoven.cancellable(never, log));
          return Task.completed("body done, children running");
        }), log));
        if (i == WAITERS - 1) {
          started.countDown();
        }
      }));
    }
    assertTrue(started.await(30, TimeUnit.SECONDS));
    assertEquals(8 * WAITERS * group.loops().size(), tasks.size());
    Task<Void> shutdown = group.shutdownGracefully(Duration.ofMillis(200));
    shutdown.get(30, TimeUnit.SECONDS);
    int coroutines = 9 * WAITERS * group.loops().size(); // 8 each, and a scope's child
    for (Task<?> t : tasks) {
      assertTrue(t.isDone(), "complete after the shutdown: " + t);
    }
    assertEquals(coroutines, Collections.frequency(log, "finally"), "every finally ran: " + log);
  }

  @SuppressWarnings("unchecked")
  private static CompletionStage<String> cast(CompletionStage<?> stage) {
    return (CompletionStage<String>) stage;
  }

  /**
   * One sequential worker on a loop of {@code group}: starts step {@code i}'s task, cancels it at
   * random (at once, or from the other loop while it runs), and starts the next step once the
   * task has settled. Ends when a step returns null or fails other than by a cancel.
   */
  private static final class Chain {
    private final EventLoop home;
    private final EventLoop other;
    private final Random random;
    private final CountDownLatch done;
    private final IntFunction<Task<?>> step;

    Chain(EventLoopGroup group, int seed, CountDownLatch done, IntFunction<Task<?>> step) {
      this.home = group.loops().get(seed % 2);
      this.other = group.loops().get((seed + 1) % 2);
      this.random = new Random(seed);
      this.done = done;
      this.step = step;
    }

    void start() {
      home.execute(() -> run(0));
    }

    private void run(int i) {
      Task<?> t = step.apply(i);
      if (t == null) {
        done.countDown();
        return;
      }
      int dice = random.nextInt(4);
      if (dice == 0) {
        t.cancel(false);
      } else if (dice == 1) {
        other.execute(() -> t.cancel(false));
      }
      t.whenComplete((v, e) -> t.whenSettled(() -> home.execute(() -> {
        if (t.isCompletedExceptionally() && !t.isCancelled()) {
          done.countDown(); // the channel is closed
        } else {
          run(i + 1);
        }
      })));
    }
  }
}
