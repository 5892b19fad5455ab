package dev.weft;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Dmitry Vyukov's intrusive multi-producer single-consumer queue. {@link #push} is wait-free (one
 * atomic exchange) and may be called from any thread; {@link #poll} and {@link #isEmpty} only from
 * the single consumer, the loop thread.
 *
 * <pre>
 *   producers ──xchg──▶ head ─ ... ─ tail ──poll──▶ consumer
 *                       (newest)     (oldest, or the stub)
 * </pre>
 */
final class RunQueue {
  private static final VarHandle HEAD;

  static {
    try {
      HEAD = MethodHandles.lookup().findVarHandle(RunQueue.class, "head", LoopNode.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final LoopNode stub =
      new LoopNode() {
        @Override
        protected void runOnLoop() {}
      };

  /** Most recently pushed node; exchanged by producers. */
  @SuppressWarnings("unused") // accessed through HEAD
  private volatile LoopNode head = stub;

  /** Oldest node not yet polled (or the stub); consumer only. */
  private LoopNode tail = stub;

  /** Appends {@code node}. Any thread. The node must not be in a queue already. */
  void push(LoopNode node) {
    LoopNode.NEXT.set(node, (LoopNode) null);
    LoopNode prev = (LoopNode) HEAD.getAndSet(this, node);
    LoopNode.NEXT.setRelease(prev, node);
  }

  /**
   * Removes the oldest node. Consumer thread only. Returns null when the queue is empty or when a
   * producer is half way through a push ({@link #isEmpty} then still says false).
   */
  LoopNode poll() {
    LoopNode t = tail;
    LoopNode next = (LoopNode) LoopNode.NEXT.getAcquire(t);
    if (t == stub) {
      if (next == null) {
        return null;
      }
      tail = next;
      t = next;
      next = (LoopNode) LoopNode.NEXT.getAcquire(next);
    }
    if (next != null) {
      return take(t, next);
    }
    if (t != head) {
      return null; // a producer has exchanged head but not linked it yet
    }
    push(stub);
    next = (LoopNode) LoopNode.NEXT.getAcquire(t);
    return next == null ? null : take(t, next);
  }

  private LoopNode take(LoopNode t, LoopNode next) {
    tail = next;
    LoopNode.NEXT.set(t, (LoopNode) null);
    return t;
  }

  /** Whether nothing is queued, not even a half-finished push. Consumer thread only. */
  boolean isEmpty() {
    return tail == stub && head == stub;
  }
}
