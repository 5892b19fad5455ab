package dev.weft.benchmarks.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Comparator;
import java.util.Iterator;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * One selector thread of {@link NioHelloServer}: reads requests, answers each with the hello
 * response, one gathered write per read.
 *
 * <p>Memory per connection is kept small: the read buffer and the response buffer are shared by
 * all connections of the loop (direct buffers); a connection holds bytes only while a request
 * head is split across reads, or while the socket did not take a whole write (then reading stops
 * until the rest is written).
 *
 * <p>{@code GET /sleep?ms=N}: the answers before it are written, reading stops, the rest of the
 * read is kept, and a timer (a priority queue on the loop, which bounds the select timeout) wakes
 * the connection N ms later to write the answer and go on with the kept requests; so answers stay
 * in request order.
 *
 * <p>{@link #adopt} may be called from any thread; everything else runs on the loop thread.
 */
final class NioHelloLoop {

  /** Reacts to a ready key; runs on the loop thread. */
  interface Handler {
    void ready(SelectionKey key) throws IOException;
  }

  private static final int RESPONSE_LENGTH = HttpWire.helloResponseLength();
  private static final int RESPONSES_PER_WRITE = 128;

  private final Selector selector;
  private final Queue<SocketChannel> adopted = new ConcurrentLinkedQueue<>();
  private final PriorityQueue<Connection> timers =
      new PriorityQueue<>(Comparator.comparingLong((Connection c) -> c.due));
  private final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
  private final ByteBuffer responses;

  NioHelloLoop() throws IOException {
    selector = Selector.open();
    responses = ByteBuffer.allocateDirect(RESPONSE_LENGTH * RESPONSES_PER_WRITE);
    responses.put(HttpWire.helloResponses(RESPONSES_PER_WRITE)).flip();
  }

  /** Registers {@code channel} with {@code handler}; call before {@link #run} starts. */
  void register(SelectableChannel channel, int ops, Handler handler) throws ClosedChannelException {
    channel.register(selector, ops, handler);
  }

  /** Hands an accepted, non-blocking connection to this loop; any thread. */
  void adopt(SocketChannel channel) {
    adopted.add(channel);
    selector.wakeup();
  }

  /** Runs the loop on the calling thread, forever. */
  void run() {
    try {
      while (true) {
        select();
        SocketChannel channel;
        while ((channel = adopted.poll()) != null) {
          Connection connection = new Connection(channel);
          connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          try {
            ((Handler) key.attachment()).ready(key);
          } catch (IOException e) {
            close(key);
          }
        }
        fireTimers();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void select() throws IOException {
    Connection next = timers.peek();
    if (next == null) {
      selector.select();
      return;
    }
    long wait = TimeUnit.NANOSECONDS.toMillis(next.due - System.nanoTime() + 999_999);
    if (wait <= 0) {
      selector.selectNow();
    } else {
      selector.select(wait);
    }
  }

  private void fireTimers() throws IOException {
    long now = System.nanoTime();
    while (!timers.isEmpty() && timers.peek().due - now <= 0) {
      Connection connection = timers.poll();
      try {
        connection.wake();
      } catch (IOException e) {
        close(connection.key);
      }
    }
  }

  private static void close(SelectionKey key) throws IOException {
    key.cancel();
    key.channel().close();
  }

  /** The state of one connection: kept request bytes, unwritten answers, a pending sleep. */
  private final class Connection implements Handler {
    private final SocketChannel channel;
    private SelectionKey key;
    private byte[] partial;
    private ByteBuffer unwritten;
    private boolean sleeping;
    private long due;

    Connection(SocketChannel channel) {
      this.channel = channel;
    }

    @Override
    public void ready(SelectionKey key) throws IOException {
      if (key.isWritable() && unwritten != null) {
        channel.write(unwritten);
        if (unwritten.hasRemaining()) {
          return;
        }
        unwritten = null;
        updateInterest();
      }
      if (key.isValid() && key.isReadable() && !sleeping && unwritten == null) {
        in.clear();
        if (partial != null) {
          in.put(partial);
          partial = null;
        }
        if (channel.read(in) < 0) {
          close(key);
          return;
        }
        process(in.position());
      }
    }

    /** The sleep is over: answer the request that asked for it, then go on with the rest. */
    void wake() throws IOException {
      if (!channel.isOpen()) {
        return;
      }
      sleeping = false;
      answer(1);
      in.clear();
      if (partial != null) {
        in.put(partial);
        partial = null;
      }
      process(in.position());
    }

    /** Answers the complete requests in {@code in[0, end)} up to a sleep; keeps the rest. */
    private void process(int end) throws IOException {
      int start = 0;
      int requests = 0;
      int next;
      while ((next = HttpWire.headEnd(in, start, end)) >= 0) {
        int sleep = HttpWire.sleepMillis(in, start, next);
        if (sleep > 0) {
          answer(requests);
          keep(next, end);
          sleeping = true;
          due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(sleep);
          timers.add(this);
          updateInterest();
          return;
        }
        requests++;
        start = next;
      }
      if (end - start > HttpWire.MAX_REQUEST_HEAD) {
        close(key);
        return;
      }
      keep(start, end);
      answer(requests);
      updateInterest();
    }

    private void keep(int from, int end) {
      if (from < end) {
        partial = new byte[end - from];
        in.get(from, partial);
      }
    }

    /** Writes {@code requests} answers, or queues them behind bytes not yet written. */
    private void answer(int requests) throws IOException {
      if (unwritten != null) {
        append(requests);
        return;
      }
      while (requests > 0) {
        int batch = Math.min(requests, RESPONSES_PER_WRITE);
        ByteBuffer out = responses.duplicate().limit(batch * RESPONSE_LENGTH);
        channel.write(out);
        requests -= batch;
        if (out.hasRemaining()) {
          unwritten = ByteBuffer.allocate(out.remaining()).put(out).flip();
          append(requests);
          return;
        }
      }
    }

    private void append(int requests) {
      if (requests == 0) {
        return;
      }
      ByteBuffer joined = ByteBuffer.allocate(unwritten.remaining() + requests * RESPONSE_LENGTH);
      joined.put(unwritten).put(HttpWire.helloResponses(requests)).flip();
      unwritten = joined;
    }

    private void updateInterest() {
      if (!key.isValid()) {
        return;
      }
      int ops = unwritten != null ? SelectionKey.OP_WRITE : sleeping ? 0 : SelectionKey.OP_READ;
      if (key.interestOps() != ops) {
        key.interestOps(ops);
      }
    }
  }
}
