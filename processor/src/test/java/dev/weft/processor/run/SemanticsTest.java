package dev.weft.processor.run;

import static com.google.common.truth.Truth.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * README semantics 1 to 5, with suspension controlled by the test: stages stay incomplete
 * until the test completes them.
 */
class SemanticsTest {
  static final String SEM =
      """
      package prog;

      import static dev.weft.Task.await;
      import static prog.Support.later;
      import static prog.Support.log;
      import static prog.Support.s;
      import static prog.Support.step;

      import dev.weft.EventLoop;
      import dev.weft.Promise;
      import dev.weft.Task;
      import dev.weft.annotations.Async;
      import java.util.concurrent.CancellationException;
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.CompletionStage;

      public class Sem {
        static final IllegalStateException EARLY = new IllegalStateException("early");
        static final Exception CHECKED = new Exception("checked early");
        static final IllegalArgumentException LATE = new IllegalArgumentException("late");
        static EventLoop loop;

        @Async
        public static Task<String> eager(CompletionStage<String> stage) {
          log("before");
          step();
          String v = await(stage);
          log("after");
          step();
          String w = await(later("!"));
          step();
          return Task.completed(v + w);
        }

        @Async
        public static Task<Integer> allCompleted() {
          step();
          int a = await(Task.completed(1));
          step();
          int b = await(CompletableFuture.completedFuture(2));
          step();
          return Task.completed(a + b);
        }

        @Async
        public static Task<String> throwsEarly() {
          if (EARLY != null) {
            throw EARLY;
          }
          return Task.completed(await(s("unreached")));
        }

        @Async
        public static Task<String> throwsCheckedEarly() throws Exception {
          if (CHECKED != null) {
            throw CHECKED;
          }
          return Task.completed(await(s("unreached")));
        }

        @Async
        public static Task<String> throwsAfterSuspension(CompletionStage<String> stage) {
          String v = await(stage);
          if (!v.isEmpty()) {
            throw LATE;
          }
          return Task.completed(v);
        }

        @Async
        public static Task<String> errorAfterSuspension(CompletionStage<String> stage) {
          throw new AssertionError("error " + await(stage));
        }

        @Async
        public static Task<Integer> steps(CompletionStage<Integer> first, int n) {
          int sum = await(first); // completed by the test after the call: a real first suspension
          for (int i = 0; i < n; i++) {
            sum += await(later(i));
            step();
          }
          return Task.completed(sum);
        }

        @Async
        public static Task<String> outer(CompletionStage<Integer> first) {
          await(first); // completed by the test after the call: a real first suspension
          step();
          return Task.completed(await(inner()));
        }

        @Async
        static Task<String> inner() {
          step();
          await(later(1));
          step();
          await(later(2));
          step();
          return Task.completed("inner");
        }

        public static Task<Task<String>> startOnOwnLoop() {
          loop = new EventLoop();
          Promise<Task<String>> started = Task.promise();
          loop.execute(() -> started.complete(inner()));
          return started;
        }

        public static Thread loopThread() throws Exception {
          CompletableFuture<Thread> thread = new CompletableFuture<>();
          loop.execute(() -> thread.complete(Thread.currentThread()));
          return thread.get();
        }

        public static void closeLoop() {
          loop.close();
        }

        @Async
        public static Task<Long> million() {
          long sum = 0;
          Task<Integer> one = Task.completed(1);
          CompletableFuture<Integer> two = CompletableFuture.completedFuture(2);
          for (int i = 0; i < 1_000_000; i++) {
            sum += (i % 2 == 0) ? await(one) : await(two);
          }
          return Task.completed(sum);
        }

        @Async
        static Task<Integer> link(Task<Integer> previous) {
          return Task.completed(await(previous) + 1);
        }

        public static Task<Integer> chain(Task<Integer> first, int n) {
          Task<Integer> t = first;
          for (int i = 0; i < n; i++) {
            t = link(t);
          }
          return t;
        }

        @Async
        public static Task<String> cancellable(CompletionStage<String> stage) {
          try {
            log("before");
            String v = await(stage);
            log("after " + v);
            return Task.completed(v);
          } catch (CancellationException e) {
            step();
            log("cancelled");
            throw e;
          } finally {
            log("finally");
          }
        }

        @Async
        public static Task<String> awaitsCancellable(CompletionStage<String> stage) {
          try {
            return Task.completed("outer " + await(cancellable(stage)));
          } finally {
            log("outer finally");
          }
        }
      }
      """;

  @ParameterizedTest
  @MethodSource(Run.MODES)
  void eagerStartRunsTheBodyOnTheCallerUntilTheFirstIncompleteAwait(Mode mode) {
    Program program = load(mode);
    CompletableFuture<String> stage = new CompletableFuture<>();
    Object task = program.call("Sem", "eager", stage);
    assertThat(program.log()).containsExactly("before");
    assertThat(program.steps()).containsExactly(Thread.currentThread());
    assertThat(Program.isDone(task)).isFalse();
    stage.complete("v");
    assertThat(Program.value(task)).isEqualTo("v!");
    List<Thread> steps = program.steps();
    assertThat(steps).hasSize(3);
    assertOneLoopThread(steps.subList(1, 3));
  }

  @ParameterizedTest
  @MethodSource(Run.MODES)
  void awaitingCompletedStagesNeverSuspends(Mode mode) {
    Program program = load(mode);
    Object task = program.call("Sem", "allCompleted");
    assertThat(Program.isDone(task)).isTrue();
    assertThat(Program.value(task)).isEqualTo(3);
    Thread me = Thread.currentThread();
    assertThat(program.steps()).containsExactly(me, me, me);
  }

  @ParameterizedTest
  @MethodSource(Run.MODES)
  void exceptionBeforeTheFirstAwaitFailsTheTask(Mode mode) {
    Program program = load(mode);
    Object task = program.call("Sem", "throwsEarly"); // a throw here fails the test
    assertThat(Program.isDone(task)).isTrue();
    assertThat(Program.failureOf(task)).isSameInstanceAs(program.getStatic("Sem", "EARLY"));
    Object checked = program.call("Sem", "throwsCheckedEarly");
    assertThat(Program.failureOf(checked)).isSameInstanceAs(program.getStatic("Sem", "CHECKED"));
  }

  @ParameterizedTest
  @MethodSource(Run.MODES)
  void exceptionAfterASuspensionFailsTheTask(Mode mode) {
    Program program = load(mode);
    CompletableFuture<String> stage = new CompletableFuture<>();
    Object task = program.call("Sem", "throwsAfterSuspension", stage);
    assertThat(Program.isDone(task)).isFalse();
    stage.complete("v");
    assertThat(Program.failureOf(task)).isSameInstanceAs(program.getStatic("Sem", "LATE"));

    CompletableFuture<String> second = new CompletableFuture<>();
    Object errorTask = program.call("Sem", "errorAfterSuspension", second);
    second.complete("e");
    Throwable error = Program.failureOf(errorTask);
    assertThat(error).isInstanceOf(AssertionError.class);
    assertThat(error).hasMessageThat().isEqualTo("error e");
  }

  @ParameterizedTest
  @MethodSource(Run.MODES)
  void everyStepAfterTheFirstSuspensionRunsOnOneLoopThread(Mode mode) {
    Program program = load(mode);
    // first: see aCoroutineStartedOnALoopThreadStaysOnThatLoop
    Object first = program.promise();
    Object task = program.call("Sem", "steps", first, 6);
    assertThat(Program.isDone(task)).isFalse();
    assertThat(program.complete(first, 0)).isTrue();
    assertThat(Program.value(task)).isEqualTo(15);
    assertThat(program.steps()).hasSize(6);
    assertOneLoopThread(program.steps());
  }

  @ParameterizedTest
  @MethodSource(Run.MODES)
  void aCoroutineStartedOnALoopThreadStaysOnThatLoop(Mode mode) {
    Program program = load(mode);
    // A stage completed by the test after the call, not later(0): a stage that completes 1 ms
    // later may complete before outer's first await if this thread stalls, and then outer's first
    // step rightly runs here, on the caller's thread.
    Object first = program.promise();
    Object task = program.call("Sem", "outer", first);
    assertThat(Program.isDone(task)).isFalse();
    assertThat(program.complete(first, 0)).isTrue();
    assertThat(Program.value(task)).isEqualTo("inner");
    assertThat(program.steps()).hasSize(4);
    assertOneLoopThread(program.steps());
  }

  @ParameterizedTest
  @MethodSource(Run.MODES)
  void aCoroutineStartedOnItsOwnLoopResumesThere(Mode mode) {
    Program program = load(mode);
    try {
      Object task = Program.value(program.call("Sem", "startOnOwnLoop"));
      assertThat(Program.value(task)).isEqualTo("inner");
      Thread loop = (Thread) program.call("Sem", "loopThread");
      assertThat(program.steps()).containsExactly(loop, loop, loop);
    } finally {
      program.call("Sem", "closeLoop");
    }
  }

  @ParameterizedTest
  @MethodSource(Run.MODES)
  void aMillionAwaitsOfCompletedStages(Mode mode) {
    Object task = load(mode).call("Sem", "million");
    assertThat(Program.isDone(task)).isTrue();
    assertThat(Program.value(task)).isEqualTo(1_500_000L);
  }

  @ParameterizedTest
  @MethodSource(Run.MODES)
  void aCascadeOf100000CoroutinesCompletesWithoutStackOverflow(Mode mode) {
    Program program = load(mode);
    Object first = program.promise();
    Object last = program.call("Sem", "chain", first, 100_000);
    assertThat(Program.isDone(last)).isFalse();
    assertThat(program.complete(first, 0)).isTrue();
    assertThat(Program.value(last, Duration.ofSeconds(120))).isEqualTo(100_000);
  }

  @ParameterizedTest
  @MethodSource(Run.MODES)
  void cancelDeliversCancellationAtTheAwaitRunsFinallyAndCancelsTheFuture(Mode mode) {
    Program program = load(mode);
    CompletableFuture<String> stage = new CompletableFuture<>();
    Object task = program.call("Sem", "cancellable", stage);
    assertThat(Program.isDone(task)).isFalse();
    assertThat(((Future<?>) task).cancel(true)).isTrue();
    assertThat(((Future<?>) task).isCancelled()).isTrue(); // at once
    eventually(() -> program.log().contains("finally"));
    assertThat(program.log()).containsExactly("before", "cancelled", "finally").inOrder();
    eventually(stage::isCancelled);
    assertThat(Program.failureOf(task)).isInstanceOf(CancellationException.class);
    assertOneLoopThread(program.steps());
  }

  @ParameterizedTest
  @MethodSource(Run.MODES)
  void cancelCancelsTheAwaitedPromise(Mode mode) {
    Program program = load(mode);
    Object promise = program.promise();
    Object task = program.call("Sem", "cancellable", promise);
    assertThat(((Future<?>) task).cancel(true)).isTrue();
    eventually(() -> ((Future<?>) promise).isCancelled());
    eventually(() -> program.log().contains("finally"));
    assertThat(program.log()).containsExactly("before", "cancelled", "finally").inOrder();
    assertThat(program.complete(promise, "too late")).isFalse();
  }

  @ParameterizedTest
  @MethodSource(Run.MODES)
  void cancelPropagatesToTheAwaitedTaskAndItsFinally(Mode mode) {
    Program program = load(mode);
    CompletableFuture<String> stage = new CompletableFuture<>();
    Object task = program.call("Sem", "awaitsCancellable", stage);
    assertThat(((Future<?>) task).cancel(true)).isTrue();
    eventually(() -> program.log().contains("outer finally"));
    eventually(stage::isCancelled);
    assertThat(program.log())
        .containsExactly("before", "cancelled", "finally", "outer finally").inOrder();
    assertThat(Program.failureOf(task)).isInstanceOf(CancellationException.class);
  }

  private static Program load(Mode mode) {
    return new Run(mode, Timing.NOW).load(SEM);
  }

  static void assertOneLoopThread(List<Thread> steps) {
    assertThat(steps).isNotEmpty();
    assertThat(steps.get(0).getName()).startsWith("weft-loop-");
    for (Thread t : steps) {
      assertThat(t).isSameInstanceAs(steps.get(0));
    }
  }

  static void eventually(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
