package dev.weft.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.EventLoop;
import dev.weft.Promise;
import dev.weft.Task;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsyncFileTest {
  @TempDir Path dir;
  private final EventLoop loop = new EventLoop();

  @AfterEach
  void close() {
    loop.close();
  }

  private static <T> T get(Task<T> t) throws Exception {
    return t.get(20, TimeUnit.SECONDS);
  }

  private static Throwable failure(Task<?> t) {
    return assertThrows(ExecutionException.class, () -> t.get(20, TimeUnit.SECONDS)).getCause();
  }

  private AsyncFile create(String name) throws Exception {
    return get(AsyncFile.open(dir.resolve(name), StandardOpenOption.CREATE_NEW,
        StandardOpenOption.READ, StandardOpenOption.WRITE));
  }

  @Test
  void whatIsWrittenAtPositionsReadsBack() throws Exception {
    try (AsyncFile f = create("a")) {
      assertEquals(5, get(f.write(ByteBuffer.wrap("hello".getBytes(UTF_8)), 0)));
      assertEquals(5, get(f.write(ByteBuffer.wrap("world".getBytes(UTF_8)), 100)));
      assertEquals(105L, get(f.size()));
      get(f.force(true));
      ByteBuffer b = ByteBuffer.allocate(5);
      assertEquals(5, get(f.read(b, 100)));
      assertEquals("world", new String(b.array(), UTF_8));
      ByteBuffer gap = ByteBuffer.allocate(10);
      assertEquals(10, get(f.read(gap, 3)));
      assertArrayEquals(new byte[] {'l', 'o', 0, 0, 0, 0, 0, 0, 0, 0}, gap.array());
    }
    assertEquals("hello", new String(Files.readAllBytes(dir.resolve("a")), UTF_8).substring(0, 5));
  }

  @Test
  void aLargeWriteIsWrittenWhole() throws Exception {
    byte[] data = new byte[3 * 1024 * 1024 + 7];
    new java.util.Random(5).nextBytes(data);
    try (AsyncFile f = create("big")) {
      assertEquals(data.length, get(f.write(ByteBuffer.wrap(data), 1)));
      ByteBuffer back = ByteBuffer.allocate(data.length);
      while (back.hasRemaining()) {
        assertTrue(get(f.read(back, 1 + back.position())) > 0);
      }
      assertArrayEquals(data, back.array());
    }
  }

  @Test
  void aReadAtOrPastTheEndGivesMinusOneAndAShortReadStopsAtTheEnd() throws Exception {
    try (AsyncFile f = create("eof")) {
      get(f.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 0));
      assertEquals(-1, get(f.read(ByteBuffer.allocate(4), 3)));
      assertEquals(-1, get(f.read(ByteBuffer.allocate(4), 1000)));
      ByteBuffer b = ByteBuffer.allocate(8);
      assertEquals(2, get(f.read(b, 1)));
      assertEquals(2, b.position());
    }
  }

  @Test
  void aReadStartedOnALoopCompletesOnThatLoopsThread() throws Exception {
    try (AsyncFile f = create("loop")) {
      get(f.write(ByteBuffer.wrap(new byte[64]), 0));
      Promise<String> where = Task.promise();
      Promise<Boolean> doneBeforeTheLoopWasFree = Task.promise();
      loop.execute(() -> {
        Task<Integer> read = f.read(ByteBuffer.allocate(64), 0);
        read.handle((n, e) -> where.complete((loop.inEventLoop() ? "loop " : "elsewhere ") + n + " " + e));
        try {
          Thread.sleep(100); // the pool reads meanwhile; completing the task waits for the loop
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        doneBeforeTheLoopWasFree.complete(read.isDone());
      });
      assertFalse(get(doneBeforeTheLoopWasFree));
      assertEquals("loop 64 null", get(where));
    }
  }

  @Test
  void cancellingOperationsCompletesThemAndLeavesTheFileOpen() throws Exception {
    try (AsyncFile f = create("cancel")) {
      get(f.write(ByteBuffer.wrap(new byte[] {7, 8, 9}), 0));
      Task<Integer> read = f.read(ByteBuffer.allocate(3), 0);
      Task<Long> size = f.size();
      read.cancel(true);
      size.cancel(true);
      assertTrue(read.isDone() && size.isDone());
      ByteBuffer b = ByteBuffer.allocate(3);
      assertEquals(3, get(f.read(b, 0)));
      assertArrayEquals(new byte[] {7, 8, 9}, b.array());
      assertTrue(f.isOpen(), "an interrupt would have closed the file");
    }
  }

  @Test
  void manyReadsAtOnceEachGetTheirOwnPosition() throws Exception {
    byte[] data = new byte[64 * 1024];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i / 1024);
    }
    try (AsyncFile f = create("many")) {
      get(f.write(ByteBuffer.wrap(data), 0));
      java.util.List<Task<Integer>> reads = new java.util.ArrayList<>();
      ByteBuffer[] buffers = new ByteBuffer[64];
      for (int i = 0; i < 64; i++) {
        buffers[i] = ByteBuffer.allocate(1024);
        reads.add(f.read(buffers[i], (63 - i) * 1024L));
      }
      for (int i = 0; i < 64; i++) {
        assertEquals(1024, get(reads.get(i)));
        assertEquals((byte) (63 - i), buffers[i].get(0));
        assertEquals((byte) (63 - i), buffers[i].get(1023));
      }
    }
  }

  @Test
  void aClosedFileFailsItsOperations() throws Exception {
    AsyncFile f = create("closed");
    f.close();
    f.close();
    assertFalse(f.isOpen());
    assertInstanceOf(ClosedChannelException.class, failure(f.read(ByteBuffer.allocate(1), 0)));
    assertInstanceOf(ClosedChannelException.class, failure(f.write(ByteBuffer.allocate(1), 0)));
    assertInstanceOf(ClosedChannelException.class, failure(f.size()));
    assertEquals("AsyncFile[" + dir.resolve("closed") + ", closed]", f.toString());
  }

  @Test
  void openFailuresAndMisuseAreReported() throws Exception {
    assertInstanceOf(NoSuchFileException.class, failure(AsyncFile.open(dir.resolve("missing"))));
    Files.write(dir.resolve("ro"), new byte[] {1});
    try (AsyncFile f = get(AsyncFile.open(dir.resolve("ro")))) {
      assertInstanceOf(NonWritableChannelException.class, failure(f.write(ByteBuffer.allocate(1), 0)));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> f.read(ByteBuffer.allocate(1), -1));
      assertEquals("AsyncFile.read: negative position -1 in " + dir.resolve("ro"), e.getMessage());
    }
  }
}
