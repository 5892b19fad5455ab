package dev.weft.processor.run;

/**
 * The source of {@code prog.Support}, compiled with every program. It gives programs their stages
 * ({@code s(v)} follows the run's {@link Timing}) and the harness a way to make and complete
 * promises without this test code linking against the runtime's types.
 */
final class SupportSource {
  static final String SUPPORT =
      """
      package prog;

      import dev.weft.Promise;
      import dev.weft.Task;
      import java.util.ArrayList;
      import java.util.Collections;
      import java.util.List;
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.Executor;
      import java.util.concurrent.TimeUnit;
      import java.util.concurrent.atomic.AtomicInteger;

      public final class Support {
        /** NOW, LATER or MIXED: set by the harness before the program runs. */
        public static volatile String timing = "NOW";
        public static final List<Thread> STEPS = Collections.synchronizedList(new ArrayList<>());
        public static final List<String> LOG = Collections.synchronizedList(new ArrayList<>());
        private static final AtomicInteger CALLS = new AtomicInteger();
        private static final Executor SOON =
            CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS);

        private Support() {}

        /** A stage of {@code value}: complete now, or later, as the run's timing says. */
        public static <T> Task<T> s(T value) {
          return suspends() ? later(value) : Task.completed(value);
        }

        /** A stage failed with {@code cause}: failed now, or later, as the run's timing says. */
        public static <T> Task<T> fails(Throwable cause) {
          return suspends() ? laterFailed(cause) : Task.failed(cause);
        }

        private static boolean suspends() {
          switch (timing) {
            case "LATER": return true;
            case "MIXED": return CALLS.getAndIncrement() % 2 == 0;
            default: return false;
          }
        }

        public static <T> Task<T> later(T value) {
          Promise<T> p = Task.promise();
          SOON.execute(() -> p.complete(value));
          return p;
        }

        public static <T> Task<T> laterFailed(Throwable cause) {
          Promise<T> p = Task.promise();
          SOON.execute(() -> p.fail(cause));
          return p;
        }

        public static <T> Promise<T> promise() {
          return Task.promise();
        }

        @SuppressWarnings("unchecked")
        public static boolean complete(Object promise, Object value) {
          return ((Promise<Object>) promise).complete(value);
        }

        public static boolean fail(Object promise, Throwable cause) {
          return ((Promise<?>) promise).fail(cause);
        }

        /** Records the thread this step of a coroutine runs on. */
        public static void step() {
          STEPS.add(Thread.currentThread());
        }

        public static void log(String event) {
          LOG.add(event);
        }
      }
      """;

  private SupportSource() {}
}
