package dev.weft;

import java.util.Arrays;

/**
 * The {@code @Async} callers that were waiting for a failure: a suppressed exception that an
 * await adds to the failure it rethrows into a coroutine's body after a suspension, whose stack
 * frames are that coroutine and the coroutines awaiting it, innermost first. Each frame names the
 * {@code @Async} method and the await it is suspended at (file and line when the weaver recorded
 * them). Every logger and debugger prints it after the failure's own frames:
 *
 * <pre>
 * java.lang.IllegalStateException: out of stock
 *     at shop.Pricing.priceOf(Pricing.java:22)
 *     at shop.Pricing.priceOf$weft$2(Pricing.java)
 *     at dev.weft.internal.Coroutine.resumeStep(Coroutine.java:420)
 *     ...
 *     Suppressed: dev.weft.AsyncStackTrace: awaited by
 *         at shop.Orders.checkout(Orders.java:14)
 *         at shop.Api.handle(Api.java:40)
 * </pre>
 *
 * <p>A failure gets at most one: when it crosses more awaits (a method that does not catch it
 * fails with it, and its caller's await rethrows it), the coroutines already named are skipped
 * and the others are appended. So a chain broken by a combinator ({@link Task#timeout}, {@link
 * Task#all}) is continued when the failure comes out of it, and the coroutines of every branch
 * that awaited one shared failed task are all named, branch after branch. The trace holds at
 * most {@value #MAX_FRAMES} frames; its message says when it was cut there.
 *
 * <p>An await that finds its stage already failed does not suspend: the methods awaiting are then
 * still on the thread's stack, and the trace holds those frames, from the await up to the code
 * that started them (or up to the loop that resumed the innermost), unless the failure has a
 * trace already.
 *
 * <p>Cancellations ({@link java.util.concurrent.CancellationException}) and {@link
 * VirtualMachineError}s get none, nor a failure that does not accept suppressed exceptions. It is
 * built from the coroutines' waiter links when the failure is rethrown, so paths that do not fail
 * pay nothing; {@value #ENABLED_PROPERTY}{@code =false} turns it off.
 */
public final class AsyncStackTrace extends Throwable {
  /**
   * System property: {@code false} turns async stack traces off; any other value, or none, leaves
   * them on. Read once, when the first trace would be built.
   */
  public static final String ENABLED_PROPERTY = "weft.asyncStackTraces";
  /** The most frames one trace holds (the JVM's own default depth for stack traces). */
  public static final int MAX_FRAMES = 1024;

  private static final long serialVersionUID = 1L;
  private static final StackTraceElement[] NO_FRAMES = {};

  // The fields below are guarded by the monitor of the failure this trace is added to.

  /** The identity hash of the coroutine behind each frame, to skip those already named. */
  private int[] ids = new int[8];
  private int count;
  /** Where the next {@link #names} search starts: a failure climbs a chain in order. */
  private int hint;
  private boolean truncated;

  AsyncStackTrace() {
    super(null, null, false, true); // nothing suppressed in it; its frames are set, not filled
    setStackTrace(NO_FRAMES);
  }

  /** "awaited by", and whether the trace was cut at {@link #MAX_FRAMES}. */
  @Override
  public String getMessage() {
    return truncated ? "awaited by (the first " + MAX_FRAMES + ")" : "awaited by";
  }

  /** Captures nothing: the frames are the waiting coroutines, set by the runtime. */
  @Override
  public Throwable fillInStackTrace() {
    return this;
  }

  /** Whether the frame of the coroutine whose identity hash is {@code id} is here. */
  boolean names(int id) {
    for (int i = hint; i < count; i++) {
      if (ids[i] == id) {
        hint = i + 1;
        return true;
      }
    }
    for (int i = 0; i < hint && i < count; i++) {
      if (ids[i] == id) {
        hint = i + 1;
        return true;
      }
    }
    return false;
  }

  /** Whether no frame can be added. */
  boolean full() {
    return count >= MAX_FRAMES;
  }

  /** How many frames can still be added. */
  int room() {
    return MAX_FRAMES - count;
  }

  /** Notes that a walk stopped at {@link #MAX_FRAMES} with coroutines left. */
  void cut() {
    truncated = true;
  }

  /** Appends {@code frames}, whose coroutines have the identity hashes {@code frameIds}. */
  void append(StackTraceElement[] frames, int[] frameIds, int n) {
    int room = Math.min(n, MAX_FRAMES - count);
    StackTraceElement[] old = getStackTrace();
    StackTraceElement[] all = Arrays.copyOf(old, old.length + room);
    System.arraycopy(frames, 0, all, old.length, room);
    if (count + room > ids.length) {
      ids = Arrays.copyOf(ids, Math.max(count + room, ids.length * 2));
    }
    System.arraycopy(frameIds, 0, ids, count, room);
    hint = count + Math.min(room, 1);
    count += room;
    setStackTrace(all);
  }
}
