package dev.weft.processor;

import com.sun.source.util.JavacTask;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * Finds javac's own {@link ProcessingEnvironment} behind the one a processor is given, so that
 * {@link JavacTask#instance} and {@code Trees.instance} accept it. Gradle's incremental compiler
 * wraps the environment in a delegating class (field {@code delegate}); IntelliJ's build wraps it
 * in a {@link Proxy}. Unwrapping reads fields reflectively and never touches javac internals.
 */
final class JavacEnvironment {
  private static final int MAX_DEPTH = 4;

  private JavacEnvironment() {}

  /** javac's environment behind {@code env}, or {@code null} when there is none to be found. */
  static ProcessingEnvironment unwrap(ProcessingEnvironment env) {
    return unwrap(env, 0);
  }

  private static ProcessingEnvironment unwrap(Object candidate, int depth) {
    if (candidate == null || depth > MAX_DEPTH) {
      return null;
    }
    if (candidate instanceof ProcessingEnvironment && isJavac((ProcessingEnvironment) candidate)) {
      return (ProcessingEnvironment) candidate;
    }
    if (Proxy.isProxyClass(candidate.getClass())) {
      return unwrapFields(Proxy.getInvocationHandler(candidate), depth + 1);
    }
    return unwrapFields(candidate, depth + 1);
  }

  /** Looks through the instance fields, {@code delegate} and {@code processingEnv} first. */
  private static ProcessingEnvironment unwrapFields(Object holder, int depth) {
    for (String preferred : new String[] {"delegate", "processingEnv", null}) {
      for (Class<?> c = holder.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
        for (Field field : c.getDeclaredFields()) {
          if (Modifier.isStatic(field.getModifiers())
              || field.getType().isPrimitive()
              || (preferred != null && !field.getName().equals(preferred))) {
            continue;
          }
          ProcessingEnvironment found = unwrap(read(field, holder), depth);
          if (found != null) {
            return found;
          }
        }
      }
    }
    return null;
  }

  private static Object read(Field field, Object holder) {
    if (!ProcessingEnvironment.class.isAssignableFrom(field.getType())
        && !Proxy.class.isAssignableFrom(field.getType())
        && !field.getType().getName().contains("InvocationHandler")
        && field.getType() != Object.class) {
      return null;
    }
    try {
      field.setAccessible(true);
      return field.get(holder);
    } catch (RuntimeException | IllegalAccessException e) {
      return null;
    }
  }

  private static boolean isJavac(ProcessingEnvironment env) {
    try {
      return JavacTask.instance(env) != null;
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }
}
