package test;

import java.io.IOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import javax.annotation.processing.Generated;

@Generated("dev.weft.processor.WeftProcessor")
final class OrdersBlocking {
  private final Orders delegate;

  OrdersBlocking(Orders delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  public String checkout(String cart) throws IOException {
    try {
      return joinStage(this.delegate.checkout(cart), "Orders.checkout");
    } catch (Throwable e) {
      if (e instanceof IOException) {
        throw (IOException) e;
      }
      throw uncheckedFailure(e, "Orders.checkout");
    }
  }

  public void cancel(long id) {
    try {
      joinStage(this.delegate.cancel(id), "Orders.cancel");
    } catch (Throwable e) {
      throw uncheckedFailure(e, "Orders.cancel");
    }
  }

  public Number total() throws Exception {
    try {
      return joinStage(this.delegate.total(), "Orders.total");
    } catch (Throwable e) {
      if (e instanceof Exception) {
        throw (Exception) e;
      }
      throw uncheckedFailure(e, "Orders.total");
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T joinStage(CompletionStage<T> stage, String method) throws Throwable {
    Objects.requireNonNull(stage, () -> method + " returned null instead of a stage");
    Future<T> future = stage instanceof Future ? (Future<T>) stage : stage.toCompletableFuture();
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e;
      while ((cause instanceof ExecutionException || cause instanceof CompletionException)
          && cause.getCause() != null) {
        cause = cause.getCause();
      }
      throw cause;
    }
  }

  private static RuntimeException uncheckedFailure(Throwable e, String method) {
    if (e instanceof RuntimeException) {
      return (RuntimeException) e;
    }
    if (e instanceof Error) {
      throw (Error) e;
    }
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      CancellationException cancelled =
          new CancellationException("interrupted while waiting for " + method + ", which was cancelled");
      cancelled.initCause(e);
      return cancelled;
    }
    return new UndeclaredThrowableException(
        e, method + " failed with a checked exception it does not declare: " + e);
  }
}
