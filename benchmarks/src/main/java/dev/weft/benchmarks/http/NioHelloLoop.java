package dev.weft.benchmarks.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One selector thread of {@link NioHelloServer}: reads requests, answers each with the hello
 * response, one gathered write per read.
 *
 * <p>Memory per connection is kept small: the read buffer and the response buffer are shared by
 * all connections of the loop (direct buffers); a connection holds bytes only while a request
 * head is split across reads, or while the socket did not take a whole write (then reading stops
 * until the rest is written).
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
        selector.select();
        SocketChannel channel;
        while ((channel = adopted.poll()) != null) {
          Connection connection = new Connection(channel);
          channel.register(selector, SelectionKey.OP_READ, connection);
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          try {
            ((Handler) key.attachment()).ready(key);
          } catch (IOException e) {
            key.cancel();
            key.channel().close();
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The state of one connection: a split request head and unwritten response bytes. */
  private final class Connection implements Handler {
    private final SocketChannel channel;
    private byte[] partial;
    private ByteBuffer unwritten;

    Connection(SocketChannel channel) {
      this.channel = channel;
    }

    @Override
    public void ready(SelectionKey key) throws IOException {
      if (key.isWritable()) {
        channel.write(unwritten);
        if (unwritten.hasRemaining()) {
          return;
        }
        unwritten = null;
        key.interestOps(SelectionKey.OP_READ);
      }
      if (key.isReadable()) {
        read(key);
      }
    }

    private void read(SelectionKey key) throws IOException {
      in.clear();
      if (partial != null) {
        in.put(partial);
        partial = null;
      }
      if (channel.read(in) < 0) {
        close(key);
        return;
      }
      int end = in.position();
      int start = 0;
      int requests = 0;
      int next;
      while ((next = HttpWire.headEnd(in, start, end)) >= 0) {
        requests++;
        start = next;
      }
      if (start < end) {
        if (end - start > HttpWire.MAX_REQUEST_HEAD) {
          close(key);
          return;
        }
        partial = new byte[end - start];
        in.get(start, partial);
      }
      if (requests > 0) {
        answer(key, requests);
      }
    }

    private void answer(SelectionKey key, int requests) throws IOException {
      while (requests > 0) {
        int batch = Math.min(requests, RESPONSES_PER_WRITE);
        ByteBuffer out = responses.duplicate().limit(batch * RESPONSE_LENGTH);
        channel.write(out);
        requests -= batch;
        if (out.hasRemaining()) {
          byte[] rest = new byte[out.remaining() + requests * RESPONSE_LENGTH];
          out.get(rest, 0, out.remaining());
          byte[] more = HttpWire.helloResponses(Math.max(requests, 1));
          System.arraycopy(more, 0, rest, rest.length - requests * RESPONSE_LENGTH, requests * RESPONSE_LENGTH);
          unwritten = ByteBuffer.wrap(rest);
          key.interestOps(SelectionKey.OP_WRITE);
          return;
        }
      }
    }

    private void close(SelectionKey key) throws IOException {
      key.cancel();
      channel.close();
    }
  }
}
