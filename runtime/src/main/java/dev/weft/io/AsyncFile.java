package dev.weft.io;

import dev.weft.Task;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * A file whose reads and writes at positions are {@link Task}s to {@code await}, so that a loop
 * never waits for a disk:
 *
 * <pre>{@code
 * AsyncFile f = await(AsyncFile.open(path, StandardOpenOption.READ));
 * ByteBuffer page = ByteBuffer.allocate(4096);
 * int n = await(f.read(page, 8192));   // -1 at end of file
 * f.close();
 * }</pre>
 *
 * <p>Reads and writes go to an {@link AsynchronousFileChannel} on the JDK's default group (on
 * Linux and macOS a pool of daemon threads doing positional {@code pread}/{@code pwrite}); {@link
 * #open}, {@link #size} and {@link #force}, which that class does synchronously, run on the
 * blocking pool ({@link Task#blocking}). A task started on a loop completes on that loop, so a
 * callback or a resumed coroutine runs there; started off-loop, it completes on the thread that
 * finished the operation. {@code AsynchronousFileChannel} was chosen over positional {@link
 * FileChannel} calls on Weft's blocking pool because it measured faster here: 4 KB reads at random
 * positions of a 64 MB file from a loop ({@code FileReadBenchmark}, {@code benchmarks/README.md},
 * "Files") took 5.7 times as long on the pool with one read at a time (141 against 25 µs, on two
 * busy cores) and 3.3 times as long with sixteen at a time; in every run the channel was faster.
 *
 * <p>Operations carry their own position, so any number may run at once, in any order; the file
 * has no current position. Every method may be called from any thread. Cancelling an operation
 * completes its task at once but does not stop it: a cancelled read may still fill its buffer and
 * a cancelled write may still happen (neither can be withdrawn once handed to the channel, and
 * interrupting a thread inside a file operation would close the file). {@link #close} fails
 * operations that have not finished with {@link java.nio.channels.AsynchronousCloseException} and
 * later ones with {@link ClosedChannelException}.
 */
public final class AsyncFile implements AutoCloseable {
  private final Path path;
  private final AsynchronousFileChannel channel;

  private AsyncFile(Path path, AsynchronousFileChannel channel) {
    this.path = path;
    this.channel = channel;
  }

  /**
   * Opens {@code path} as {@link AsynchronousFileChannel#open(Path, OpenOption...)} does with
   * {@code options} (none means {@code READ}), on the blocking pool. Any thread.
   *
   * @return a task completed with the file, or failed with the {@link IOException} of the open
   *     (e.g. {@link java.nio.file.NoSuchFileException})
   */
  public static Task<AsyncFile> open(Path path, OpenOption... options) {
    Objects.requireNonNull(path, "path");
    OpenOption[] copy = options.clone();
    return FileOp.onPool(null, "open " + path,
        () -> new AsyncFile(path, AsynchronousFileChannel.open(path, copy)));
  }

  /**
   * Reads into {@code dst}'s remaining space from the file at {@code position}: one positional
   * read, which for a regular file reads until {@code dst} is full or the file ends. {@code dst}
   * must not be touched until the task completes. Any thread.
   *
   * @return a task completed with the number of bytes read, or -1 if {@code position} is at or
   *     past the end of the file; failed with the {@link IOException}
   * @throws IllegalArgumentException if {@code position} is negative
   */
  public Task<Integer> read(ByteBuffer dst, long position) {
    Objects.requireNonNull(dst, "dst");
    checkPosition(position, "read");
    return ChannelOp.read(this, channel, dst, position);
  }

  /**
   * Writes all of {@code src}'s remaining bytes to the file at {@code position}, growing the file
   * if they go past its end. {@code src} must not be touched until the task completes. Any
   * thread.
   *
   * @return a task completed with the number of bytes written (all of them), or failed with the
   *     {@link IOException} (e.g. {@link java.nio.channels.NonWritableChannelException} if the
   *     file was not opened for writing)
   * @throws IllegalArgumentException if {@code position} is negative
   */
  public Task<Integer> write(ByteBuffer src, long position) {
    Objects.requireNonNull(src, "src");
    checkPosition(position, "write");
    return ChannelOp.write(this, channel, src, position);
  }

  /** The file's current size in bytes, as a task (on the blocking pool). Any thread. */
  public Task<Long> size() {
    return run("size", channel::size);
  }

  /**
   * Forces what was written to the storage device ({@link FileChannel#force}), on the blocking
   * pool; with {@code metaData}, the file's metadata too. Any thread.
   *
   * @return a task completed once the device has it, or failed with the {@link IOException}
   */
  public Task<Void> force(boolean metaData) {
    return run("force", () -> {
      channel.force(metaData);
      return null;
    });
  }

  /** The path this file was opened with. Any thread. */
  public Path path() {
    return path;
  }

  /** Whether the file is still open. Any thread. */
  public boolean isOpen() {
    return channel.isOpen();
  }

  /**
   * Closes the file. Reads and writes not finished fail with {@link
   * java.nio.channels.AsynchronousCloseException}, later operations with {@link
   * ClosedChannelException}. Any thread (closing a
   * file descriptor does not wait for the disk); idempotent.
   *
   * @throws IOException if the close fails
   */
  @Override
  public void close() throws IOException {
    channel.close();
  }

  @Override
  public String toString() {
    return "AsyncFile[" + path + (channel.isOpen() ? "" : ", closed") + "]";
  }

  private <T> Task<T> run(String name, Callable<T> work) {
    return FileOp.onPool(this, name, work);
  }

  private void checkPosition(long position, String what) {
    if (position < 0) {
      throw new IllegalArgumentException(
          "AsyncFile." + what + ": negative position " + position + " in " + path);
    }
  }
}
