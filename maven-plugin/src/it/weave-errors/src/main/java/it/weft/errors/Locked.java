package it.weft.errors;

import static dev.weft.Task.await;

import dev.weft.Task;
import dev.weft.annotations.Async;

public class Locked {
  private final Object lock = new Object();

  @Async
  Task<Integer> guarded(Task<Integer> t) {
    synchronized (lock) {
      return Task.completed(await(t));
    }
  }
}
