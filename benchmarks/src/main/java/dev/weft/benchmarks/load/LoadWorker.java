package dev.weft.benchmarks.load;

import dev.weft.benchmarks.http.HttpWire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One selector thread of {@link ConnectionLoad}, owning a share of the connections.
 *
 * <p>The worker runs the phases in order; the main thread moves it on with {@link #advance}.
 * Counters are written by the worker thread only and read by the main thread after the
 * corresponding phase (volatile).
 */
final class LoadWorker extends Thread {

  /** The phases of a run, in order. */
  enum Phase { CONNECT, REQUESTS, IDLE, DONE }

  private static final byte[] EXPECTED = HttpWire.helloResponse();
  private static final int MAX_REPORTED_FAILURES = 5;
  private static final AtomicInteger reportedFailures = new AtomicInteger();

  private final InetSocketAddress address;
  private final int share;
  private final int connectBatch;
  private final byte[] request;
  private final int requests;
  private final PhaseBarrier barrier;
  private final Selector selector;
  private final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);

  private volatile Phase phase = Phase.CONNECT;
  private volatile long connected;
  private volatile long connectFailures;
  private volatile long open;
  private volatile long requestsOk;
  private int pending;

  LoadWorker(int index, InetSocketAddress address, int share, int connectBatch, byte[] request,
      int requests, PhaseBarrier barrier) {
    super("load-" + index);
    this.address = address;
    this.share = share;
    this.connectBatch = connectBatch;
    this.request = request;
    this.requests = requests;
    this.barrier = barrier;
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Moves the worker to {@code next}; main thread. */
  void advance(Phase next) {
    phase = next;
    selector.wakeup();
  }

  long connected() { return connected; }

  long connectFailures() { return connectFailures; }

  /** Connections established and not lost or failed. */
  long open() { return open; }

  long requestsOk() { return requestsOk; }

  @Override
  public void run() {
    try {
      connectAll();
      barrier.arrive(Phase.CONNECT);
      waitFor(Phase.REQUESTS);
      if (phase == Phase.REQUESTS) {
        sendFirstRequests();
        while (pending > 0 && phase == Phase.REQUESTS) {
          selectOnce();
        }
      }
      barrier.arrive(Phase.REQUESTS);
      waitFor(Phase.DONE);
      selector.selectNow();
      handleSelected();
      for (SelectionKey key : selector.keys()) {
        key.channel().close();
      }
      selector.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void connectAll() throws IOException {
    int opened = 0;
    int inFlight = 0;
    while (connected + connectFailures < share && phase == Phase.CONNECT) {
      while (opened < share && inFlight < connectBatch) {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        Connection connection = new Connection(opened++, channel);
        inFlight++;
        if (channel.connect(address)) {
          channel.register(selector, SelectionKey.OP_READ, connection);
          inFlight--;
          connected++;
          open++;
        } else {
          channel.register(selector, SelectionKey.OP_CONNECT, connection);
        }
      }
      selector.select(100);
      Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
      while (keys.hasNext()) {
        SelectionKey key = keys.next();
        keys.remove();
        Connection connection = (Connection) key.attachment();
        if (key.isConnectable()) {
          inFlight--;
          try {
            connection.channel.finishConnect();
            key.interestOps(SelectionKey.OP_READ);
            connected++;
            open++;
          } catch (IOException e) {
            connectFailures++;
            connection.channel.close();
            report("connection " + connection.index + " of " + getName() + ": connect failed: " + e);
          }
        } else if (key.isValid() && key.isReadable()) {
          connection.read(key);
        }
      }
    }
  }

  private void waitFor(Phase next) throws IOException {
    while (phase.ordinal() < next.ordinal()) {
      selectOnce();
    }
  }

  private void sendFirstRequests() throws IOException {
    for (SelectionKey key : selector.keys()) {
      Connection connection = (Connection) key.attachment();
      if (key.isValid() && !connection.failed && requests > 0) {
        pending++;
        connection.send(key);
      }
    }
  }

  private void selectOnce() throws IOException {
    selector.select(100);
    handleSelected();
  }

  /** Handles the keys of the last select: writes pending requests, checks what was read. */
  private void handleSelected() throws IOException {
    Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
    while (keys.hasNext()) {
      SelectionKey key = keys.next();
      keys.remove();
      Connection connection = (Connection) key.attachment();
      if (key.isValid() && key.isWritable()) {
        connection.flush(key);
      }
      if (key.isValid() && key.isReadable()) {
        connection.read(key);
      }
    }
  }

  private static void report(String message) {
    if (reportedFailures.getAndIncrement() < MAX_REPORTED_FAILURES) {
      System.err.println(message);
    }
  }

  /** One client connection: how many requests went out and how far the response has come. */
  private final class Connection {
    final int index;
    final SocketChannel channel;
    int sent;
    int received;
    int matched;
    boolean failed;
    ByteBuffer unwritten;

    Connection(int index, SocketChannel channel) {
      this.index = index;
      this.channel = channel;
    }

    void send(SelectionKey key) throws IOException {
      sent++;
      unwritten = ByteBuffer.wrap(request);
      flush(key);
    }

    void flush(SelectionKey key) throws IOException {
      try {
        channel.write(unwritten);
      } catch (IOException e) {
        fail(key, "write failed: " + e);
        return;
      }
      if (unwritten.hasRemaining()) {
        key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
      } else {
        unwritten = null;
        key.interestOps(SelectionKey.OP_READ);
      }
    }

    void read(SelectionKey key) throws IOException {
      in.clear();
      int n;
      try {
        n = channel.read(in);
      } catch (IOException e) {
        fail(key, "read failed in phase " + phase + ": " + e);
        return;
      }
      if (n < 0) {
        fail(key, "closed by the server in phase " + phase + " after " + received + " response(s)");
        return;
      }
      for (int i = 0; i < n; i++) {
        byte b = in.get(i);
        if (received == sent) {
          fail(key, "unexpected byte " + b + " after " + received + " complete response(s)");
          return;
        }
        if (b != EXPECTED[matched]) {
          fail(key, "response " + (received + 1) + " differs at byte " + matched + ": expected "
              + EXPECTED[matched] + ", got " + b);
          return;
        }
        if (++matched == EXPECTED.length) {
          matched = 0;
          received++;
          requestsOk++;
          if (received == requests) {
            pending--;
          } else if (phase == Phase.REQUESTS) {
            send(key);
            if (failed) {
              return;
            }
          }
        }
      }
    }

    private void fail(SelectionKey key, String why) throws IOException {
      failed = true;
      open--;
      if (sent > received && received < requests) {
        pending--;
      }
      report("connection " + index + " of " + getName() + ": " + why);
      key.cancel();
      channel.close();
    }
  }
}
