package dev.weft.internal.jfr;

/**
 * The runtime's one door to its flight-recorder events; the rest of the runtime never names a
 * {@code jdk.jfr} type, so it runs where the {@code jdk.jfr} module is absent (the events are then
 * never enabled). Each event has a check ({@code ...Enabled()}) that costs a load or two and no
 * allocation when no recording enables it; only after it returns true is an event made (as an
 * {@link Object}), begun, ended with {@link #end} and, if that says so, committed with its fields.
 * Any thread.
 */
public final class WeftEvents {
  /** Whether the {@code jdk.jfr} module is there; when not, no event class is ever loaded. */
  private static final boolean AVAILABLE = jfrPresent();

  private WeftEvents() {}

  /** Whether a recording enables {@code dev.weft.Suspension}. */
  public static boolean suspensionEnabled() {
    return recorderUp() && Probes.SUSPENSION.isEnabled();
  }

  /** Whether a recording enables {@code dev.weft.LoopStall}. */
  public static boolean loopStallEnabled() {
    return recorderUp() && Probes.LOOP_STALL.isEnabled();
  }

  /** Whether a recording enables {@code dev.weft.BlockingQueued}. */
  public static boolean blockingQueuedEnabled() {
    return recorderUp() && Probes.BLOCKING_QUEUED.isEnabled();
  }

  /**
   * Whether the flight recorder has started in this JVM (one volatile read). Until it has, no
   * event class is touched: making the first event of a JDK's recorder that has not started loads
   * and reads its whole metadata, which would cost every program at startup.
   */
  private static boolean recorderUp() {
    return AVAILABLE && jdk.jfr.FlightRecorder.isInitialized();
  }

  /** A suspension event, begun now. Only after {@link #suspensionEnabled}. */
  public static Object beginSuspension() {
    SuspensionEvent event = new SuspensionEvent();
    event.begin();
    return event;
  }

  /** A loop-stall event for {@link #beginLoopStall}, to be reused for every step of one loop. */
  public static Object newLoopStall() {
    return new LoopStallEvent();
  }

  /** Begins {@code event} anew, now, for a step resuming at await {@code resumedAwait} (or 0). */
  public static void beginLoopStall(Object event, int resumedAwait) {
    LoopStallEvent e = (LoopStallEvent) event;
    e.resumedAwait = resumedAwait;
    e.begin();
  }

  /** A blocking-queued event, begun now, for a job submitted by the calling thread. */
  public static Object beginBlockingQueued() {
    BlockingQueuedEvent event = new BlockingQueuedEvent();
    event.submitter = Thread.currentThread().getName();
    event.begin();
    return event;
  }

  /** Ends an event begun here; whether it is to be committed (enabled and past its threshold). */
  public static boolean end(Object event) {
    jdk.jfr.Event e = (jdk.jfr.Event) event;
    e.end();
    return e.shouldCommit();
  }

  /** Commits a suspension at {@code site} (its method, file and line; null when unknown). */
  public static void commitSuspension(Object event, StackTraceElement site, int await) {
    SuspensionEvent e = (SuspensionEvent) event;
    if (site != null) {
      e.asyncClass = site.getClassName();
      e.asyncMethod = site.getMethodName();
      e.sourceFile = site.getFileName();
      e.lineNumber = site.getLineNumber();
    } else {
      e.lineNumber = -1;
    }
    e.await = await;
    e.commit();
  }

  /**
   * Commits a loop stall of {@code step}; {@code site}, for a coroutine's step, is where the
   * coroutine stands after it (null for any other step).
   */
  public static void commitLoopStall(Object event, String step, StackTraceElement site) {
    LoopStallEvent e = (LoopStallEvent) event;
    e.step = step;
    e.asyncClass = site == null ? null : site.getClassName();
    e.asyncMethod = site == null ? null : site.getMethodName();
    e.sourceFile = site == null ? null : site.getFileName();
    e.suspendedLine = site == null ? -1 : site.getLineNumber();
    e.commit();
  }

  /** Commits a job's wait in the blocking pool's queue; {@code work} names the job. */
  public static void commitBlockingQueued(Object event, String work) {
    BlockingQueuedEvent e = (BlockingQueuedEvent) event;
    e.work = work;
    e.commit();
  }

  /**
   * Records an unobserved failure of the task {@code task} of the method {@code method}, if a
   * recording enables {@code dev.weft.UnobservedFailure}; {@code atExit} when reported as the JVM
   * exits.
   */
  public static void unobservedFailure(String method, String task, Throwable cause, boolean atExit) {
    if (!recorderUp()) {
      return;
    }
    UnobservedFailureEvent e = new UnobservedFailureEvent();
    if (e.shouldCommit()) {
      e.method = method;
      e.task = task;
      e.exceptionClass = cause.getClass().getName();
      e.message = cause.getMessage();
      e.atExit = atExit;
      e.commit();
    }
  }

  private static boolean jfrPresent() {
    try {
      Class.forName("jdk.jfr.Event", false, WeftEvents.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * One event of each kind, never committed, whose {@code isEnabled()} is the check: the JDK keeps
   * it current as recordings start, stop and change settings. Made once the recorder has started.
   */
  private static final class Probes {
    static final SuspensionEvent SUSPENSION = new SuspensionEvent();
    static final LoopStallEvent LOOP_STALL = new LoopStallEvent();
    static final BlockingQueuedEvent BLOCKING_QUEUED = new BlockingQueuedEvent();
  }
}
