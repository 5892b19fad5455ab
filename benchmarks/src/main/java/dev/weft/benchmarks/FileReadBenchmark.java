package dev.weft.benchmarks;

import dev.weft.EventLoop;
import dev.weft.Promise;
import dev.weft.Task;
import dev.weft.io.AsyncFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Which way {@code AsyncFile} should read (run on its own, not by {@code run.sh}; results in
 * {@code benchmarks/README.md}, "Files"). One operation is a read of
 * {@value #READ} bytes at a random {@value #READ}-byte-aligned position of a {@value #FILE_MB} MB
 * file (in the page cache after the first pass), started on an event loop, whose completion comes
 * back to that loop. Each invocation does {@value #BATCH} reads as {@code inFlight} chains, each
 * chain starting its next read when the last one is back on the loop.
 *
 * <ul>
 *   <li>{@code blockingPool}: {@code Task.blocking(() -> fileChannel.read(dst, position))}, whose
 *       completion the pool thread posts to the loop;
 *   <li>{@code asynchronousFileChannel}: {@link AsynchronousFileChannel#read(ByteBuffer, long,
 *       Object, CompletionHandler)} (on Linux a pread on the JDK's own thread pool), whose
 *       handler posts to the loop;
 *   <li>{@code asyncFile}: Weft's {@code AsyncFile.read}, built on the faster of the two (the
 *       channel), which completes on the loop by itself.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {PeerStates.XMS, PeerStates.XMX, PeerStates.PRE_TOUCH})
public class FileReadBenchmark {
  static final int FILE_MB = 64;
  static final int READ = 4096;
  static final int BATCH = 256;
  private static final int BLOCKS = FILE_MB * 1024 * 1024 / READ;

  /** Reads running at once: 1 measures the round trip, 16 the throughput of the pool. */
  @Param({"1", "16"})
  public int inFlight;

  private LoopDriver driver;
  private Path path;
  private FileChannel channel;
  private AsynchronousFileChannel aio;
  private AsyncFile file;
  private long[] positions;
  private final Task<?>[] done = new Task<?>[1];

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    driver = new LoopDriver(false); // the pool threads need the second core
    path = Files.createTempFile("weft-file-bench", ".bin");
    byte[] block = new byte[1024 * 1024];
    new SplittableRandom(1).nextBytes(block);
    try (FileChannel out = FileChannel.open(path, StandardOpenOption.WRITE)) {
      for (int i = 0; i < FILE_MB; i++) {
        out.write(ByteBuffer.wrap(block));
      }
    }
    channel = FileChannel.open(path, StandardOpenOption.READ);
    aio = AsynchronousFileChannel.open(path, StandardOpenOption.READ);
    file = AsyncFile.open(path, StandardOpenOption.READ).join();
    SplittableRandom random = new SplittableRandom(42);
    positions = new long[1 << 16];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = (long) random.nextInt(BLOCKS) * READ;
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    driver.close();
    channel.close();
    aio.close();
    file.close();
    Files.deleteIfExists(path);
  }

  /** One way to read: starts a read of {@code dst} at {@code position}, runs {@code then} on the loop after. */
  interface Reader {
    void read(ByteBuffer dst, long position, EventLoop loop, Runnable then);
  }

  private final Reader blockingPool = (dst, position, loop, then) ->
      Task.blocking(() -> channel.read(dst, position)).handle((n, e) -> {
        loop.execute(then);
        return null;
      });

  private final Reader asynchronousFileChannel = (dst, position, loop, then) ->
      aio.read(dst, position, null, new CompletionHandler<Integer, Object>() {
        @Override
        public void completed(Integer n, Object attachment) {
          loop.execute(then);
        }

        @Override
        public void failed(Throwable e, Object attachment) {
          loop.execute(then);
        }
      });

  /** AsyncFile completes on the loop that started the read: no hop of its own. */
  private final Reader asyncFile = (dst, position, loop, then) ->
      file.read(dst, position).handle((n, e) -> {
        then.run();
        return null;
      });

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void blockingPool() {
    driver.run(() -> done[0] = batch(blockingPool), done);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void asynchronousFileChannel() {
    driver.run(() -> done[0] = batch(asynchronousFileChannel), done);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void asyncFile() {
    driver.run(() -> done[0] = batch(asyncFile), done);
  }

  private int next;

  /** On the loop: {@code inFlight} chains of reads, {@value #BATCH} in all; done when all are. */
  private Task<Void> batch(Reader reader) {
    Promise<Void> finished = Task.promise();
    EventLoop loop = driver.loop();
    int[] chainsLeft = {inFlight};
    for (int c = 0; c < inFlight; c++) {
      ByteBuffer buffer = ByteBuffer.allocateDirect(READ);
      new Runnable() {
        int left = BATCH / inFlight;

        @Override
        public void run() {
          if (left-- == 0) {
            if (--chainsLeft[0] == 0) {
              finished.complete(null);
            }
            return;
          }
          buffer.clear();
          reader.read(buffer, positions[next++ & (positions.length - 1)], loop, this);
        }
      }.run();
    }
    return finished;
  }
}
