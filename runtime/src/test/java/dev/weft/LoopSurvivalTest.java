package dev.weft;

import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A loop survives whatever a task, a timer, an I/O step or the logger throws: the tasks queued
 * after the failure still run.
 */
class LoopSurvivalTest {
  private static final String LOOP_LOGGER = "dev.weft.EventLoop";

  @Test
  void aTaskThatThrowsAnErrorWhileTheLoggerThrowsTooLeavesTheLoopRunning() throws Exception {
    try (EventLoop loop = new EventLoop();
        LogCapture broken = LogCapture.failing(LOOP_LOGGER,
            new NoClassDefFoundError("logger broken (expected by the test)"))) {
      loop.execute(() -> {
        throw new AssertionError("task bug (expected by the test)");
      });
      CountDownLatch after = new CountDownLatch(1);
      loop.execute(after::countDown);
      assertTrue(after.await(20, TimeUnit.SECONDS), "the task after the failure ran");
    }
  }

  @Test
  void aTimerThatThrowsWhileTheLoggerThrowsLeavesTheLoopRunning() throws Exception {
    try (EventLoop loop = new EventLoop();
        LogCapture broken = LogCapture.failing(LOOP_LOGGER,
            new NoClassDefFoundError("logger broken (expected by the test)"))) {
      loop.schedule(() -> {
        throw new StackOverflowError("timer bug (expected by the test)");
      }, 0, TimeUnit.MILLISECONDS);
      CountDownLatch after = new CountDownLatch(1);
      loop.schedule(after::countDown, 1, TimeUnit.MILLISECONDS);
      assertTrue(after.await(20, TimeUnit.SECONDS), "the timer after the failure ran");
    }
  }

  @Test
  void anIoStepThatThrowsWhileTheLoggerThrowsLeavesTheLoopRunning() throws Exception {
    Pipe pipe = Pipe.open();
    try (EventLoop loop = new EventLoop();
        LogCapture broken = LogCapture.failing(LOOP_LOGGER,
            new NoClassDefFoundError("logger broken (expected by the test)"))) {
      pipe.source().configureBlocking(false);
      CompletableFuture<Void> registered = new CompletableFuture<>();
      loop.execute(() -> {
        Throwing r = new Throwing(loop, pipe.source());
        Throwable refused = r.addInterest(SelectionKey.OP_READ);
        if (refused == null) {
          registered.complete(null);
        } else {
          registered.completeExceptionally(refused);
        }
      });
      registered.get(20, TimeUnit.SECONDS);
      pipe.sink().write(ByteBuffer.wrap(new byte[] {1})); // ready() throws, then throws again
      CountDownLatch after = new CountDownLatch(1);
      loop.schedule(after::countDown, 50, TimeUnit.MILLISECONDS);
      assertTrue(after.await(20, TimeUnit.SECONDS), "the loop went on after the I/O step threw");
    } finally {
      pipe.sink().close();
      pipe.source().close();
    }
  }

  /** A registration whose readiness handling always throws. */
  private static final class Throwing extends IoRegistration {
    Throwing(EventLoop loop, Pipe.SourceChannel channel) {
      super(loop, channel);
    }

    @Override
    protected void ready(int readyOps) {
      throw new NoClassDefFoundError("I/O step broken (expected by the test)");
    }

    @Override
    protected boolean hasPendingIo() {
      return false;
    }

    @Override
    protected void cancelPending(String reason) {}

    @Override
    protected void loopClosed() {
      deregister();
    }
  }

}
