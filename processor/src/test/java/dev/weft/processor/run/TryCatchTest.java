package dev.weft.processor.run;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code try}/{@code catch}/{@code finally} with awaits in each part, nested tries,
 * try-with-resources, and failed stages caught as their own (checked) exception.
 */
class TryCatchTest {
  static final String TRIES =
      """
      package prog;

      import static dev.weft.Task.await;
      import static prog.Support.fails;
      import static prog.Support.log;
      import static prog.Support.s;

      import dev.weft.Task;
      import dev.weft.annotations.Async;
      import java.io.IOException;
      import java.util.concurrent.CompletionStage;
      import java.util.concurrent.TimeoutException;

      public class Tries {
        static final class Res implements AutoCloseable {
          final String name;
          final boolean failOnClose;

          Res(String name, boolean failOnClose) {
            this.name = name;
            this.failOnClose = failOnClose;
            log("open " + name);
          }

          Res(String name) {
            this(name, false);
          }

          @Override
          public void close() {
            log("close " + name);
            if (failOnClose) {
              throw new IllegalStateException("close " + name);
            }
          }
        }

        @Async
        public static Task<String> awaitInTry() {
          StringBuilder out = new StringBuilder();
          try {
            out.append(await(s("a")));
            if (out.length() > 0) {
              throw new IllegalStateException("b");
            }
            out.append("unreached");
          } catch (IllegalStateException e) {
            out.append(e.getMessage());
          }
          return Task.completed(out.toString());
        }

        @Async
        public static Task<String> awaitInCatch() {
          String out = "";
          try {
            out += "t";
            throw new RuntimeException("x");
          } catch (RuntimeException e) {
            out += await(s(e.getMessage())) + await(s("y")) + e.getMessage();
          }
          return Task.completed(out);
        }

        @Async
        public static Task<String> finallyAfterReturn() {
          try {
            return Task.completed(await(s("t")));
          } finally {
            log("finally " + await(s("f")));
          }
        }

        @Async
        public static Task<String> finallyOnThrow() {
          try {
            log("try " + await(s(0)));
            throw new IllegalStateException("boom");
          } finally {
            log("finally " + await(s("f")));
          }
        }

        @Async
        public static Task<String> nested() {
          StringBuilder out = new StringBuilder();
          try {
            try {
              await(s(1));
              throw new IllegalArgumentException("inner");
            } catch (IllegalArgumentException e) {
              out.append(await(s("c1:"))).append(e.getMessage());
              throw new IllegalStateException("outer", e);
            } finally {
              out.append(await(s(";f1")));
            }
          } catch (IllegalStateException e) {
            out.append(";c2:").append(await(s(e.getMessage()))).append(e.getCause().getMessage());
          } finally {
            out.append(await(s(";f2")));
          }
          return Task.completed(out.toString());
        }

        @Async
        public static Task<String> tryInLoop() {
          StringBuilder out = new StringBuilder();
          for (int i = 0; i < 4; i++) {
            try {
              if (await(s(i)) % 2 == 1) {
                throw new RuntimeException("r" + i);
              }
              out.append(i);
            } catch (RuntimeException e) {
              out.append(await(s(e.getMessage())));
              continue;
            } finally {
              out.append(await(s(".")));
            }
            out.append('|');
          }
          return Task.completed(out.toString());
        }

        @Async
        public static Task<String> caughtFailedStage(boolean fail) {
          try {
            CompletionStage<String> stage = fail ? fails(new IOException("disk")) : s("ok");
            return Task.completed(await(stage, IOException.class));
          } catch (IOException e) {
            return Task.completed("caught " + e.getMessage() + await(s("!")));
          }
        }

        @Async
        public static Task<String> caughtEachOfTwoCheckedTypes(CompletionStage<String> stage) {
          try {
            return Task.completed(await(stage, IOException.class, TimeoutException.class));
          } catch (IOException e) {
            return Task.completed("io " + e.getMessage() + await(s("!")));
          } catch (TimeoutException e) {
            return Task.completed("timeout " + e.getMessage() + await(s("!")));
          }
        }

        @Async
        public static Task<Object> caughtInstance(CompletionStage<String> stage) {
          try {
            String v = await(stage, IOException.class);
            return Task.completed("no failure: " + v);
          } catch (IOException e) {
            return Task.completed(e);
          }
        }

        @Async
        public static Task<String> uncaughtChecked(CompletionStage<String> stage) throws IOException {
          String first = await(s("first"));
          return Task.completed(first + await(stage, IOException.class));
        }

        @Async
        public static Task<String> multiCatch(int which) {
          try {
            if (which == 0) {
              await(fails(new IOException("io")), IOException.class);
            } else {
              await(fails(new IllegalStateException("state")));
            }
            return Task.completed("none");
          } catch (IOException | IllegalStateException e) {
            return Task.completed(e.getClass().getSimpleName() + ":" + await(s(e.getMessage())));
          }
        }

        @Async
        public static Task<String> withResources() {
          try (Res a = new Res(await(s("a"))); Res b = new Res("b")) {
            String v = await(s("body"));
            log(v);
            return Task.completed(a.name + b.name + v);
          }
        }

        @Async
        public static Task<String> withResourcesThrowing() throws IOException {
          try (Res a = new Res("a"); Res b = new Res("b", true)) {
            log(await(s("body")));
            throw new IOException("body failed");
          }
        }

        @Async
        public static Task<String> withResourcesCatchFinally() {
          try (Res r = new Res("r")) {
            await(s(0));
            throw new IOException("x");
          } catch (IOException e) {
            log("caught " + await(s(e.getMessage())));
          } finally {
            log("finally " + await(s(1)));
          }
          return Task.completed("done");
        }
      }
      """;

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void awaitInTry(Run run) {
    assertThat(run.load(TRIES).join("Tries", "awaitInTry")).isEqualTo("ab");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void awaitInCatchKeepsTheException(Run run) {
    assertThat(run.load(TRIES).join("Tries", "awaitInCatch")).isEqualTo("txyx");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void awaitInFinallyAfterReturn(Run run) {
    Program program = run.load(TRIES);
    assertThat(program.join("Tries", "finallyAfterReturn")).isEqualTo("t");
    assertThat(program.log()).containsExactly("finally f");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void awaitInFinallyOnThrowRethrowsAfterIt(Run run) {
    Program program = run.load(TRIES);
    Throwable failure = program.failure("Tries", "finallyOnThrow");
    assertThat(failure).isInstanceOf(IllegalStateException.class);
    assertThat(failure).hasMessageThat().isEqualTo("boom");
    assertThat(program.log()).containsExactly("try 0", "finally f").inOrder();
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void nestedTryCatchFinally(Run run) {
    assertThat(run.load(TRIES).join("Tries", "nested")).isEqualTo("c1:inner;f1;c2:outerinner;f2");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void tryCatchFinallyInLoopWithContinue(Run run) {
    assertThat(run.load(TRIES).join("Tries", "tryInLoop")).isEqualTo("0.|r1.2.|r3.");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void failedStageCaughtAsCheckedException(Run run) {
    Program program = run.load(TRIES);
    assertThat(program.join("Tries", "caughtFailedStage", true)).isEqualTo("caught disk!");
    assertThat(program.join("Tries", "caughtFailedStage", false)).isEqualTo("ok");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void awaitDeclaringTwoCheckedTypesThrowsEachToItsCatch(Run run) {
    Program program = run.load(TRIES);
    assertThat(program.join("Tries", "caughtEachOfTwoCheckedTypes",
            CompletableFuture.failedFuture(new IOException("disk"))))
        .isEqualTo("io disk!");
    CompletableFuture<String> later = new CompletableFuture<>();
    Object task = program.call("Tries", "caughtEachOfTwoCheckedTypes", later);
    later.completeExceptionally(new TimeoutException("late"));
    assertThat(Program.value(task)).isEqualTo("timeout late!");
    assertThat(program.join("Tries", "caughtEachOfTwoCheckedTypes", CompletableFuture.completedFuture("ok")))
        .isEqualTo("ok");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void caughtExceptionIsTheStagesCauseItself(Run run) {
    Program program = run.load(TRIES);
    IOException io = new IOException("same");
    assertThat(program.join("Tries", "caughtInstance", CompletableFuture.failedFuture(io)))
        .isSameInstanceAs(io);
    CompletableFuture<String> later = new CompletableFuture<>();
    Object task = program.call("Tries", "caughtInstance", later);
    later.completeExceptionally(io);
    assertThat(Program.value(task)).isSameInstanceAs(io);
    // a dependent stage holds a CompletionException around the cause: await unwraps it
    CompletableFuture<String> source = new CompletableFuture<>();
    task = program.call("Tries", "caughtInstance", source.thenApply(String::trim));
    source.completeExceptionally(io);
    assertThat(Program.value(task)).isSameInstanceAs(io);
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void wrappersAreUnwrappedAtTheAwait(Run run) {
    Program program = run.load(TRIES);
    IOException io = new IOException("wrapped");
    assertThat(program.join("Tries", "caughtInstance",
            CompletableFuture.failedFuture(new CompletionException(io))))
        .isSameInstanceAs(io);
    assertThat(program.join("Tries", "caughtInstance",
            CompletableFuture.failedFuture(new ExecutionException(io))))
        .isSameInstanceAs(io);
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void uncaughtCheckedExceptionFailsTheTaskAsIs(Run run) {
    Program program = run.load(TRIES);
    IOException io = new IOException("through");
    CompletableFuture<String> later = new CompletableFuture<>();
    Object task = program.call("Tries", "uncaughtChecked", later);
    later.completeExceptionally(io);
    assertThat(Program.failureOf(task)).isSameInstanceAs(io);
    assertThat(program.join("Tries", "uncaughtChecked", CompletableFuture.completedFuture("+")))
        .isEqualTo("first+");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void multiCatch(Run run) {
    Program program = run.load(TRIES);
    assertThat(program.join("Tries", "multiCatch", 0)).isEqualTo("IOException:io");
    assertThat(program.join("Tries", "multiCatch", 1)).isEqualTo("IllegalStateException:state");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void tryWithResourcesClosesEachResourceOnceAfterTheBody(Run run) {
    Program program = run.load(TRIES);
    assertThat(program.join("Tries", "withResources")).isEqualTo("abbody");
    assertThat(program.log())
        .containsExactly("open a", "open b", "body", "close b", "close a").inOrder();
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void tryWithResourcesAddsCloseFailureAsSuppressed(Run run) {
    Program program = run.load(TRIES);
    Throwable failure = program.failure("Tries", "withResourcesThrowing");
    assertThat(failure).isInstanceOf(IOException.class);
    assertThat(failure).hasMessageThat().isEqualTo("body failed");
    assertThat(failure.getSuppressed()).hasLength(1);
    assertThat(failure.getSuppressed()[0]).hasMessageThat().isEqualTo("close b");
    assertThat(program.log())
        .containsExactly("open a", "open b", "body", "close b", "close a").inOrder();
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void tryWithResourcesWithCatchAndFinally(Run run) {
    Program program = run.load(TRIES);
    assertThat(program.join("Tries", "withResourcesCatchFinally")).isEqualTo("done");
    assertThat(program.log())
        .isEqualTo(List.of("open r", "close r", "caught x", "finally 1"));
  }
}
