package it.weft.errors;

import static dev.weft.Task.await;

import dev.weft.Task;
import dev.weft.annotations.Async;

public class Fine {
  @Async
  Task<Integer> ok(Task<Integer> t) {
    return Task.completed(await(t) + 1);
  }
}
