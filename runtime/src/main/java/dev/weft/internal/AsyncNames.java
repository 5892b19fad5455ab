package dev.weft.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodHandles;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The {@code @Async} method each {@link Coroutine.Resumer} resumes, as {@code Owner.method}, for
 * {@link Task#toString} and the report of an unobserved failure, and its {@link AsyncSite}: its
 * source file and the line of each await, for {@link Coroutine#suspendedAt}. Learned once per
 * method when its resumer is made: the resume bridge the weaver generates is named {@code
 * method$weft$N} in the method's class, and its resumer's bootstrap carries the file and lines
 * (format 4 on). Keys are weak, so an unloaded class's entry goes with it.
 */
final class AsyncNames {
  /** The part of a bridge's name that follows the {@code @Async} method's name. */
  private static final String BRIDGE_MARK = "$weft$";
  private static final Map<Coroutine.Resumer, AsyncSite> SITES =
      Collections.synchronizedMap(new WeakHashMap<>());

  private AsyncNames() {}

  /**
   * Records the method that {@code resumer}, calling the bridge {@code impl}, resumes, with its
   * source {@code file} (null when unknown) and the source line of each of its awaits.
   */
  static void register(Coroutine.Resumer resumer, MethodHandles.Lookup lookup, MethodHandle impl,
      String file, int[] lines) {
    MethodHandleInfo info;
    try {
      info = lookup.revealDirect(impl);
    } catch (RuntimeException e) { // not a direct handle: no name, toString shows the class
      return;
    }
    Class<?> owner = info.getDeclaringClass();
    SITES.put(resumer, new AsyncSite(owner.getName(), methodOf(info.getName()), file, lines));
  }

  /**
   * A stack frame of the method {@code resumer} resumes, suspended at {@code label}: with its file
   * and that await's line when the weaver recorded them. Null when the method is not known.
   */
  static StackTraceElement frameOf(Coroutine.Resumer resumer, int label) {
    AsyncSite site = SITES.get(resumer);
    return site == null ? null : site.at(label);
  }

  /** The {@code @Async} method's source name, from the name of its bridge {@code bridge}. */
  static String methodOf(String bridge) {
    int mark = bridge.lastIndexOf(BRIDGE_MARK);
    return mark > 0 ? bridge.substring(0, mark) : bridge;
  }

  /**
   * Where a coroutine suspended at {@code label} is, for {@link Task#toString}: {@code
   * Owner.method (File.java:14), await 2} from its frame {@code at}, or {@code await 2} when the
   * line is not known.
   */
  static String where(StackTraceElement at, int label) {
    if (at == null || at.getLineNumber() < 0) {
      return "await " + label;
    }
    String cls = at.getClassName().substring(at.getClassName().lastIndexOf('.') + 1);
    String file = at.getFileName() != null ? at.getFileName() + ":" : "line ";
    return cls + "." + at.getMethodName() + " (" + file + at.getLineNumber() + "), await " + label;
  }

  /** The method {@code resumer} resumes, or null when unknown. */
  static String of(Coroutine.Resumer resumer) {
    AsyncSite site = SITES.get(resumer);
    return site == null ? null : site.displayName();
  }
}
