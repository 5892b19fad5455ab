package dev.weft.io;

import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;

/**
 * A read, or a write of every remaining byte, on an {@link AsynchronousFileChannel}: the task and
 * its completion handler in one object. A write the channel completes in part goes on from where
 * it stopped.
 */
final class ChannelOp extends FileOp<Integer> implements CompletionHandler<Integer, Void> {
  private final AsynchronousFileChannel channel;
  private final ByteBuffer buffer;
  private final long position;
  private final boolean write;
  /** Bytes written so far. */
  private int done;

  private ChannelOp(AsyncFile file, AsynchronousFileChannel channel, ByteBuffer buffer,
      long position, boolean write) {
    super(file, (write ? "write at " : "read at ") + position);
    this.channel = channel;
    this.buffer = buffer;
    this.position = position;
    this.write = write;
  }

  static ChannelOp read(AsyncFile file, AsynchronousFileChannel channel, ByteBuffer dst,
      long position) {
    return new ChannelOp(file, channel, dst, position, false).submit();
  }

  static ChannelOp write(AsyncFile file, AsynchronousFileChannel channel, ByteBuffer src,
      long position) {
    return new ChannelOp(file, channel, src, position, true).submit();
  }

  private ChannelOp submit() {
    try {
      if (write) {
        channel.write(buffer, position + done, null, this);
      } else {
        channel.read(buffer, position, null, this);
      }
    } catch (RuntimeException e) { // e.g. NonWritableChannelException
      finish(rawFailure(e));
    }
    return this;
  }

  @Override
  public void completed(Integer n, Void attachment) {
    if (!write) {
      finish(rawValue(n));
      return;
    }
    done += n;
    if (buffer.hasRemaining()) {
      submit();
    } else {
      finish(rawValue(done));
    }
  }

  @Override
  public void failed(Throwable failure, Void attachment) {
    finish(rawFailure(failure));
  }
}
