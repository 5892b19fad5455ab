package dev.weft.benchmarks;

import java.util.ArrayDeque;

/**
 * The hand-written baseline: what a programmer writes without any library, a one-shot result
 * cell with one waiter, state-machine frames and a plain (single-threaded, unsynchronized) run
 * queue. It is the floor that Weft's machinery is compared with. Single-threaded: one thread
 * owns a {@link Queue} and every cell and frame posted to it.
 */
final class HandWritten {
  private HandWritten() {}

  /** A plain run queue, drained by its owner thread. */
  static final class Queue {
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>(4096);

    void post(Runnable r) {
      queue.add(r);
    }

    /** Runs queued work, including work posted meanwhile, until the queue is empty. */
    void drain() {
      Runnable r;
      while ((r = queue.poll()) != null) {
        r.run();
      }
    }
  }

  /** A one-shot result with at most one waiter, which is posted to the queue on completion. */
  static class Cell {
    Object value;
    Runnable waiter;
    Queue queue;

    Cell(Queue queue) {
      this.queue = queue;
    }

    Cell(Queue queue, Object value) {
      this.queue = queue;
      this.value = value;
    }

    final boolean isDone() {
      return value != null;
    }

    final void complete(Object v) {
      value = v;
      Runnable w = waiter;
      if (w != null) {
        waiter = null;
        queue.post(w);
      }
    }
  }

  /** {@code v = await(awaited); return v + 1;} as a state machine. */
  static final class PlusOne extends Cell implements Runnable {
    private final Cell awaited;

    private PlusOne(Cell awaited) {
      super(awaited.queue);
      this.awaited = awaited;
    }

    /** Starts the frame: runs until it suspends on {@code awaited} or completes. */
    static PlusOne start(Cell awaited) {
      PlusOne f = new PlusOne(awaited);
      f.run();
      return f;
    }

    @Override
    public void run() {
      if (!awaited.isDone()) {
        awaited.waiter = this;
        return;
      }
      complete((Integer) awaited.value + 1);
    }
  }

  /** One level of a call chain: awaits the level below (or the leaf) and adds one. */
  static final class Chain extends Cell implements Runnable {
    private Cell below;

    private Chain(Queue queue) {
      super(queue);
    }

    /** Starts a chain {@code depth} deep over {@code leaf}; returns its top frame. */
    static Chain start(int depth, Cell leaf) {
      Chain f = new Chain(leaf.queue);
      f.below = depth == 1 ? leaf : start(depth - 1, leaf);
      f.run();
      return f;
    }

    @Override
    public void run() {
      if (!below.isDone()) {
        below.waiter = this;
        return;
      }
      complete((Integer) below.value + 1);
    }
  }

  /** A started unit of work that either completes at once or is posted once and then completes. */
  static final class Spawned extends Cell implements Runnable {
    private final int result;

    private Spawned(Queue queue, int result) {
      super(queue);
      this.result = result;
    }

    static Spawned start(Queue queue, int result, boolean suspendOnce) {
      Spawned s = new Spawned(queue, result);
      if (suspendOnce) {
        queue.post(s);
      } else {
        s.run();
      }
      return s;
    }

    @Override
    public void run() {
      complete(result);
    }
  }

  /**
   * Two state machines handing {@code n} elements over a rendezvous slot: a send completes when
   * the receiver takes the element. A unit that cannot go on parks itself in the slot and is
   * posted to the run queue by the other one.
   */
  static final class PingPong {
    private final Queue queue;
    private final int n;
    private Runnable waitingSender;
    private int pendingItem;
    private Runnable waitingReceiver;
    private boolean handedOver;
    private int handoff;
    /** The sum of the received elements, once {@link #received} is {@code n}. */
    long sum;
    int received;

    PingPong(Queue queue, int n) {
      this.queue = queue;
      this.n = n;
    }

    /** Starts the receiver, then the sender; the queue's owner drains the queue afterwards. */
    void start() {
      new Receiver().run();
      new Sender().run();
    }

    private final class Sender implements Runnable {
      private int i;

      @Override
      public void run() {
        while (i < n) {
          Runnable r = waitingReceiver;
          if (r != null) {
            waitingReceiver = null;
            handoff = i++;
            handedOver = true;
            queue.post(r);
          } else {
            pendingItem = i++;
            waitingSender = this;
            return;
          }
        }
      }
    }

    private final class Receiver implements Runnable {
      @Override
      public void run() {
        if (handedOver) {
          handedOver = false;
          sum += handoff;
          received++;
        }
        while (received < n) {
          Runnable s = waitingSender;
          if (s != null) {
            waitingSender = null;
            sum += pendingItem;
            received++;
            queue.post(s);
          } else {
            waitingReceiver = this;
            return;
          }
        }
      }
    }
  }
}
