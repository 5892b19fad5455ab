package dev.weft.processor.run;

import dev.weft.weaver.ByteLoader;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A woven program loaded in a fresh {@link ByteLoader}. Calls its static methods by name and joins
 * the stages they return, through JDK types only ({@code Future}, {@code CompletionStage}): this
 * test code does not link against the runtime; {@code prog.Support} does that for it.
 */
final class Program {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final ByteLoader loader;

  Program(Map<String, byte[]> classes, Timing timing) {
    loader = new ByteLoader(classes);
    for (String name : classes.keySet()) {
      // getDeclaredMethods links the class, so the JVM verifies it now, not at first use
      type(name.replace('/', '.')).getDeclaredMethods();
    }
    setStatic("Support", "timing", timing.name());
  }

  /** A program class: a simple name means one in package {@code prog}. */
  Class<?> type(String name) {
    try {
      return Class.forName(name.contains(".") ? name : "prog." + name, false, loader);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  /** Calls a static method; a throw to the caller is a test failure (semantics 2). */
  Object call(String className, String method, Object... args) {
    return invoke(type(className), null, method, args);
  }

  /** Calls an instance method of {@code receiver}. */
  Object callOn(Object receiver, String method, Object... args) {
    return invoke(receiver.getClass(), receiver, method, args);
  }

  /** Calls a static method and joins the stage it returns. */
  Object join(String className, String method, Object... args) {
    return value(call(className, method, args));
  }

  /** Calls a static method and returns the failure of the stage it returns. */
  Throwable failure(String className, String method, Object... args) {
    return failureOf(call(className, method, args));
  }

  /** Calls a static method, expecting it to throw to its caller; returns what it threw. */
  Throwable thrown(String className, String method, Object... args) {
    try {
      Object result = call(className, method, args);
      throw new AssertionError(className + "." + method + " returned " + result + ", no throw");
    } catch (ThrewToCaller e) {
      return e.getCause();
    }
  }

  Object promise() {
    return call("Support", "promise");
  }

  boolean complete(Object promise, Object value) {
    return (Boolean) call("Support", "complete", promise, value);
  }

  boolean fail(Object promise, Throwable cause) {
    return (Boolean) call("Support", "fail", promise, cause);
  }

  /** The threads recorded by {@code Support.step()}, in order. */
  @SuppressWarnings("unchecked")
  List<Thread> steps() {
    List<Thread> steps = (List<Thread>) getStatic("Support", "STEPS");
    synchronized (steps) {
      return new ArrayList<>(steps);
    }
  }

  /** The events recorded by {@code Support.log(...)}, in order. */
  @SuppressWarnings("unchecked")
  List<String> log() {
    List<String> log = (List<String>) getStatic("Support", "LOG");
    synchronized (log) {
      return new ArrayList<>(log);
    }
  }

  Object getStatic(String className, String field) {
    try {
      return field(className, field).get(null);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  void setStatic(String className, String field, Object value) {
    try {
      field(className, field).set(null, value);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  private Field field(String className, String name) {
    try {
      Field field = type(className).getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new AssertionError(e);
    }
  }

  /** The value of a stage, waiting at most {@link #TIMEOUT}. */
  static Object value(Object stage) {
    return value(stage, TIMEOUT);
  }

  static Object value(Object stage, Duration timeout) {
    try {
      return future(stage).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("the task failed: " + e.getCause(), e.getCause());
    } catch (CancellationException e) {
      throw new AssertionError("the task was cancelled", e);
    } catch (TimeoutException e) {
      throw new AssertionError("the task is not complete after " + timeout + ": " + stage, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The failure of a stage (the cause, unwrapped from {@code ExecutionException} only). */
  static Throwable failureOf(Object stage) {
    Object value;
    try {
      value = future(stage).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (CancellationException e) {
      return e;
    } catch (TimeoutException e) {
      throw new AssertionError("the task is not complete after " + TIMEOUT + ": " + stage, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    throw new AssertionError("expected the task to fail, but it completed with " + value);
  }

  static boolean isDone(Object stage) {
    return future(stage).isDone();
  }

  static Future<?> future(Object stage) {
    if (stage instanceof Future<?> future) {
      return future;
    }
    if (stage instanceof CompletionStage<?> completionStage) {
      CompletableFuture<Object> bridge = new CompletableFuture<>();
      completionStage.whenComplete((v, t) -> {
        if (t != null) {
          bridge.completeExceptionally(t);
        } else {
          bridge.complete(v);
        }
      });
      return bridge;
    }
    throw new AssertionError("not a stage: " + stage);
  }

  private static Object invoke(Class<?> type, Object receiver, String name, Object... args) {
    Method method = find(type, name, args);
    method.setAccessible(true);
    try {
      return method.invoke(receiver, args);
    } catch (InvocationTargetException e) {
      throw new ThrewToCaller(type.getName() + "." + name, e.getCause());
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  private static Method find(Class<?> type, String name, Object[] args) {
    List<Method> candidates = new ArrayList<>();
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Method m : c.getDeclaredMethods()) {
        if (m.getName().equals(name) && !m.isSynthetic() && accepts(m.getParameterTypes(), args)) {
          candidates.add(m);
        }
      }
      if (!candidates.isEmpty()) {
        break;
      }
    }
    if (candidates.size() != 1) {
      throw new AssertionError(
          candidates.size() + " methods " + type.getName() + "." + name + " take "
              + Arrays.toString(args) + ": " + candidates);
    }
    return candidates.get(0);
  }

  private static boolean accepts(Class<?>[] parameters, Object[] args) {
    if (parameters.length != args.length) {
      return false;
    }
    for (int i = 0; i < args.length; i++) {
      Class<?> p = parameters[i].isPrimitive() ? box(parameters[i]) : parameters[i];
      if (args[i] == null ? parameters[i].isPrimitive() : !p.isInstance(args[i])) {
        return false;
      }
    }
    return true;
  }

  private static Class<?> box(Class<?> primitive) {
    return java.lang.invoke.MethodType.methodType(primitive).wrap().returnType();
  }

  /** An {@code @Async} method (or a helper) threw to its caller instead of failing its task. */
  static final class ThrewToCaller extends AssertionError {
    private static final long serialVersionUID = 1L;

    ThrewToCaller(String method, Throwable cause) {
      super(method + " threw to its caller: " + cause, cause);
    }
  }
}
