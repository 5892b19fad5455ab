package dev.weft.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodHandles;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The {@code @Async} method each {@link Coroutine.Resumer} resumes, as {@code Owner.method}, for
 * {@link Task#toString} and the report of an unobserved failure. Learned once per method when its
 * resumer is made: the resume bridge the weaver generates is named {@code method$weft$N} in the
 * method's class. Keys are weak, so an unloaded class's entry goes with it.
 */
final class AsyncNames {
  /** The part of a bridge's name that follows the {@code @Async} method's name. */
  private static final String BRIDGE_MARK = "$weft$";
  private static final Map<Coroutine.Resumer, String> NAMES =
      Collections.synchronizedMap(new WeakHashMap<>());
  private static final Map<Coroutine.Resumer, StackTraceElement> FRAMES =
      Collections.synchronizedMap(new WeakHashMap<>());

  private AsyncNames() {}

  /** Records the method that {@code resumer}, calling the bridge {@code impl}, resumes. */
  static void register(Coroutine.Resumer resumer, MethodHandles.Lookup lookup, MethodHandle impl) {
    String name;
    MethodHandleInfo info;
    try {
      info = lookup.revealDirect(impl);
      name = describe(info.getDeclaringClass(), info.getName());
    } catch (RuntimeException e) { // not a direct handle: no name, toString shows the class
      return;
    }
    NAMES.put(resumer, name);
    FRAMES.put(resumer, frame(info.getDeclaringClass(), info.getName()));
  }

  /** A stack frame of the {@code @Async} method behind the bridge {@code bridge}, no file or line. */
  static StackTraceElement frame(Class<?> owner, String bridge) {
    int mark = bridge.lastIndexOf(BRIDGE_MARK);
    String method = mark > 0 ? bridge.substring(0, mark) : bridge;
    return new StackTraceElement(owner.getName(), method, null, -1);
  }

  /** A stack frame of the method {@code resumer} resumes, or null when unknown. */
  static StackTraceElement frameOf(Coroutine.Resumer resumer) {
    return FRAMES.get(resumer);
  }

  /** {@code Owner.method} for the bridge {@code bridge} of {@code owner} (nested: Outer$Inner). */
  static String describe(Class<?> owner, String bridge) {
    int mark = bridge.lastIndexOf(BRIDGE_MARK);
    String method = mark > 0 ? bridge.substring(0, mark) : bridge;
    String pkg = owner.getPackageName();
    String cls = pkg.isEmpty() ? owner.getName() : owner.getName().substring(pkg.length() + 1);
    return cls + "." + method;
  }

  /** The method {@code resumer} resumes, or null when unknown. */
  static String of(Coroutine.Resumer resumer) {
    return NAMES.get(resumer);
  }
}
