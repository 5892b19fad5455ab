package dev.weft.sync;

import dev.weft.*;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChannelTest {
  private static Throwable failure(Task<?> t) {
    return assertThrows(CompletionException.class, t::join).getCause();
  }

  @Test
  void bufferedSendsDoNotSuspendAndShareOneCompletedTask() {
    Channel<Integer> ch = Channel.bounded(2);
    Task<Void> s1 = ch.send(1);
    Task<Void> s2 = ch.send(2);
    assertTrue(s1.isDone());
    assertSame(s1, s2, "no allocation for a send that does not suspend");
    Task<Void> s3 = ch.send(3);
    assertFalse(s3.isDone(), "full: the send suspends");
    assertEquals(1, ch.receive().join());
    assertTrue(s3.isDone(), "the receive made room");
    assertEquals(2, ch.receive().join());
    assertEquals(3, ch.receive().join());
    Task<Integer> r = ch.receive();
    assertFalse(r.isDone(), "empty: the receive suspends");
    assertTrue(ch.trySend(4));
    assertEquals(4, r.join());
    assertThrows(IllegalArgumentException.class, () -> Channel.bounded(-1));
    assertThrows(NullPointerException.class, () -> ch.send(null));
  }

  @Test
  void rendezvousSendCompletesWhenAReceiverTakesTheElement() {
    Channel<String> ch = Channel.bounded(0);
    assertFalse(ch.trySend("x"), "nobody receives");
    assertNull(ch.tryReceive());
    Task<Void> send = ch.send("a");
    assertFalse(send.isDone());
    assertEquals("a", ch.tryReceive());
    assertTrue(send.isDone());
    Task<String> r1 = ch.receive();
    Task<String> r2 = ch.receive();
    assertTrue(ch.trySend("b"));
    assertTrue(ch.send("c").isDone(), "a waiting receiver takes it at once");
    assertEquals("b", r1.join(), "receivers are served in arrival order");
    assertEquals("c", r2.join());
    Task<Void> s1 = ch.send("d");
    Task<Void> s2 = ch.send("e");
    assertEquals("d", ch.receive().join(), "senders are served in arrival order");
    assertTrue(s1.isDone());
    assertFalse(s2.isDone());
    assertEquals("e", ch.receive().join());
    assertTrue(s2.isDone());
  }

  @Test
  void closeFailsBlockedSendersAndLetsReceiversDrainTheBuffer() {
    Channel<Integer> ch = Channel.bounded(2);
    ch.send(1);
    ch.send(2);
    Task<Void> blocked1 = ch.send(3);
    Task<Void> blocked2 = ch.send(4);
    assertTrue(ch.close());
    assertFalse(ch.close(), "closes once");
    assertTrue(ch.isClosed());
    assertInstanceOf(ChannelClosedException.class, failure(blocked1));
    assertInstanceOf(ChannelClosedException.class, failure(blocked2));
    assertInstanceOf(ChannelClosedException.class, failure(ch.send(5)));
    assertThrows(ChannelClosedException.class, () -> ch.trySend(6));
    assertEquals(1, ch.receive().join());
    assertEquals(2, ch.tryReceive());
    assertInstanceOf(ChannelClosedException.class, failure(ch.receive()), "drained");
    assertNull(ch.tryReceive());
  }

  @Test
  void closeFailsWaitingReceivers() {
    Channel<Integer> ch = Channel.bounded(1);
    Task<Integer> r1 = ch.receive();
    Task<Integer> r2 = ch.receive();
    ch.close();
    assertInstanceOf(ChannelClosedException.class, failure(r1));
    assertInstanceOf(ChannelClosedException.class, failure(r2));
  }

  @Test
  void cancelledSendWithdrawsItsElement() {
    Channel<String> ch = Channel.bounded(1);
    ch.send("a");
    Task<Void> b = ch.send("b");
    Task<Void> c = ch.send("c");
    assertTrue(b.cancel(false));
    assertEquals("a", ch.receive().join());
    assertTrue(c.isDone(), "the next sender moved up");
    assertEquals("c", ch.receive().join());
    assertNull(ch.tryReceive(), "b was never delivered");
  }

  @Test
  void cancelledReceiveGivesUpItsPlace() {
    Channel<String> ch = Channel.bounded(0);
    Task<String> r1 = ch.receive();
    Task<String> r2 = ch.receive();
    assertTrue(r1.cancel(false));
    assertTrue(ch.trySend("x"));
    assertEquals("x", r2.join());
    assertThrows(CancellationException.class, r1::join);
  }

  @Test
  void cancelRacingWithSendOrReceiveLosesAndDuplicatesNothing() throws Exception {
    try (ExecutorRace race = new ExecutorRace()) {
      for (int n = 0; n < 1_000; n++) {
        int i = n;
        Channel<Integer> ch = Channel.bounded(0);
        Task<Integer> r = ch.receive();
        @SuppressWarnings("unchecked")
        Task<Void>[] s = new Task[1];
        race.run(() -> r.cancel(false), () -> s[0] = ch.send(i));
        if (r.isCancelled()) {
          assertFalse(s[0].isDone(), "nobody took it");
          assertEquals(i, ch.tryReceive());
        } else {
          assertEquals(i, r.join());
          assertTrue(s[0].isDone());
          assertNull(ch.tryReceive());
        }
        Channel<Integer> ch2 = Channel.bounded(0);
        Task<Void> send = ch2.send(i);
        Integer[] got = new Integer[1];
        race.run(() -> send.cancel(false), () -> got[0] = ch2.tryReceive());
        assertEquals(send.isCancelled() ? null : Integer.valueOf(i), got[0]);
        assertNull(ch2.tryReceive());
      }
    }
  }

  @Test
  void producersAndConsumersWithRandomCancelsDeliverEachSentElementExactlyOnce() throws Exception {
    for (int capacity : new int[] {0, 1, 4}) {
      Channel<Integer> ch = Channel.bounded(capacity);
      int producers = 3;
      int consumers = 3;
      int perProducer = 1_500;
      List<Integer> sent = Collections.synchronizedList(new ArrayList<>());
      List<Integer> received = Collections.synchronizedList(new ArrayList<>());
      CyclicBarrier start = new CyclicBarrier(producers + consumers);
      List<Thread> prod = new ArrayList<>();
      List<Thread> cons = new ArrayList<>();
      for (int p = 0; p < producers; p++) {
        int base = p * perProducer;
        prod.add(new Thread(() -> {
          await(start);
          for (int i = 0; i < perProducer; i++) {
            Task<Void> t = ch.send(base + i);
            if (ThreadLocalRandom.current().nextInt(3) == 0) {
              Thread.yield();
              t.cancel(false);
            }
            if (!t.isCancelled()) {
              t.join();
              sent.add(base + i);
            }
          }
        }));
      }
      for (int c = 0; c < consumers; c++) {
        cons.add(new Thread(() -> {
          await(start);
          while (true) {
            Task<Integer> t = ch.receive();
            if (ThreadLocalRandom.current().nextInt(3) == 0) {
              Thread.yield();
              t.cancel(false);
            }
            if (t.isCancelled()) {
              continue;
            }
            try {
              received.add(t.join());
            } catch (CompletionException e) {
              assertInstanceOf(ChannelClosedException.class, e.getCause());
              return;
            }
          }
        }));
      }
      prod.forEach(Thread::start);
      cons.forEach(Thread::start);
      for (Thread t : prod) {
        t.join();
      }
      ch.close();
      for (Thread t : cons) {
        t.join();
      }
      List<Integer> s = new ArrayList<>(sent);
      List<Integer> r = new ArrayList<>(received);
      Collections.sort(s);
      Collections.sort(r);
      assertEquals(s, r, "capacity " + capacity);
      assertTrue(s.size() > perProducer, "most sends went through: " + s.size());
    }
  }

  @Test
  void closeRacingWithSendsAndReceivesDeliversExactlyTheSendsThatSucceeded() throws Exception {
    for (int round = 0; round < 200; round++) {
      Channel<Integer> ch = Channel.bounded(2);
      List<Task<Void>> sends = new ArrayList<>();
      List<Task<Integer>> receives = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        sends.add(ch.send(i)); // 2 buffered, 4 blocked
      }
      List<Integer> received = Collections.synchronizedList(new ArrayList<>());
      try (ExecutorRace race = new ExecutorRace()) {
        race.run(ch::close, () -> {
          for (int i = 0; i < 4; i++) {
            receives.add(ch.receive());
          }
        });
      }
      for (Integer v = ch.tryReceive(); v != null; v = ch.tryReceive()) {
        received.add(v);
      }
      for (Task<Integer> r : receives) {
        assertTrue(r.isDone(), "a receive after close never waits");
        if (!r.isCompletedExceptionally()) {
          received.add(r.join());
        } else {
          assertInstanceOf(ChannelClosedException.class, failure(r));
        }
      }
      List<Integer> delivered = new ArrayList<>();
      for (int i = 0; i < sends.size(); i++) {
        Task<Void> t = sends.get(i);
        assertTrue(t.isDone(), "no send waits after close");
        if (!t.isCompletedExceptionally()) {
          delivered.add(i);
        } else {
          assertInstanceOf(ChannelClosedException.class, failure(t));
        }
      }
      Collections.sort(received);
      assertEquals(delivered, received, "round " + round);
    }
  }

  private static void await(CyclicBarrier b) {
    try {
      b.await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void coroutineCancelledAfterItsReceiveGotAnElementPutsItBack() throws Exception {
    EventLoop loop = new EventLoop();
    try {
      Channel<String> ch = Channel.bounded(1);
      CompletableFuture<Task<String>> frame = new CompletableFuture<>();
      CompletableFuture<String> next = new CompletableFuture<>();
      loop.execute(() -> {
        Task<String> t = ConcurrencyWoven.take(ch.receive()); // suspends, bound to this loop
        ch.send("x"); // handed to the receive; the resume is queued behind this task
        t.cancel(false); // cancelled before the body took the element
        loop.execute(() -> next.complete(ch.tryReceive())); // queued behind the resume
        frame.complete(t);
      });
      Task<String> t = frame.get(30, TimeUnit.SECONDS);
      assertThrows(CancellationException.class, t::join);
      assertEquals("x", next.get(30, TimeUnit.SECONDS));
    } finally {
      loop.close();
    }
  }

  @Test
  void coroutineCancelledAfterItsSendDeliveredResumesNormally() throws Exception {
    EventLoop loop = new EventLoop();
    try {
      Channel<String> ch = Channel.bounded(0);
      List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
      CompletableFuture<String> seen = new CompletableFuture<>();
      loop.execute(() -> {
        Task<Void> t = ConcurrencyWoven.takeInto(ch.send("x"), v -> sent.add("sent"));
        String got = ch.tryReceive(); // takes the element; the send's resume is queued
        t.cancel(false); // cancelled after the element was delivered, before the body resumed
        loop.execute(() -> seen.complete(got + " " + sent)); // queued behind the resume
      });
      assertEquals("x [sent]", seen.get(30, TimeUnit.SECONDS),
          "the body learns that its element was delivered, so it will not send it again");
    } finally {
      loop.close();
    }
  }
}
