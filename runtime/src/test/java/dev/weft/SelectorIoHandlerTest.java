package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class SelectorIoHandlerTest {
  @Test
  void aSelectNeverOutlastsTheWaitAskedForAndAWaitUnderAMillisecondParks() {
    assertEquals(0, SelectorIoHandler.selectMillis(1), "under a millisecond: park");
    assertEquals(0, SelectorIoHandler.selectMillis(999_999));
    assertEquals(1, SelectorIoHandler.selectMillis(1_000_000));
    assertEquals(1, SelectorIoHandler.selectMillis(1_999_999), "rounded down: the loop parks the rest");
    assertEquals(30_000, SelectorIoHandler.selectMillis(30_000_000_001L));
  }

  @Test
  void aWakeupBeforeAnUnboundedWaitEndsIt() {
    SelectorIoHandler io = new SelectorIoHandler();
    try {
      io.wakeup(Thread.currentThread());
      assertEquals(0, io.run(-1)); // returns instead of blocking forever
      assertEquals(0, io.run(0));
    } finally {
      io.close();
    }
  }

  @Test
  void cancellingPendingIoRefusesLaterOperations() {
    SelectorIoHandler io = new SelectorIoHandler();
    try {
      assertEquals(null, io.refusal());
      io.cancelPendingIo("stopping");
      assertTrue(io.isShuttingDown());
      CancellationException refusal = io.refusal();
      assertSame(CancellationException.class, refusal.getClass());
      assertEquals("stopping", refusal.getMessage());
    } finally {
      io.close();
    }
  }

  @Test
  void aLoopWithoutASelectorSaysSoWhenAskedForOne() {
    EventLoop loop = new EventLoop("parking", IoHandler.PARKING, System::nanoTime);
    try {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> loop.io().register(null, 0, null));
      assertTrue(e.getMessage().contains("has no selector"), e.getMessage());
    } finally {
      loop.close();
    }
  }
}
