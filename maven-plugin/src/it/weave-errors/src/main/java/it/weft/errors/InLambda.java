package it.weft.errors;

import static dev.weft.Task.await;

import dev.weft.Task;
import java.util.function.Supplier;

public class InLambda {
  Supplier<Integer> later(Task<Integer> t) {
    return () -> await(t);
  }
}
