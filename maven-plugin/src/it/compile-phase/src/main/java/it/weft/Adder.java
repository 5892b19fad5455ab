package it.weft;

import static dev.weft.Task.await;

import dev.weft.Task;
import dev.weft.annotations.Async;

public class Adder {
  /** Awaits both stages; suspends on the first that is not complete yet. */
  @Async
  public Task<Integer> sum(Task<Integer> a, Task<Integer> b) {
    int x = await(a);
    int y = await(b);
    return Task.completed(x + y);
  }
}
