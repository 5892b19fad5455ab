package dev.weft.sync;

/**
 * A FIFO of {@link QueuedTask}s linked through the tasks themselves, so that a cancelled waiter
 * leaves in constant time. Not thread-safe: its owner guards it with its lock.
 */
final class WaitQueue {
  private QueuedTask<?> head;
  private QueuedTask<?> tail;

  boolean isEmpty() {
    return head == null;
  }

  void add(QueuedTask<?> node) {
    node.queued = true;
    node.prev = tail;
    node.next = null;
    if (tail == null) {
      head = node;
    } else {
      tail.next = node;
    }
    tail = node;
  }

  /** Removes and returns the oldest waiter, or null. */
  QueuedTask<?> poll() {
    QueuedTask<?> node = head;
    if (node != null) {
      remove(node);
    }
    return node;
  }

  /**
   * Removes the oldest waiter that accepts {@code raw} ({@link Task#claimRaw}) and returns it; the
   * caller must {@link Task#releaseWaiters} it after releasing the lock. Waiters cancelled
   * meanwhile are dropped on the way. Null if none accepted.
   */
  QueuedTask<?> claimFirst(Object raw) {
    for (QueuedTask<?> node = poll(); node != null; node = poll()) {
      if (node.claim(raw)) {
        return node;
      }
    }
    return null;
  }

  /** Removes {@code node} if it is still queued here. */
  void remove(QueuedTask<?> node) {
    if (!node.queued) {
      return;
    }
    node.queued = false;
    if (node.prev == null) {
      head = node.next;
    } else {
      node.prev.next = node.next;
    }
    if (node.next == null) {
      tail = node.prev;
    } else {
      node.next.prev = node.prev;
    }
    node.prev = null;
    node.next = null;
  }
}
