package dev.weft.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.Compiler.javac;
import static dev.weft.processor.FacadeSources.source;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.io.ByteStreams;
import com.google.testing.compile.Compilation;
import dev.weft.Promise;
import dev.weft.Task;
import dev.weft.weaver.ByteLoader;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.UndeclaredThrowableException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generated facades compiled (and the {@code @Async} caller woven) by the processor, loaded and run
 * on the real runtime; the wrapped implementations are {@link Proxy} instances driven by the test.
 */
class FacadeRunTest {
  private static final long WAIT_SECONDS = 30;
  private static ByteLoader loader;

  @BeforeAll
  static void compileProgram() {
    JavaFileObject dao =
        source(
            "Dao",
            "@Offload",
            "public interface Dao {",
            "  String find(int id) throws java.sql.SQLException;",
            "  void hold() throws InterruptedException;",
            "}");
    JavaFileObject caller =
        source(
            "Caller",
            "public class Caller {",
            "  @Async public static Task<String> lookup(DaoOffload dao, int id) {",
            "    try {",
            "      return Task.completed(Task.await(dao.find(id), java.sql.SQLException.class));",
            "    } catch (java.sql.SQLException e) {",
            "      return Task.completed(\"caught \" + e.getMessage());",
            "    }",
            "  }",
            "}");
    JavaFileObject orders =
        source(
            "Orders",
            "@BlockingFacade",
            "public interface Orders {",
            "  Task<String> checkout(String cart) throws IOException;",
            "  CompletableFuture<Integer> count();",
            "  CompletionStage<Void> await() throws InterruptedException;",
            "}");
    Compilation compilation = javac().withProcessors(new WeftProcessor()).compile(dao, caller, orders);
    assertWithMessage("%s", compilation.diagnostics())
        .that(compilation.status())
        .isEqualTo(Compilation.Status.SUCCESS);
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        String name = file.getName();
        String binary = name.substring(name.indexOf("test/"), name.length() - ".class".length());
        classes.put(binary, read(file));
      }
    }
    loader = new ByteLoader(classes);
  }

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  // ---- @Offload ----

  @Test
  void offloadRunsTheCallOnTheBlockingPool() throws Throwable {
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    Object facade = offload((method, args) -> {
      ranOn.set(Thread.currentThread());
      return "row" + args[0];
    });
    Task<?> task = (Task<?>) call(facade, "find", 7);
    assertThat(task.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("row7");
    assertThat(ranOn.get().getName()).startsWith("weft-blocking-");
  }

  @Test
  void offloadFailsTheTaskWithTheCheckedExceptionAsThrown() throws Throwable {
    SQLException thrown = new SQLException("no row 7");
    Object facade = offload((method, args) -> {
      throw thrown;
    });
    Task<?> task = (Task<?>) call(facade, "find", 7);
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> task.get(WAIT_SECONDS, TimeUnit.SECONDS));
    assertThat(e).hasCauseThat().isSameInstanceAs(thrown);
  }

  @Test
  void anAsyncCallerCatchesTheCheckedExceptionAtItsAwait() throws Throwable {
    Object facade = offload((method, args) -> {
      throw new SQLException("no row " + args[0]);
    });
    Method lookup = type("test.Caller").getMethod("lookup", type("test.DaoOffload"), int.class);
    Task<?> task = (Task<?>) lookup.invoke(null, facade, 3);
    assertThat(task.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("caught no row 3");
  }

  @Test
  void cancellingAnOffloadedCallInterruptsIt() throws Throwable {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    Object facade = offload((method, args) -> {
      started.countDown();
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        interrupted.countDown();
        throw e;
      }
      return null;
    });
    Task<?> task = (Task<?>) call(facade, "hold");
    assertThat(started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(task.cancel(true)).isTrue();
    assertThat(interrupted.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(task.isCancelled()).isTrue();
  }

  // ---- @BlockingFacade ----

  @Test
  void blockingFacadeReturnsTheValueOfEachKindOfStage() throws Throwable {
    Promise<String> later = Task.promise();
    Object facade = blocking((method, args) -> {
      if (method.getName().equals("checkout")) {
        new Thread(() -> later.complete("receipt for " + args[0])).start();
        return later;
      }
      return CompletableFuture.completedFuture(42);
    });
    assertThat(call(facade, "checkout", "cart")).isEqualTo("receipt for cart");
    assertThat(call(facade, "count")).isEqualTo(42);
  }

  @Test
  void aDeclaredCheckedFailureIsRethrownAsItIs() {
    IOException failure = new IOException("declined");
    Object facade = blocking((method, args) -> Task.failed(failure));
    assertThat(thrownBy(facade, "checkout", "cart")).isSameInstanceAs(failure);
  }

  @Test
  void anUndeclaredCheckedFailureIsWrappedAndUncheckedOnesAreUnwrapped() {
    IOException undeclared = new IOException("disk");
    Object failing = blocking((method, args) -> CompletableFuture.failedFuture(undeclared));
    Throwable wrapped = thrownBy(failing, "count");
    assertThat(wrapped).isInstanceOf(UndeclaredThrowableException.class);
    assertThat(wrapped).hasCauseThat().isSameInstanceAs(undeclared);
    assertThat(wrapped).hasMessageThat().contains("Orders.count");

    IllegalStateException unchecked = new IllegalStateException("closed");
    Object wrapping =
        blocking(
            (method, args) ->
                CompletableFuture.failedFuture(new CompletionException(unchecked)));
    assertThat(thrownBy(wrapping, "count")).isSameInstanceAs(unchecked);
  }

  @Test
  void aCancelledStageThrowsCancellationException() {
    Promise<Integer> cancelled = Task.promise();
    cancelled.cancel(true);
    Object facade = blocking((method, args) -> cancelled.toCompletableFuture());
    assertThat(thrownBy(facade, "count")).isInstanceOf(CancellationException.class);
  }

  @Test
  void interruptedWhileWaitingCancelsTheStage() {
    Promise<String> never = Task.promise();
    Object facade = blocking((method, args) -> never);
    Thread.currentThread().interrupt();
    Throwable thrown = thrownBy(facade, "checkout", "cart");
    assertThat(thrown).isInstanceOf(CancellationException.class);
    assertThat(thrown).hasCauseThat().isInstanceOf(InterruptedException.class);
    assertThat(thrown).hasMessageThat().contains("Orders.checkout");
    assertThat(Thread.interrupted()).isTrue();
    assertThat(never.isCancelled()).isTrue();
  }

  @Test
  void interruptedWhileWaitingThrowsInterruptedExceptionWhereDeclared() {
    CompletableFuture<Void> never = new CompletableFuture<>();
    Object facade = blocking((method, args) -> never);
    Thread.currentThread().interrupt();
    assertThat(thrownBy(facade, "await")).isInstanceOf(InterruptedException.class);
    assertThat(never.isCancelled()).isTrue();
  }

  // ---- helpers ----

  private interface Handler {
    Object handle(Method method, Object[] args) throws Throwable;
  }

  private static Object offload(Handler dao) throws Exception {
    return facade("test.Dao", "test.DaoOffload", dao);
  }

  private static Object blocking(Handler orders) {
    try {
      return facade("test.Orders", "test.OrdersBlocking", orders);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Object facade(String interfaceName, String facadeName, Handler handler)
      throws Exception {
    Class<?> type = type(interfaceName);
    InvocationHandler invocation = (proxy, method, args) -> handler.handle(method, args);
    Object impl = Proxy.newProxyInstance(loader, new Class<?>[] {type}, invocation);
    return type(facadeName).getConstructor(type).newInstance(impl);
  }

  private static Class<?> type(String name) throws ClassNotFoundException {
    return Class.forName(name, true, loader);
  }

  private static Object call(Object receiver, String name, Object... args) throws Throwable {
    for (Method method : receiver.getClass().getMethods()) {
      if (method.getName().equals(name)) {
        try {
          return method.invoke(receiver, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      }
    }
    throw new AssertionError("no method " + name + " on " + receiver.getClass());
  }

  private static Throwable thrownBy(Object receiver, String name, Object... args) {
    try {
      Object result = call(receiver, name, args);
      throw new AssertionError(name + " returned " + result + " instead of throwing");
    } catch (AssertionError e) {
      throw e;
    } catch (Throwable t) {
      return t;
    }
  }

  private static byte[] read(JavaFileObject file) {
    try (InputStream in = file.openInputStream()) {
      return ByteStreams.toByteArray(in);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
