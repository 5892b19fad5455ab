package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The stamp a coroutine's first suspension off its loop's thread records (for the dump's
 * "suspended N ms"): shared within a millisecond, so that coroutines started from another thread
 * carry no stamp object each.
 */
class OffLoopStampTest {
  @Test
  void suspensionsOffTheLoopShareAStampWithinAMillisecond() {
    AtomicLong clock = new AtomicLong(5_000_000);
    try (EventLoop loop = new EventLoop("stamps", IoHandler.PARKING, clock::get)) {
      check(loop, clock);
    }
  }

  private static void check(EventLoop loop, AtomicLong clock) {
    TurnStamp first = loop.stampNow();
    assertEquals(5_000_000, first.nanos);
    clock.addAndGet(999_999);
    assertSame(first, loop.stampNow(), "the same millisecond shares the stamp");
    clock.addAndGet(1);
    TurnStamp next = loop.stampNow();
    assertNotSame(first, next);
    assertEquals(6_000_000, next.nanos, "a new stamp reads the clock now");
    clock.set(1_000); // a clock that went back (a test's virtual clock, reset)
    assertEquals(1_000, loop.stampNow().nanos);
  }
}
