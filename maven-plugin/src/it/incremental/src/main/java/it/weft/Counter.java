package it.weft;

import static dev.weft.Task.await;

import dev.weft.Task;
import dev.weft.annotations.Async;

public class Counter {
  @Async
  public Task<Integer> next(Task<Integer> current) {
    return Task.completed(await(current) + 1);
  }
}
