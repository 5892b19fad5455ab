package dev.weft.processor.run;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code @Async} methods that javac pairs with bridges (a generic interface, a covariant override),
 * overloads whose state machines would share a descriptor (an instance {@code m(int)} beside a
 * static {@code m(Members, int)}), and {@code await} reached through {@code Promise}.
 */
class GeneratedMembersTest {
  static final String MEMBERS =
      """
      package prog;

      import static dev.weft.Task.await;
      import static prog.Support.s;

      import dev.weft.Promise;
      import dev.weft.Task;
      import dev.weft.annotations.Async;
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.CompletionStage;
      import java.util.function.Supplier;

      public class Members {
        final int base = 10;

        static class J implements Supplier<Task<Integer>> {
          @Async
          public Task<Integer> get() {
            return Task.completed(await(s(1)) + await(s(40)));
          }
        }

        public static Task<Integer> supplier() {
          Supplier<Task<Integer>> supplier = new J();
          return supplier.get();
        }

        interface Source {
          CompletionStage<Integer> next();
        }

        static class C implements Source {
          @Async
          public Task<Integer> next() {
            return Task.completed(await(s(21)) * 2);
          }
        }

        public static CompletionStage<Integer> covariant() {
          Source source = new C();
          return source.next();
        }

        @Async
        Task<String> m(int a) {
          return Task.completed("i" + (await(s(base)) + a));
        }

        @Async
        static Task<String> m(Members o, int a) {
          return Task.completed("s" + (await(s(o.base)) + a));
        }

        @Async
        CompletableFuture<String> m(long a) {
          return CompletableFuture.completedFuture("c" + (await(s(base)) + a));
        }

        @Async
        static Task<String> m(Members o, long a) {
          return Task.completed("l" + (await(s(o.base)) + a));
        }

        @Async
        CompletionStage<String> m() {
          return s("n" + await(s(base)));
        }

        @Async
        static Task<String> m(Members o) {
          return Task.completed("o" + await(s(o.base)));
        }

        @Async
        static Task<String> overloads() {
          Members o = new Members();
          return Task.completed(await(o.m(1)) + await(m(o, 2)) + await(o.m(3L)) + await(m(o, 4L))
              + await(o.m()) + await(m(o)));
        }

        @Async
        static Task<Integer> throughPromise() {
          Promise<Integer> p = Task.promise();
          p.complete(41);
          return Task.completed(Promise.await(p) + Promise.await(s(1)));
        }
      }
      """;

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void bridgeOfAGenericInterfaceIsNotWoven(Run run) {
    assertThat(run.load(MEMBERS).join("Members", "supplier")).isEqualTo(41);
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void bridgeOfACovariantOverrideIsNotWoven(Run run) {
    assertThat(run.load(MEMBERS).join("Members", "covariant")).isEqualTo(42);
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void overloadsWhoseStateMachinesWouldShareADescriptor(Run run) {
    assertThat(run.load(MEMBERS).join("Members", "overloads")).isEqualTo("i11s12c13l14n10o10");
  }

  @ParameterizedTest
  @MethodSource(Run.ALL)
  void awaitReachedThroughPromise(Run run) {
    assertThat(run.load(MEMBERS).join("Members", "throughPromise")).isEqualTo(42);
  }
}
