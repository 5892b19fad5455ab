package it.weft;

import static dev.weft.Task.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.weft.Promise;
import dev.weft.Task;
import dev.weft.annotations.Async;
import org.junit.jupiter.api.Test;

class AdderTest {

  /** Test code is woven too, by weave-tests. */
  @Async
  Task<String> twice(Task<Integer> sum) {
    int s = await(sum);
    return Task.completed(s + "+" + s);
  }

  @Test
  void mainCodeSuspendsAndResumes() {
    Promise<Integer> a = Task.promise();
    Promise<Integer> b = Task.promise();
    Task<Integer> sum = new Adder().sum(a, b);
    assertFalse(sum.isDone(), "suspended at the first await");
    a.complete(20);
    b.complete(22);
    assertEquals(42, sum.join());
  }

  @Test
  void testCodeSuspendsAndResumes() {
    Promise<Integer> a = Task.promise();
    Task<String> result = twice(new Adder().sum(a, Task.completed(1)));
    assertFalse(result.isDone());
    a.complete(2);
    assertEquals("3+3", result.join());
  }
}
