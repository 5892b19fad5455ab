package dev.weft.sync;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import dev.weft.Task;
import java.util.Objects;

/**
 * A bounded multi-producer, multi-consumer queue between asynchronous tasks, with back-pressure:
 * {@link #send} suspends (as a task) while the buffer is full, {@link #receive} while it is empty.
 * With capacity 0 it is a rendezvous: a send completes only when a receiver takes its element.
 *
 * <pre>{@code
 * Channel<Job> jobs = Channel.bounded(64);
 * // producer, in an @Async method:  await(jobs.send(job));
 * // consumer, in an @Async method:  Job j = await(jobs.receive());
 * }</pre>
 *
 * <p>Elements are delivered in send order; waiting senders and receivers are each served first
 * come, first served. {@link #close} ends the stream: pending and later sends fail with {@link
 * ChannelClosedException} (their elements are not delivered), receivers still get every buffered
 * element and then fail with it.
 *
 * <p>Cancellation never loses or duplicates an element: every element of a send that completed
 * normally is received exactly once (or stays buffered), and a send that failed or was cancelled
 * delivered nothing. Cancelling a pending send or receive takes it out of line; the cancel and a
 * hand-over race on one atomic and exactly one wins. An {@code @Async} method cancelled right
 * after the hand-over, before it resumed:
 *
 * <ul>
 *   <li>at {@code await(receive())} gets {@link java.util.concurrent.CancellationException}, and
 *       the element goes back to the head of the channel for the next receiver (the buffer may
 *       then hold one element more than its capacity);
 *   <li>at {@code await(send(e))} resumes normally, since its element was delivered and cannot be
 *       taken back, and meets the cancellation at its next {@code await}: a send that returns has
 *       delivered, one that throws has not, so retrying a send that threw never duplicates.
 * </ul>
 *
 * Once a receiving body has resumed with an element, the element is the body's: if it is
 * cancelled later (at its next {@code await}), handling the element it holds is up to its {@code
 * catch} and {@code finally} blocks.
 *
 * <p>All methods may be called from any thread; the channel is guarded by one lock, and no
 * callback runs under it: a woken task completes on the calling thread after the lock is released.
 *
 * @param <T> the type of the elements (never null)
 */
public final class Channel<T> {
  /** What {@link #send} returns when it does not suspend: shared, already complete. */
  private static final Task<Void> SENT = Task.completed(null);

  private final ShortLock lock = new ShortLock();
  private final int capacity;
  private final ArrayDeque<T> buffer;
  private final WaitQueue senders = new WaitQueue();
  private final WaitQueue receivers = new WaitQueue();
  private boolean closed;

  private Channel(int capacity) {
    this.capacity = capacity;
    this.buffer = new ArrayDeque<>(Math.min(capacity, 1024) + 1);
  }

  /**
   * A channel buffering up to {@code capacity} elements; 0 makes a rendezvous channel.
   *
   * @throws IllegalArgumentException if {@code capacity} is negative
   */
  public static <T> Channel<T> bounded(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("Channel capacity must be >= 0, got " + capacity);
    }
    return new Channel<>(capacity);
  }

  /** The capacity given to {@link #bounded}. */
  public int capacity() {
    return capacity;
  }

  /**
   * Sends {@code element}: hands it to the oldest waiting receiver, or buffers it, and returns an
   * already complete shared task (no allocation); when the buffer is full, returns a task that
   * completes when the element is taken into the buffer or by a receiver. Cancelling that task
   * withdraws the element if it was not delivered yet.
   *
   * @return a task completed with null once the element is delivered or buffered; failed with
   *     {@link ChannelClosedException} if the channel is or becomes closed first
   * @throws NullPointerException if {@code element} is null
   */
  public Task<Void> send(T element) {
    Objects.requireNonNull(element, "element");
    QueuedTask<?> woken;
    lock.lock();
    try {
      if (closed) {
        return Task.failed(closedForSend());
      }
      woken = receivers.claimFirst(element);
      if (woken == null) {
        if (buffer.size() < capacity) {
          buffer.addLast(element);
          return SENT;
        }
        Send s = new Send(element);
        senders.add(s);
        return s;
      }
    } finally {
      lock.unlock();
    }
    woken.wake();
    return SENT;
  }

  /**
   * Sends {@code element} if that needs no waiting: to a waiting receiver or into free buffer
   * space.
   *
   * @return whether it was sent (false: the buffer is full)
   * @throws ChannelClosedException if the channel is closed
   * @throws NullPointerException if {@code element} is null
   */
  public boolean trySend(T element) {
    Objects.requireNonNull(element, "element");
    QueuedTask<?> woken;
    lock.lock();
    try {
      if (closed) {
        throw closedForSend();
      }
      woken = receivers.claimFirst(element);
      if (woken == null) {
        if (buffer.size() >= capacity) {
          return false;
        }
        buffer.addLast(element);
        return true;
      }
    } finally {
      lock.unlock();
    }
    woken.wake();
    return true;
  }

  /**
   * Receives the oldest element: an already complete task when one is buffered or a sender waits,
   * else a task completed by the next send. Cancelling that task gives up the place in line.
   *
   * @return a task with the element; failed with {@link ChannelClosedException} once the channel
   *     is closed and empty
   */
  public Task<T> receive() {
    T element;
    Send woken;
    lock.lock();
    try {
      element = buffer.pollFirst();
      woken = claimSender();
      if (woken != null) {
        element = takeFrom(woken, element);
      } else if (element == null) {
        if (closed) {
          return Task.failed(closedForReceive());
        }
        Receive r = new Receive();
        receivers.add(r);
        return r;
      }
    } finally {
      lock.unlock();
    }
    if (woken != null) {
      woken.wake();
    }
    return Task.completed(element);
  }

  /**
   * Receives the oldest element if one is available without waiting.
   *
   * @return the element, or null if none is buffered and no sender waits (see {@link #isClosed}
   *     to tell an empty open channel from a drained closed one)
   */
  public T tryReceive() {
    T element;
    Send woken;
    lock.lock();
    try {
      element = buffer.pollFirst();
      woken = claimSender();
      if (woken != null) {
        element = takeFrom(woken, element);
      }
    } finally {
      lock.unlock();
    }
    if (woken != null) {
      woken.wake();
    }
    return element;
  }

  /**
   * Closes the channel: no more sends. Pending sends fail with {@link ChannelClosedException};
   * waiting receivers (there are only any when nothing is buffered) fail with it; buffered
   * elements can still be received. Their tasks complete on this thread.
   *
   * @return whether this call closed it (false if it already was closed)
   */
  public boolean close() {
    List<QueuedTask<?>> woken = new ArrayList<>();
    lock.lock();
    try {
      if (closed) {
        return false;
      }
      closed = true;
      for (QueuedTask<?> s; (s = senders.claimFirst(QueuedTask.failure(closedForSend()))) != null; ) {
        ((Send) s).element = null;
        woken.add(s);
      }
      for (QueuedTask<?> r; (r = receivers.claimFirst(QueuedTask.failure(closedForReceive()))) != null; ) {
        woken.add(r);
      }
    } finally {
      lock.unlock();
    }
    for (QueuedTask<?> t : woken) {
      t.wake();
    }
    return true;
  }

  /** Whether {@link #close} was called (elements may still be buffered). */
  public boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  /** The number of elements buffered now. */
  public int size() {
    lock.lock();
    try {
      return buffer.size();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    lock.lock();
    try {
      return "Channel[" + buffer.size() + "/" + capacity + (closed ? ", closed" : "") + "]";
    } finally {
      lock.unlock();
    }
  }

  // ---- under the lock ----

  /**
   * The oldest waiting sender, claimed (its send will complete normally: its element is taken),
   * or null. The caller completes it after releasing the lock.
   */
  private Send claimSender() {
    return senders.isEmpty() ? null : (Send) senders.claimFirst(QueuedTask.NIL);
  }

  /**
   * Takes the element of claimed sender {@code s}: it refills the buffer behind {@code head} (the
   * element just taken from the buffer), or, with nothing buffered (a rendezvous), is the element
   * received. Returns the element received.
   */
  private T takeFrom(Send s, T head) {
    T element = s.element;
    s.element = null;
    if (head == null) {
      return element;
    }
    buffer.addLast(element);
    return head;
  }

  private ChannelClosedException closedForSend() {
    return new ChannelClosedException("send on a closed " + this);
  }

  private ChannelClosedException closedForReceive() {
    return new ChannelClosedException("receive on a closed and empty " + this);
  }

  /** Puts back an element whose receiver was cancelled before it could take it. */
  private void giveBack(T element) {
    QueuedTask<?> woken;
    lock.lock();
    try {
      woken = receivers.claimFirst(element);
      if (woken == null) {
        buffer.addFirst(element);
      }
    } finally {
      lock.unlock();
    }
    if (woken != null) {
      woken.wake();
    }
  }

  /** A waiting send, holding its element until a receiver or the buffer takes it. */
  private final class Send extends QueuedTask<Void> {
    T element;

    Send(T element) {
      this.element = element;
    }

    @Override
    protected String displayName() {
      return "send on " + Channel.this;
    }

    @Override
    void dequeue() {
      lock.lock();
      try {
        senders.remove(this);
        element = null;
      } finally {
        lock.unlock();
      }
    }

    @Override
    boolean givesBack() {
      return false; // the element is in the buffer or with a receiver
    }
  }

  /** A waiting receive. */
  private final class Receive extends QueuedTask<T> {
    @Override
    protected String displayName() {
      return "receive on " + Channel.this;
    }

    @Override
    void dequeue() {
      lock.lock();
      try {
        receivers.remove(this);
      } finally {
        lock.unlock();
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    void undelivered(Object raw) {
      giveBack((T) raw);
    }
  }
}
