package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

public class EventLoopTest {
  /** Multiplies the sizes of stress tests: {@code -Dweft.stress=10}. */
  static final int STRESS = Integer.getInteger("weft.stress", 1);

  private final List<EventLoop> loops = new ArrayList<>();

  private EventLoop newLoop() {
    EventLoop loop = new EventLoop();
    loops.add(loop);
    return loop;
  }

  @AfterEach
  void closeLoops() {
    loops.forEach(EventLoop::close);
  }

  /** Runs {@code r} on {@code loop} and waits for it. */
  public static void onLoop(EventLoop loop, Runnable r) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    loop.execute(() -> {
      try {
        r.run();
        done.complete(null);
      } catch (Throwable t) {
        done.completeExceptionally(t);
      }
    });
    done.get(10, TimeUnit.SECONDS);
  }

  @Test
  void runsTasksInFifoOrder() throws Exception {
    EventLoop loop = newLoop();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      int n = i;
      loop.execute(() -> order.add(n));
    }
    onLoop(loop, () -> {});
    assertEquals(5000, order.size());
    for (int i = 0; i < 5000; i++) {
      assertEquals(i, order.get(i));
    }
  }

  @Test
  void postsFromTheLoopItselfRunInFifoOrder() throws Exception {
    EventLoop loop = newLoop();
    List<Integer> order = new ArrayList<>();
    CompletableFuture<Void> last = new CompletableFuture<>();
    onLoop(loop, () -> {
      for (int i = 0; i < 5000; i++) {
        int n = i;
        loop.execute(() -> order.add(n));
      }
      loop.execute(() -> last.complete(null));
    });
    last.get(10, TimeUnit.SECONDS);
    assertEquals(5000, order.size());
    for (int i = 0; i < 5000; i++) {
      assertEquals(i, order.get(i));
    }
  }

  @Test
  void aTaskRepostingItselfForeverDoesNotStarveOtherThreadsPosts() throws Exception {
    EventLoop loop = newLoop();
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    Runnable[] spin = new Runnable[1];
    spin[0] = () -> {
      if (!stop.get()) {
        loop.execute(spin[0]);
      }
    };
    loop.execute(spin[0]);
    try {
      onLoop(loop, () -> {}); // from this thread, behind a loop that always has local work
    } finally {
      stop.set(true);
    }
  }

  @Test
  void manyProducersLoseNothingAndKeepPerProducerOrder() throws Exception {
    EventLoop loop = newLoop();
    int producers = 8;
    int each = 20_000 * STRESS;
    long[] lastSeen = new long[producers];
    long[] count = new long[1];
    boolean[] outOfOrder = new boolean[1];
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      int id = p;
      Thread t = new Thread(() -> {
        TaskTest.awaitLatch(start);
        for (int i = 1; i <= each; i++) {
          int seq = i;
          loop.execute(() -> { // loop thread only: plain fields are safe
            outOfOrder[0] |= lastSeen[id] != seq - 1;
            lastSeen[id] = seq;
            count[0]++;
          });
        }
      });
      t.start();
      threads.add(t);
    }
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    onLoop(loop, () -> {});
    long[] seen = new long[1];
    onLoop(loop, () -> seen[0] = count[0]);
    assertEquals((long) producers * each, seen[0]);
    onLoop(loop, () -> assertFalse(outOfOrder[0]));
  }

  @Test
  void currentAndInEventLoop() throws Exception {
    EventLoop loop = newLoop();
    assertNull(EventLoop.current());
    assertFalse(loop.inEventLoop());
    onLoop(loop, () -> {
      assertSame(loop, EventLoop.current());
      assertTrue(loop.inEventLoop());
      assertTrue(Thread.currentThread().isDaemon());
      assertTrue(Thread.currentThread().getName().startsWith("weft-loop-"));
    });
  }

  @Test
  void aThrowingTaskDoesNotKillTheLoop() throws Exception {
    EventLoop loop = newLoop();
    loop.execute(() -> {
      throw new IllegalStateException("expected by the test");
    });
    boolean[] ran = new boolean[1];
    onLoop(loop, () -> ran[0] = true);
    assertTrue(ran[0]);
  }

  @Test
  void timersFireInDeadlineOrder() throws Exception {
    EventLoop loop = newLoop();
    List<Integer> fired = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(5);
    // Scheduled in one loop turn, so a pause of the test thread cannot reorder the deadlines.
    onLoop(loop, () -> {
      for (int delay : new int[] {50, 10, 40, 20, 30}) {
        loop.schedule(() -> {
          fired.add(delay);
          done.countDown();
        }, delay, TimeUnit.MILLISECONDS);
      }
    });
    assertTrue(done.await(5, TimeUnit.SECONDS));
    onLoop(loop, () -> assertEquals(List.of(10, 20, 30, 40, 50), fired));
  }

  @Test
  void cancelledTimersDoNotFire() throws Exception {
    EventLoop loop = newLoop();
    List<String> fired = new ArrayList<>();
    TimerHandle offLoop = loop.schedule(() -> fired.add("off"), 20, TimeUnit.MILLISECONDS);
    TimerHandle kept = loop.schedule(() -> fired.add("kept"), 40, TimeUnit.MILLISECONDS);
    assertTrue(offLoop.cancel());
    assertFalse(offLoop.cancel());
    TimerHandle[] onLoopTimer = new TimerHandle[1];
    onLoop(loop, () -> {
      int before = loop.timers().size();
      onLoopTimer[0] = loop.schedule(() -> fired.add("on"), 10, TimeUnit.MILLISECONDS);
      assertEquals(before + 1, loop.timers().size());
      assertTrue(onLoopTimer[0].cancel());
      assertEquals(before, loop.timers().size(), "cancelled on the loop: leaves the heap at once");
    });
    Thread.sleep(100);
    onLoop(loop, () -> assertEquals(List.of("kept"), fired));
    assertTrue(kept.isExpired());
    assertTrue(onLoopTimer[0].isCancelled());
    assertFalse(kept.cancel());
  }

  @Test
  void virtualClockTimersFireOnlyWhenTimeAdvances() throws Exception {
    try (VirtualLoop v = new VirtualLoop()) {
      EventLoop loop = v.loop;
      List<String> steps = new ArrayList<>();
      loop.schedule(() -> steps.add("t30"), 30, TimeUnit.SECONDS);
      loop.schedule(() -> steps.add("t10"), 10, TimeUnit.SECONDS);
      loop.schedule(() -> steps.add("t10b"), 10, TimeUnit.SECONDS);
      onLoop(loop, () -> steps.add("start"));
      v.advance(TimeUnit.SECONDS.toNanos(15));
      onLoop(loop, () -> steps.add("at15"));
      v.advance(TimeUnit.SECONDS.toNanos(15));
      onLoop(loop, () -> steps.add("at30"));
      onLoop(loop, () ->
          assertEquals(List.of("start", "t10", "t10b", "at15", "t30", "at30"), steps));
    }
  }

  @Test
  void shutdownRejectsNewTasksAndEndsTheThread() throws Exception {
    EventLoop loop = new EventLoop();
    boolean[] ran = new boolean[1];
    loop.execute(() -> ran[0] = true);
    loop.shutdownGracefully();
    assertTrue(loop.isShutdown());
    assertTrue(loop.awaitTermination(5, TimeUnit.SECONDS));
    assertTrue(ran[0]);
    assertThrows(RejectedExecutionException.class, () -> loop.execute(() -> {}));
  }

  @Test
  void groupHandsOutLoopsRoundRobin() {
    try (EventLoopGroup group = new EventLoopGroup(3)) {
      EventLoop a = group.next();
      EventLoop b = group.next();
      EventLoop c = group.next();
      assertSame(a, group.next());
      assertEquals(3, List.of(a, b, c).stream().distinct().count());
      assertEquals(group.loops(), List.of(a, b, c));
    }
    assertThrows(IllegalArgumentException.class, () -> new EventLoopGroup(0));
    EventLoopGroup d = EventLoopGroup.defaultGroup();
    assertSame(d, EventLoopGroup.defaultGroup());
    assertEquals(Runtime.getRuntime().availableProcessors(), d.loops().size());
  }
}
