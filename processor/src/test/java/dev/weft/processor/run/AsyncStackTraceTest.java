package dev.weft.processor.run;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A failure that crosses awaits carries the {@code @Async} callers waiting for it (README, "Async
 * stack traces"): the failing method in its own frames, then one suppressed {@code
 * dev.weft.AsyncStackTrace} whose frames are the awaiting methods, innermost first.
 */
class AsyncStackTraceTest {
  static final String SHOP =
      """
      package prog;

      import static dev.weft.Task.await;

      import dev.weft.Task;
      import dev.weft.annotations.Async;
      import java.time.Duration;
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.CompletionStage;

      public class Shop {
        @Async
        public static Task<Integer> handle(CompletionStage<Integer> stock) {
          int total = await(checkout(stock)); // LINE:handle
          return Task.completed(total + 1);
        }

        @Async
        static Task<Integer> checkout(CompletionStage<Integer> stock) {
          int price = await(priceOf(stock)); // LINE:checkout
          return Task.completed(price * 2);
        }

        @Async
        static Task<Integer> priceOf(CompletionStage<Integer> stock) {
          int left = await(stock);
          if (left == 0) {
            throw new IllegalStateException("out of stock"); // LINE:throw
          }
          return Task.completed(left);
        }

        @Async
        public static Task<Integer> handleWithTimeout(CompletionStage<Integer> stock) {
          int total = await(checkout(stock).withTimeout(Duration.ofMinutes(1))); // LINE:timeout
          return Task.completed(total);
        }

        @Async
        public static Task<String> page(CompletableFuture<String> response) {
          String body = await(fetch(response)); // LINE:page
          return Task.completed(body.trim());
        }

        @Async
        static Task<String> fetch(CompletableFuture<String> response) {
          return Task.completed(await(response)); // LINE:fetch
        }
      }
      """;

  private static final String TRACE = "dev.weft.AsyncStackTrace";

  @ParameterizedTest
  @MethodSource(Run.MODES)
  void aFailureThreeAwaitsDeepNamesAllThreeMethodsInOrder(Mode mode) {
    Program program = new Run(mode, Timing.NOW).load(SHOP);
    CompletableFuture<Integer> stock = new CompletableFuture<>();
    Object task = program.call("Shop", "handle", stock);
    stock.complete(0);

    Throwable failure = Program.failureOf(task);
    assertThat(failure).hasMessageThat().isEqualTo("out of stock");
    assertThat(ownMethods(failure)).containsExactly("priceOf");
    assertAt(failure.getStackTrace()[0], "priceOf", "LINE:throw");
    StackTraceElement[] trace = onlyTrace(failure).getStackTrace();
    assertThat(methods(trace)).containsExactly("checkout", "handle").inOrder();
    assertAwaitAt(trace[0], "checkout", "LINE:checkout");
    assertAwaitAt(trace[1], "handle", "LINE:handle");
  }

  @ParameterizedTest
  @MethodSource(Run.MODES)
  void aForeignFutureFailingOnItsOwnThreadGainsBothAwaitingMethods(Mode mode) throws Exception {
    Program program = new Run(mode, Timing.NOW).load(SHOP);
    CompletableFuture<String> response = new CompletableFuture<>();
    Object task = program.call("Shop", "page", response);
    Thread client = new Thread(() -> response.completeExceptionally(new IOException("reset")));
    client.start(); // as an HTTP client's selector thread: no frame of the program on its stack
    client.join();

    Throwable failure = Program.failureOf(task);
    assertThat(failure).isInstanceOf(IOException.class);
    assertThat(ownMethods(failure)).isEmpty();
    StackTraceElement[] trace = onlyTrace(failure).getStackTrace();
    assertThat(methods(trace)).containsExactly("fetch", "page").inOrder();
    assertAwaitAt(trace[0], "fetch", "LINE:fetch");
    assertAwaitAt(trace[1], "page", "LINE:page");
  }

  @ParameterizedTest
  @MethodSource(Run.MODES)
  void aChainBrokenByATimeoutIsContinuedInTheSameTrace(Mode mode) {
    Program program = new Run(mode, Timing.NOW).load(SHOP);
    CompletableFuture<Integer> stock = new CompletableFuture<>();
    Object task = program.call("Shop", "handleWithTimeout", stock);
    stock.complete(0);

    Throwable failure = Program.failureOf(task);
    assertThat(failure).hasMessageThat().isEqualTo("out of stock");
    StackTraceElement[] trace = onlyTrace(failure).getStackTrace();
    assertThat(methods(trace)).containsExactly("checkout", "handleWithTimeout").inOrder();
  }

  /**
   * An await that finds its stage already failed does not suspend, so no coroutine waits yet: the
   * awaiting methods are still on the thread's own stack, and the trace is taken from there.
   */
  @ParameterizedTest
  @MethodSource(Run.MODES)
  void aFailureAlreadyThereWhenAwaitedNamesTheAwaitingMethodsFromTheStack(Mode mode) {
    Program program = new Run(mode, Timing.NOW).load(SHOP);
    CompletableFuture<Integer> stock = new CompletableFuture<>();
    stock.complete(0); // priceOf fails before checkout awaits it; nothing suspends

    Throwable failure = Program.failureOf(program.call("Shop", "handle", stock));
    assertThat(failure).hasMessageThat().isEqualTo("out of stock");
    StackTraceElement[] trace = onlyTrace(failure).getStackTrace();
    assertThat(methods(trace)).containsExactly("checkout", "handle").inOrder();
    assertAt(trace[0], "checkout", "LINE:checkout");
    assertAt(trace[1], "handle", "LINE:handle");
  }

  @ParameterizedTest
  @MethodSource(Run.MODES)
  void aCancellationCrossingAwaitsCarriesNoTrace(Mode mode) {
    Program program = new Run(mode, Timing.NOW).load(SHOP);
    CompletableFuture<Integer> stock = new CompletableFuture<>();
    Object task = program.call("Shop", "handle", stock);
    stock.cancel(false);

    Throwable failure = Program.failureOf(task);
    assertThat(failure).isInstanceOf(CancellationException.class);
    assertThat(failure.getSuppressed()).isEmpty();
  }

  /** The only suppressed exception of {@code failure}, which must be the async stack trace. */
  private static Throwable onlyTrace(Throwable failure) {
    Throwable[] suppressed = failure.getSuppressed();
    assertWithMessage("suppressed exceptions of %s", failure).that(suppressed).hasLength(1);
    assertThat(suppressed[0].getClass().getName()).isEqualTo(TRACE);
    assertThat(suppressed[0]).hasMessageThat().isEqualTo("awaited by");
    return suppressed[0];
  }

  /** The methods of {@code prog.Shop} in the failure's own frames, resume bridges left out. */
  private static List<String> ownMethods(Throwable failure) {
    List<String> names = new ArrayList<>();
    for (String name : methods(failure.getStackTrace())) {
      if (!name.contains("$weft$")) {
        names.add(name);
      }
    }
    return names;
  }

  /** The methods of {@code prog.Shop} among {@code frames}, in order. */
  private static List<String> methods(StackTraceElement[] frames) {
    List<String> names = new ArrayList<>();
    for (StackTraceElement e : frames) {
      if (e.getClassName().equals("prog.Shop")) {
        names.add(e.getMethodName());
      }
    }
    return names;
  }

  private static void assertAt(StackTraceElement frame, String method, String marker) {
    assertThat(frame.getClassName()).isEqualTo("prog.Shop");
    assertThat(frame.getMethodName()).isEqualTo(method);
    assertThat(frame.getFileName()).isEqualTo("Shop.java");
    assertThat(frame.getLineNumber()).isEqualTo(line(marker));
  }

  /**
   * A trace frame: its method, and, when the woven class records where its awaits are, the file
   * and the line of the await it was suspended at (no file and line -1 when it does not).
   */
  private static void assertAwaitAt(StackTraceElement frame, String method, String marker) {
    assertThat(frame.getClassName()).isEqualTo("prog.Shop");
    assertThat(frame.getMethodName()).isEqualTo(method);
    if (frame.getFileName() == null) {
      assertThat(frame.getLineNumber()).isLessThan(0);
    } else {
      assertThat(frame.getFileName()).isEqualTo("Shop.java");
      assertThat(frame.getLineNumber()).isEqualTo(line(marker));
    }
  }

  /** The 1-based line of {@link #SHOP} that holds {@code marker}. */
  private static int line(String marker) {
    String[] lines = SHOP.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(marker)) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException(marker);
  }
}
