package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@link AsyncStackTrace} a failure gains as awaits rethrow it, over chains of {@link
 * HandWoven#next} (each awaits the one before it and adds 1).
 */
class AsyncStackTraceTest {
  private static final String NEXT = "dev.weft.HandWoven.next";

  @Test
  void aFailureRethrownAfterASuspensionNamesEveryWaitingCoroutineInnermostFirst() throws Exception {
    Promise<Integer> root = Task.promise();
    Task<Integer> last = chain(root, 3);
    IOException failure = new IOException("connection reset");
    root.fail(failure);

    Throwable seen = failureOf(last);
    assertSame(failure, seen);
    assertEquals(List.of(NEXT, NEXT, NEXT), methods(onlyTrace(seen)));
  }

  @Test
  void aFailureCrossingSeveralAwaitsCarriesOneTrace() throws Exception {
    Promise<Integer> root = Task.promise();
    Task<Integer> last = chain(root, 5);
    root.fail(new IOException("once"));

    Throwable seen = failureOf(last);
    assertEquals(1, seen.getSuppressed().length, "one trace, not one per await");
    assertEquals(5, onlyTrace(seen).getStackTrace().length, "each coroutine named once");
  }

  @Test
  void aChainDeeperThanTheCapIsCutThereAndSaysSo() throws Exception {
    int depth = AsyncStackTrace.MAX_FRAMES + 100;
    Promise<Integer> root = Task.promise();
    Task<Integer> last = chain(root, depth);
    root.fail(new IOException("deep"));

    AsyncStackTrace trace = onlyTrace(failureOf(last));
    assertEquals(AsyncStackTrace.MAX_FRAMES, trace.getStackTrace().length);
    assertEquals("awaited by (the first " + AsyncStackTrace.MAX_FRAMES + ")", trace.getMessage());
  }

  @Test
  void twoChainsAwaitingOneFailedTaskAreBothNamedInOneTrace() throws Exception {
    Promise<Integer> root = Task.promise();
    Task<Integer> left = chain(root, 2);
    Task<Integer> right = chain(root, 1);
    root.fail(new IOException("shared"));

    Throwable seen = failureOf(left);
    assertSame(seen, failureOf(right));
    assertEquals(List.of(NEXT, NEXT, NEXT), methods(onlyTrace(seen)));
  }

  @Test
  void aCancellationGetsNoTrace() throws Exception {
    Promise<Integer> root = Task.promise();
    Task<Integer> first = HandWoven.next(root);
    Task<Integer> last = chain(first, 2);
    first.cancel(false);

    Throwable seen = failureOf(last);
    assertInstanceOf(CancellationException.class, seen);
    assertEquals(0, seen.getSuppressed().length);
  }

  @Test
  void aFailureThatRefusesSuppressedExceptionsGoesOnWithout() throws Exception {
    Promise<Integer> root = Task.promise();
    Task<Integer> last = chain(root, 2);
    Exception refusing = new Exception("refuses", null, false, false) {};
    root.fail(refusing);

    Throwable seen = failureOf(last);
    assertSame(refusing, seen);
    assertEquals(0, seen.getSuppressed().length);
  }

  @Test
  void aChainAcrossTwoLoopsIsNamedWhole() throws Exception {
    try (EventLoop a = new EventLoop(); EventLoop b = new EventLoop()) {
      Promise<Integer> root = Task.promise();
      Task<Integer> inner = onLoop(a, () -> HandWoven.next(root));
      Task<Integer> outer = onLoop(b, () -> chain(inner, 2));
      root.fail(new IOException("across"));

      assertEquals(List.of(NEXT, NEXT, NEXT), methods(onlyTrace(failureOf(outer))));
    }
  }

  @Test
  void aWaiterThatCannotSayWhereItIsGetsAPlaceholderFrame() throws Exception {
    Promise<Integer> root = Task.promise();
    Task<Integer> first = HandWoven.next(root);
    Misbehaving waiter = new Misbehaving(first, false);
    Continuation.addWaiterTo(first, waiter);
    IOException failure = new IOException("kept");
    root.fail(failure);

    assertSame(failure, failureOf(first));
    assertEquals(List.of(NEXT, Misbehaving.class.getName() + ".<unknown>"),
        methods(onlyTrace(failure)));
  }

  @Test
  void aBrokenLinkEndsTheTraceAndTheFailureGoesOn() throws Exception {
    Promise<Integer> root = Task.promise();
    Task<Integer> first = HandWoven.next(root);
    Continuation.addWaiterTo(first, new Misbehaving(first, true));
    IOException failure = new IOException("kept");
    root.fail(failure);

    assertSame(failure, failureOf(first));
    assertEquals(List.of(NEXT), methods(onlyTrace(failure)));
  }

  /** A waiter whose {@code suspendedAt} throws, and, when {@code broken}, its {@code awaited}. */
  private static final class Misbehaving extends Continuation<Object> {
    private final Object awaited;
    private final boolean broken;

    Misbehaving(Object awaited, boolean broken) {
      this.awaited = awaited;
      this.broken = broken;
    }

    @Override
    protected void awaitedCompleted(Object stage, Object raw) {}

    @Override
    protected Object awaited() {
      if (broken) {
        throw new IllegalStateException("broken link");
      }
      return awaited;
    }

    @Override
    protected int awaitNumber() {
      return 1;
    }

    @Override
    protected boolean returning() {
      return false;
    }

    @Override
    protected StackTraceElement suspendedAt() {
      throw new IllegalStateException("no metadata");
    }
  }

  private static <T> T onLoop(EventLoop loop, java.util.concurrent.Callable<T> work)
      throws Exception {
    java.util.concurrent.CompletableFuture<T> made = new java.util.concurrent.CompletableFuture<>();
    loop.execute(() -> {
      try {
        made.complete(work.call());
      } catch (Exception e) {
        made.completeExceptionally(e);
      }
    });
    return made.get(30, TimeUnit.SECONDS);
  }

  @Test
  void turnedOffByTheSystemPropertyNoTraceIsAdded() throws Exception {
    assertEquals("suppressed: 0", runChild("-D" + AsyncStackTrace.ENABLED_PROPERTY + "=false"));
    assertEquals("suppressed: 1", runChild("-D" + AsyncStackTrace.ENABLED_PROPERTY + "=true"));
  }

  /** A program failing a chain of three in a child JVM, printing how many suppressed it has. */
  public static final class Child {
    private Child() {}

    public static void main(String[] args) throws Exception {
      Promise<Integer> root = Task.promise();
      Task<Integer> last = chain(root, 3);
      root.fail(new IOException("child"));
      System.out.println("suppressed: " + failureOf(last).getSuppressed().length);
      System.exit(0);
    }
  }

  private static String runChild(String property) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = "target/classes" + File.pathSeparator + "target/test-classes";
    Process child = new ProcessBuilder(java, property, "-cp", cp, Child.class.getName())
        .redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child exits");
    return output.trim();
  }

  /** {@code depth} coroutines, each awaiting the one before, the first awaiting {@code root}. */
  static Task<Integer> chain(Task<Integer> root, int depth) {
    Task<Integer> last = root;
    for (int i = 0; i < depth; i++) {
      last = HandWoven.next(last);
    }
    return last;
  }

  static Throwable failureOf(Task<?> task) throws Exception {
    try {
      task.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (CancellationException e) {
      return e;
    }
    throw new AssertionError("expected a failure: " + task);
  }

  private static AsyncStackTrace onlyTrace(Throwable failure) {
    Throwable[] suppressed = failure.getSuppressed();
    assertEquals(1, suppressed.length, () -> "suppressed: " + List.of(suppressed));
    return assertInstanceOf(AsyncStackTrace.class, suppressed[0]);
  }

  private static List<String> methods(Throwable trace) {
    List<String> names = new ArrayList<>();
    for (StackTraceElement e : trace.getStackTrace()) {
      names.add(e.getClassName() + "." + e.getMethodName());
    }
    return names;
  }
}
