package dev.weft.processor.run;

import static com.google.common.truth.Truth.assertThat;

import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A suspended coroutine says where it is: the file and line of the await it is suspended at, which
 * the weaver hands the runtime (woven format 4), in {@code Task.toString}, {@code
 * Coroutines.dump()} and {@code suspendedAt}, whichever mode wove it.
 */
class SuspendedAtTest {
  static final String ORDERS =
      """
      package prog;

      import static dev.weft.Task.await;

      import dev.weft.Task;
      import dev.weft.annotations.Async;
      import java.util.concurrent.CompletionStage;

      public class Orders {
        @Async
        public static Task<String> checkout(CompletionStage<String> gate) {
          String price = await(quote(gate)); // LINE:checkout
          return Task.completed("paid " + price);
        }

        @Async
        static Task<String> quote(CompletionStage<String> gate) {
          String price =
              await(fetch(gate)); // LINE:quote
          return Task.completed(price);
        }

        @Async
        static Task<String> fetch(CompletionStage<String> gate) {
          String currency = await(Task.completed("EUR"));
          String amount = await(gate); // LINE:fetch
          return Task.completed(amount + " " + currency);
        }
      }
      """;

  @ParameterizedTest
  @MethodSource(Run.MODES)
  void aSuspendedChainNamesTheFileAndLineOfEachAwait(Mode mode) throws Exception {
    Program program = new Run(mode, Timing.NOW).load(ORDERS);
    CompletableFuture<String> gate = new CompletableFuture<>();
    Object checkout = program.call("Orders", "checkout", gate);
    try {
      assertThat(checkout.toString()).matches(Pattern.quote("Orders.checkout@")
          + "\\p{XDigit}+" + Pattern.quote("[Incomplete, suspended at Orders.checkout (Orders.java:"
              + line("LINE:checkout") + "), await 1 awaiting Orders.quote@") + ".*");
      assertThat(checkout.toString()).contains(
          "suspended at Orders.quote (Orders.java:" + line("LINE:quote") + "), await 1 awaiting Orders.fetch@");
      assertThat(checkout.toString()).contains(
          "suspended at Orders.fetch (Orders.java:" + line("LINE:fetch") + "), await 2 awaiting java.util.concurrent.CompletableFuture@");
      assertThat(suspendedAt(checkout))
          .isEqualTo(new StackTraceElement("prog.Orders", "checkout", "Orders.java", line("LINE:checkout")));

      String dump = dump(program);
      Matcher chain = Pattern.compile(
          "\n( +)Orders.checkout \\(Orders.java:" + line("LINE:checkout") + "\\) at await 1, suspended \\d+ ms,"
              + " awaiting coroutine Orders.quote:\n"
              + "\\1  Orders.quote \\(Orders.java:" + line("LINE:quote") + "\\) at await 1, suspended \\d+ ms,"
              + " awaiting coroutine Orders.fetch:\n"
              + "\\1    Orders.fetch \\(Orders.java:" + line("LINE:fetch") + "\\) at await 2, suspended \\d+ ms,"
              + " awaiting a foreign stage, java.util.concurrent.CompletableFuture\n").matcher(dump);
      assertThat(chain.find()).isTrue();
    } finally {
      gate.complete("12");
    }
    assertThat(Program.value(checkout)).isEqualTo("paid 12 EUR");
  }

  /** {@code Coroutines.dump()} of the runtime the program runs on. */
  private static String dump(Program program) throws Exception {
    return (String) program.type("dev.weft.Coroutines").getMethod("dump").invoke(null);
  }

  /** {@code Continuation.suspendedAt()} of {@code task}. */
  private static StackTraceElement suspendedAt(Object task) throws Exception {
    Method m = Class.forName("dev.weft.Continuation", false, task.getClass().getClassLoader())
        .getDeclaredMethod("suspendedAt");
    m.setAccessible(true);
    return (StackTraceElement) m.invoke(task);
  }

  /** The 1-based line of {@link #ORDERS} that holds {@code marker}. */
  static int line(String marker) {
    String[] lines = ORDERS.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(marker)) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException(marker);
  }
}
