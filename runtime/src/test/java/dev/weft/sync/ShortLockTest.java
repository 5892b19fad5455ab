package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ShortLockTest {
  /** A plain counter and an overlap flag guarded by the lock: both break if two threads hold it. */
  private long counter;
  private boolean inside;

  @Test
  void excludesEveryOtherThread() throws Exception {
    ShortLock lock = new ShortLock();
    AtomicBoolean overlapped = new AtomicBoolean();
    int threads = 4;
    int rounds = 50_000;
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> all = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread th = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < rounds; i++) {
          lock.lock();
          try {
            if (inside) {
              overlapped.set(true);
            }
            inside = true;
            counter++;
            inside = false;
          } finally {
            lock.unlock();
          }
        }
      });
      th.start();
      all.add(th);
    }
    go.countDown();
    for (Thread th : all) {
      th.join();
    }
    assertEquals((long) threads * rounds, counter);
    assertTrue(!overlapped.get(), "two threads held the lock at once");
  }

  @Test
  void isReentrantAndFreedByTheLastUnlock() throws Exception {
    ShortLock lock = new ShortLock();
    lock.lock();
    lock.lock(); // a description built under the lock takes it again
    lock.unlock();
    CountDownLatch took = new CountDownLatch(1);
    Thread other = new Thread(() -> {
      lock.lock();
      took.countDown();
      lock.unlock();
    });
    other.start();
    assertTrue(!took.await(50, TimeUnit.MILLISECONDS), "taken while still held once");
    lock.unlock();
    assertTrue(took.await(10, TimeUnit.SECONDS), "not taken after the last unlock");
    other.join();
  }
}
