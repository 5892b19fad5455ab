package dev.weft;

import dev.weft.internal.jfr.WeftEvents;
import dev.weft.internal.util.Logs;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One thread running continuations and timers, in the manner of an nginx worker or a libuv loop.
 *
 * <p>Each turn: run expired timers, then up to {@link #MAX_BATCH} queued tasks, then, when the
 * queue is empty, block in the {@link IoHandler} (a {@link java.nio.channels.Selector}: socket
 * readiness for {@code dev.weft.net} connections and listeners) until the next timer deadline, ready
 * I/O or a wakeup; while tasks are queued, ready I/O is polled once per turn. The run
 * queue is an intrusive multi-producer single-consumer queue (a woken {@link Continuation coroutine} is its own
 * queue node); producers wake the loop only if it is parked, at most once per park.
 *
 * <p>A task, timer or I/O callback that throws anything, {@link Error}s included, is reported
 * through {@link System.Logger} ({@code dev.weft.EventLoop}, level WARNING) and the loop goes on
 * with the next one; a failure outside any task (the selector, a logger that throws) ends only
 * that turn, after a pause of {@value #FAILURE_PAUSE_MILLIS} ms. A logger that fails never
 * stops the loop: what it cannot log is dropped.
 */
public final class EventLoop implements Executor, AutoCloseable {
  /** How long {@link #stampNow} shares one stamp among suspensions off the loop's thread. */
  private static final long OFF_LOOP_STAMP_NANOS = 1_000_000;
  /** Queued tasks run per turn before timers are checked again. */
  static final int MAX_BATCH = 1024;
  /** How long an idle loop spins before parking while a blocking job of its is running. */
  static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(20);
  /**
   * System property: how long, in microseconds, every idle loop spins for new work before it
   * parks (default 0: it parks at once). Spinning trades CPU for latency: a parked thread whose
   * core went idle takes tens of microseconds to wake, more in a virtual machine. Read when a
   * loop starts.
   */
  public static final String IDLE_SPIN_PROPERTY = "weft.loop.idleSpinMicros";
  /**
   * System property: a loop step (a task, a coroutine's resume, the timers, an I/O turn) running
   * longer than this many milliseconds is reported once, with the loop thread's stack, by the
   * blocked-loop watchdog; 0 turns the watchdog off. Unset, it is {@value
   * LoopWatchdog#DEFAULT_THRESHOLD_MILLIS} when the runtime runs with assertions enabled
   * ({@code -ea}) and off otherwise. Read when a loop is made.
   */
  public static final String BLOCKED_THRESHOLD_PROPERTY = "weft.loop.blockedThresholdMillis";
  /** {@link #step} of a loop waiting for work: never reported as blocked. */
  static final Object IDLE = marker("idle");
  private static final Object TIMERS = marker("the loop's expired timers");
  private static final Object IO = marker("the loop's ready I/O");
  /** How long a loop pauses after a turn failed outside any task ({@link #survive}). */
  static final long FAILURE_PAUSE_MILLIS = 100;
  private static final AtomicInteger COUNTER = new AtomicInteger();
  /** Every loop made and not terminated, for {@link Coroutines}. */
  private static final java.util.Set<EventLoop> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private static final int RUNNING = 0;
  private static final int SHUTTING_DOWN = 1;
  private static final int TERMINATED = 2;
  private static final VarHandle PARKED;
  private static final VarHandle STEP;
  private static final VarHandle STEPS;

  static {
    // Loaded now, while file descriptors are available: loading a class reads its file, and under
    // fd exhaustion the classes a loop needs to survive could not be loaded any more.
    Logs.log(Logs.LOOP, System.Logger.Level.TRACE, () -> "preloading");
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      PARKED = lookup.findVarHandle(EventLoop.class, "parked", boolean.class);
      STEP = lookup.findVarHandle(EventLoop.class, "step", Object.class);
      STEPS = lookup.findVarHandle(EventLoop.class, "steps", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final RunQueue queue = new RunQueue();
  /** Nodes posted by the loop's own thread: a plain FIFO, no atomics. Loop thread only. */
  private LoopNode localHead;
  private LoopNode localTail;
  private final TimerQueue timers = new TimerWheel();
  /** The coroutines bound to this loop whose bodies have not ended; see {@link LiveFrames}. */
  private final LiveFrames liveFrames = new LiveFrames(this);
  private final IoHandler io;
  private final LongSupplier clock;
  private final String name;
  /** The loop's own {@link LoopThread}, or the thread driving a {@link DrivenLoop}. */
  private final Thread thread;
  /** Whether {@link #thread} is a {@link DrivenLoop}'s driver. */
  private final boolean driven;
  private final CountDownLatch terminated = new CountDownLatch(1);
  private volatile boolean parked;
  /**
   * Blocking jobs submitted from this loop and not yet finished ({@link #expectCompletion}). While
   * there are any, the loop spins up to {@link #SPIN_NANOS} before it parks: their completions
   * usually arrive within microseconds, sooner than a parked loop wakes.
   */
  private final AtomicInteger expected = new AtomicInteger();
  private volatile int state = RUNNING;
  /** {@link #IDLE_SPIN_PROPERTY} in nanoseconds; 0 when the loop parks at once. */
  private final long idleSpinNanos = idleSpinNanos();
  /** When a graceful shutdown stops waiting for pending I/O, by {@link #clock}. */
  private volatile long shutdownDeadline;
  private final Promise<Void> termination = new Promise<>();
  /** Whether the blocked-loop watchdog watches this loop ({@link #BLOCKED_THRESHOLD_PROPERTY}). */
  private final boolean watched;
  /** What the loop runs now ({@link #IDLE} when waiting); written by the loop, read by the watchdog. */
  private Object step = IDLE;
  /** How many steps the loop began; written by the loop, read by the watchdog. */
  private long steps;
  /** {@link #clock} as read at the start of the current turn, for its timers. Loop thread only. */
  private long turnNanos;
  /** The {@link TurnStamp} of the current turn, made at its first suspension. Loop thread only. */
  private TurnStamp turnStamp;
  /** The last stamp {@link #stampNow} made, shared for {@link #OFF_LOOP_STAMP_NANOS}; racy. */
  private TurnStamp offLoopStamp;
  /** Times steps for the {@code dev.weft.LoopStall} event while a recording enables it. */
  private final LoopStalls stalls = new LoopStalls();

  /**
   * Starts a loop with its own selector on a new daemon thread named {@code weft-loop-N}. Any
   * thread.
   *
   * @throws java.io.UncheckedIOException if no selector can be opened
   */
  public EventLoop() {
    this("weft-loop-" + COUNTER.incrementAndGet(), new SelectorIoHandler(), System::nanoTime);
  }

  /** A loop with its own I/O handler and nano clock (a virtual clock in tests). */
  EventLoop(String name, IoHandler io, LongSupplier clock) {
    this(name, io, clock, null);
  }

  /**
   * A loop with its own I/O handler and nano clock, on a new thread when {@code driver} is null;
   * otherwise {@code driver} is the loop's thread and runs its turns ({@link DrivenLoop}): no
   * thread is started, and the watchdog does not watch it (its driver does other work between
   * turns).
   */
  EventLoop(String name, IoHandler io, LongSupplier clock, Thread driver) {
    this.io = io;
    this.clock = clock;
    this.name = name;
    this.thread = driver == null ? new LoopThread(this, name) : driver;
    this.driven = driver != null;
    long blockedThreshold = driver == null ? blockedThresholdNanos() : 0;
    this.watched = blockedThreshold > 0;
    if (watched) {
      LoopWatchdog.watch(this, blockedThreshold);
    }
    LIVE.add(this);
    Coroutines.registerMBean();
    if (driver == null) {
      thread.start();
    }
  }

  /** The loop running the calling thread, or null if it is not a loop thread. Any thread. */
  public static EventLoop current() {
    Thread t = Thread.currentThread();
    return t instanceof LoopThread ? ((LoopThread) t).loop : DrivenLoop.ofCurrentThread();
  }

  /**
   * The calling thread's loop, or else the default group's next loop: where work started here
   * should run. Any thread.
   */
  public static EventLoop currentOrNext() {
    EventLoop loop = current();
    return loop != null ? loop : EventLoopGroup.defaultGroup().next();
  }

  /**
   * The clock of the calling thread's loop: {@link System#nanoTime()}, but a {@link DrivenLoop}'s
   * own clock on its driver (virtual time in tests). Any thread.
   */
  static long nanoTime() {
    Thread t = Thread.currentThread();
    EventLoop loop = t instanceof LoopThread ? null : DrivenLoop.ofCurrentThread();
    return loop == null ? System.nanoTime() : loop.clock.getAsLong();
  }

  /** Whether the calling thread is this loop's thread. Any thread. */
  public boolean inEventLoop() {
    return Thread.currentThread() == thread;
  }

  /**
   * Queues {@code task} to run on this loop after the tasks already queued (FIFO per producer).
   * Any thread.
   *
   * @throws RejectedExecutionException if the loop is shutting down or terminated
   */
  @Override
  public void execute(Runnable task) {
    if (state != RUNNING) {
      throw new RejectedExecutionException(this + " is shut down; rejected " + task);
    }
    post(new LoopNode.RunnableNode(task));
  }

  /**
   * Queues {@code task} to run on this loop, also while the loop shuts down gracefully (when
   * {@link #execute} refuses): for work that keeps the loop's own I/O and shutdown going, such as
   * closing a connection from another thread. When the loop has terminated, or terminates before
   * it could run {@code task}, {@code ifTerminated} runs instead with the rejection, on the
   * calling thread or the thread that terminated the loop: one of the two always runs, once. Any
   * thread.
   */
  public void executeOrElse(Runnable task, Consumer<? super RejectedExecutionException> ifTerminated) {
    post(new LoopNode.RunnableNode(task) {
      @Override
      protected void rejected(RejectedExecutionException rejection) {
        ifTerminated.accept(rejection);
      }
    });
  }

  /**
   * {@link #execute} of a node that is its own queue entry (nothing is wrapped). Any thread.
   *
   * @throws RejectedExecutionException if the loop is shutting down or terminated
   */
  void executeNode(LoopNode node) {
    if (state != RUNNING) {
      throw new RejectedExecutionException(this + " is shut down; rejected " + node);
    }
    post(node);
  }

  /**
   * Runs {@code task} once on this loop after {@code delay}. Any thread; from another thread the
   * timer reaches the loop through the run queue.
   *
   * @return a handle that cancels the timer
   */
  public TimerHandle schedule(Runnable task, long delay, TimeUnit unit) {
    if (state != RUNNING) {
      throw new RejectedExecutionException(this + " is shut down; rejected timer " + task);
    }
    long nanos = Math.min(Math.max(0L, unit.toNanos(delay)), Long.MAX_VALUE / 4);
    TimerHandle t = new TimerHandle(this, task, clock.getAsLong() + nanos);
    if (inEventLoop()) {
      timers.add(t);
    } else {
      post(t);
    }
    return t;
  }

  /**
   * {@link #shutdownGracefully(Duration)} with no time to wait: stops accepting new tasks and
   * timers, runs what is queued, then fails what is pending (socket operations, timers, suspended
   * coroutines; see there) and ends the thread once their {@code finally} blocks have run. Any
   * thread; returns at once.
   */
  public void shutdownGracefully() {
    shutdownGracefully(Duration.ZERO);
  }

  /**
   * Stops accepting new tasks and timers and closes listeners at once; what is pending may go on
   * completing for up to {@code timeout} (the loop keeps running queued work, timers and
   * continuations meanwhile): reads, writes and connects, timers, and coroutines bound to this
   * loop. The thread ends as soon as nothing is pending. At the deadline, every socket operation
   * and timer still pending fails with {@link java.util.concurrent.CancellationException} (a timer
   * whose task is a {@link java.util.concurrent.Future}, such as a sleep or a timeout, cancels that
   * task; any other timer's task does not run) and the coroutines awaiting them resume; then
   * every coroutine of this loop still suspended is cancelled, whatever it awaits (a channel, a semaphore, a scope, a promise): each resumes with
   * {@code CancellationException} and runs its {@code catch} and {@code finally} blocks on this
   * loop before the thread ends. No coroutine of the loop is left incomplete. Any thread; returns
   * at once. A second call does not change the deadline.
   *
   * @return a task completed once the loop has terminated (its waiters run on the loop thread as
   *     its last act; await or join it from elsewhere)
   */
  public Task<Void> shutdownGracefully(Duration timeout) {
    long nanos = Math.min(Math.max(0L, timeout.toNanos()), Long.MAX_VALUE / 4);
    synchronized (terminated) {
      if (state == RUNNING) {
        shutdownDeadline = clock.getAsLong() + nanos;
        state = SHUTTING_DOWN;
        wakeup();
      }
    }
    return termination;
  }

  /** Whether {@link #shutdownGracefully} was called. Any thread. */
  public boolean isShutdown() {
    return state != RUNNING;
  }

  /** Waits for the thread to end; whether it did. Any thread but this loop's. */
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return terminated.await(timeout, unit);
  }

  /**
   * Shuts down gracefully and, unless called on this loop's thread, waits for the thread to end.
   * Any thread.
   */
  @Override
  public void close() {
    shutdownGracefully();
    if (!inEventLoop()) {
      boolean interrupted = false;
      while (true) {
        try {
          terminated.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "EventLoop[" + name + "]";
  }

  // ---- internals ----

  /** Queues a node without allocating (a coroutine resume, a timer). Any thread. */
  void post(LoopNode node) {
    if (state == TERMINATED) {
      node.rejected(terminated());
      return;
    }
    if (Thread.currentThread() == thread) {
      pushLocal(node);
      return;
    }
    queue.push(node);
    if (state == TERMINATED) {
      rejectQueued(); // the loop may have drained its queue before this push
    } else if (parked) {
      wakeup();
    }
  }

  private RejectedExecutionException terminated() {
    return new RejectedExecutionException(this + " is terminated");
  }

  /**
   * After termination: rejects every node still queued, so none is silently lost. The loop thread
   * calls it once at the end; a producer whose push raced with the end calls it again.
   */
  private synchronized void rejectQueued() {
    for (LoopNode node = pollLocal(); node != null; node = pollLocal()) {
      node.rejected(terminated());
    }
    while (!queue.isEmpty()) {
      LoopNode node = queue.poll();
      if (node == null) {
        Thread.onSpinWait(); // a producer is half way through a push
      } else {
        node.rejected(terminated());
      }
    }
  }

  private void pushLocal(LoopNode node) {
    LoopNode.NEXT.set(node, (LoopNode) null);
    if (localTail == null) {
      localHead = node;
    } else {
      LoopNode.NEXT.set(localTail, node);
    }
    localTail = node;
  }

  private LoopNode pollLocal() {
    LoopNode node = localHead;
    if (node != null) {
      localHead = (LoopNode) LoopNode.NEXT.get(node);
      if (localHead == null) {
        localTail = null;
      }
      LoopNode.NEXT.set(node, (LoopNode) null);
    }
    return node;
  }

  private boolean nothingQueued() {
    return localHead == null && queue.isEmpty();
  }

  private void wakeup() {
    if (PARKED.compareAndSet(this, true, false)) {
      io.wakeup(thread);
    }
  }

  TimerQueue timers() {
    return timers;
  }

  LiveFrames liveFrames() {
    return liveFrames;
  }

  /** The I/O handler, which registers the channels bound to this loop. Any thread. */
  IoHandler io() {
    return io;
  }

  /**
   * When the current turn began, as a stamp shared by every coroutine that suspends in it: made at
   * the turn's first call, from the clock the turn read for its timers. Loop thread only.
   */
  TurnStamp turnStamp() {
    TurnStamp stamp = turnStamp;
    if (stamp == null) {
      turnStamp = stamp = new TurnStamp(turnNanos);
    }
    return stamp;
  }

  /**
   * A stamp of the loop's clock now, for a suspension off the loop's thread: shared by the
   * suspensions of the same millisecond, so that a million coroutines started from one thread do
   * not each carry a stamp of their own (a dump shows milliseconds). Any thread; threads racing
   * here may each make one, and any of them is right.
   */
  TurnStamp stampNow() {
    long now = clock.getAsLong();
    TurnStamp s = offLoopStamp;
    if (s == null || now - s.nanos >= OFF_LOOP_STAMP_NANOS || now < s.nanos) {
      offLoopStamp = s = new TurnStamp(now); // immutable with a final field: safe to share racily
    }
    return s;
  }

  /** How many nanoseconds of the loop's clock have passed since {@code stamp}. Any thread. */
  long nanosSince(TurnStamp stamp) {
    return clock.getAsLong() - stamp.nanos;
  }

  /** Logs that {@code task} threw {@code t}; never throws itself (see {@link Logs}). */
  void report(Throwable t, Object task) {
    Logs.log(Logs.LOOP, System.Logger.Level.WARNING, () -> "Task " + task + " threw on " + this, t);
  }

  /**
   * Survives a failure that escaped a whole turn of the loop (outside any one task: the selector,
   * the timers' bookkeeping, a logger): logs it, never throwing, and pauses {@link #FAILURE_PAUSE_MILLIS}
   * so that a failure repeating at every turn does not spin a core, as Netty's loop does. This
   * holds for a {@link VirtualMachineError} too ({@link OutOfMemoryError}): the loop's thread is
   * the only one that can run its tasks, so it goes on rather than leave them hanging.
   */
  private void survive(Throwable t) {
    Logs.log(Logs.LOOP, System.Logger.Level.WARNING, () -> "A turn of " + this + " failed; going on", t);
    try {
      Thread.sleep(FAILURE_PAUSE_MILLIS);
    } catch (InterruptedException e) {
      // a loop thread is not interrupted to stop it; go on
    }
  }

  /**
   * The loop thread's body. Each turn is guarded: whatever escapes it is handed to {@link
   * #survive} and the next turn goes on; only the end of a shutdown ends the loop. A {@link
   * DrivenLoop} runs it on its driver once shut down, to end as every loop does.
   */
  void loop() {
    boolean shutdownSeen = false;
    boolean waitsFailed = false;
    boolean framesCancelled = false;
    try {
      while (true) {
        try {
          if (watched) {
            markStep(TIMERS);
          }
          boolean timed = WeftEvents.loopStallEnabled();
          if (timed) {
            stalls.begin(TIMERS);
          }
          timers.runExpired(startTurn(), this);
          if (timed) {
            stalls.end(TIMERS);
          }
          runQueued();
          if (state != RUNNING) {
            if (!shutdownSeen) {
              shutdownSeen = true;
              io.startShutdown();
            }
            if (nothingQueued()) {
              if (framesCancelled || !hasPendingWork()) {
                break;
              }
              if (clock.getAsLong() - shutdownDeadline >= 0) {
                if (!waitsFailed) {
                  waitsFailed = true;
                  failPendingWaits();
                } else {
                  framesCancelled = true;
                  liveFrames.cancelAll();
                }
                continue; // run the continuations of what was cancelled
              }
            }
          }
          if (nothingQueued()) {
            idle();
          } else {
            if (watched) {
              markStep(IO);
            }
            boolean ioTimed = WeftEvents.loopStallEnabled();
            if (ioTimed) {
              stalls.begin(IO);
            }
            io.run(0);
            if (ioTimed) {
              stalls.end(IO);
            }
          }
        } catch (Throwable t) {
          parked = false;
          try {
            survive(t);
          } catch (Throwable alsoFailed) {
            // nothing can be reported; the next turn goes on
          }
        }
      }
    } finally {
      state = TERMINATED;
      LIVE.remove(this);
      if (watched) {
        LoopWatchdog.unwatch(this);
      }
      try {
        rejectQueued();
        timers.clear();
        io.close();
      } catch (Throwable t) {
        Logs.log(Logs.LOOP, System.Logger.Level.WARNING, () -> "Closing " + this + " failed", t);
      } finally {
        terminated.countDown();
        termination.complete(null);
      }
    }
  }

  /**
   * During a graceful shutdown: whether anything still waits on this loop (socket operations,
   * timers, coroutines whose bodies have not ended), so that it waits for the deadline.
   */
  private boolean hasPendingWork() {
    return io.hasPendingIo() || timers.size() > 0 || !liveFrames.isEmpty();
  }

  /**
   * At the shutdown deadline, first: fails every pending socket operation and timer with {@link
   * java.util.concurrent.CancellationException}, so that the coroutines awaiting them resume and
   * may still finish as they choose. What then remains suspended is cancelled by {@link
   * LiveFrames#cancelAll}.
   */
  private void failPendingWaits() {
    io.cancelPendingIo("I/O cancelled: " + this + " shut down");
    for (TimerHandle t : timers.removeAll()) {
      try {
        t.cancelAtShutdown();
      } catch (Throwable e) {
        report(e, t);
      }
    }
  }

  /**
   * Runs up to MAX_BATCH queued nodes, taking from the loop's own FIFO and from the cross-thread
   * queue in turn so that neither starves the other; returns how many ran.
   */
  private int runQueued() {
    int ran = 0;
    boolean localFirst = true;
    while (ran < MAX_BATCH) {
      LoopNode node = localFirst ? pollLocal() : null;
      if (node == null) {
        node = queue.poll();
      }
      if (node == null) {
        node = pollLocal();
      }
      if (node == null) {
        if (queue.isEmpty()) {
          break;
        }
        Thread.onSpinWait(); // a producer is half way through a push
        continue;
      }
      localFirst = !localFirst;
      ran++;
      if (watched) {
        markStep(node);
      }
      boolean timed = WeftEvents.loopStallEnabled();
      if (timed) {
        stalls.begin(node);
      }
      try {
        node.runOnLoop();
      } catch (Throwable t) {
        report(t, node);
      }
      if (timed) {
        stalls.end(node);
      }
    }
    return ran;
  }

  /** Reads the clock for a new turn and starts its {@link TurnStamp} afresh; the time read. */
  private long startTurn() {
    long now = clock.getAsLong();
    turnNanos = now;
    turnStamp = null;
    return now;
  }

  /**
   * One turn of a {@link DrivenLoop}, never waiting: the expired timers, then up to {@link
   * #MAX_BATCH} queued nodes; how many ran. Driver thread only.
   */
  int runDue() {
    return timers.runExpired(startTurn(), this) + runQueued();
  }

  /** Whether nothing is queued to run now. Loop thread only. */
  boolean isQueueEmpty() {
    return nothingQueued();
  }

  /**
   * For a {@link DrivenLoop}: parks its driver until another thread posts to this loop, the last
   * of its blocking jobs running at the call is released ({@link #expectCompletion}), or at most
   * {@code timeoutNanos} (negative: no limit); may return early. Driver thread only.
   */
  void awaitPost(long timeoutNanos) {
    boolean jobsRunning = expected.get() > 0;
    parked = true; // producers read this after pushing: one of us sees the other
    if (nothingQueued() && (!jobsRunning || expected.get() > 0)) {
      io.run(timeoutNanos);
    }
    parked = false;
  }

  /**
   * Notes that a completion from another thread is on its way (+1) or has been posted (-1); see
   * {@link #expected}. Any thread.
   */
  void expectCompletion(int delta) {
    if (expected.addAndGet(delta) == 0 && driven && parked) {
      wakeup(); // a driver awaiting its blocking jobs (awaitPost), whose completion posted nothing
    }
  }

  /** {@link #IDLE_SPIN_PROPERTY} as this loop read it, in nanoseconds; for tests. */
  long idleSpin() {
    return idleSpinNanos;
  }

  /** Blocking jobs submitted from this loop and not yet finished; for tests. */
  int expectedCompletions() {
    return expected.get();
  }

  /**
   * Notes that the loop begins {@code what}, for the watchdog: two release stores, plain stores on
   * x86 and cheap elsewhere. Loop thread only; only on watched loops.
   */
  private void markStep(Object what) {
    STEP.setRelease(this, what);
    STEPS.setRelease(this, steps + 1);
  }

  /** Every loop made and not terminated. Any thread. */
  static java.util.List<EventLoop> live() {
    return new java.util.ArrayList<>(LIVE);
  }

  /** What the loop runs now; {@link #IDLE} when it waits. For the watchdog; any thread. */
  Object step() {
    return STEP.getAcquire(this);
  }

  /** How many steps the loop began. For the watchdog; any thread. */
  long steps() {
    return (long) STEPS.getAcquire(this);
  }

  /** The loop thread's stack now. Any thread. */
  StackTraceElement[] threadStack() {
    return thread.getStackTrace();
  }

  private static Object marker(String name) {
    return new Object() {
      @Override
      public String toString() {
        return name;
      }
    };
  }

  private static long blockedThresholdNanos() {
    String value = System.getProperty(BLOCKED_THRESHOLD_PROPERTY);
    if (value == null || value.isBlank()) {
      return EventLoop.class.desiredAssertionStatus()
          ? TimeUnit.MILLISECONDS.toNanos(LoopWatchdog.DEFAULT_THRESHOLD_MILLIS) : 0;
    }
    try {
      long millis = Long.parseLong(value.trim());
      if (millis < 0) {
        throw new NumberFormatException("negative");
      }
      return TimeUnit.MILLISECONDS.toNanos(millis);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("System property " + BLOCKED_THRESHOLD_PROPERTY
          + " must be a number of milliseconds >= 0, got '" + value + "'", e);
    }
  }

  private static long idleSpinNanos() {
    String value = System.getProperty(IDLE_SPIN_PROPERTY);
    if (value == null || value.isBlank()) {
      return 0;
    }
    try {
      long micros = Long.parseLong(value.trim());
      if (micros < 0) {
        throw new NumberFormatException("negative");
      }
      return TimeUnit.MICROSECONDS.toNanos(micros);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("System property " + IDLE_SPIN_PROPERTY
          + " must be a number of microseconds >= 0, got '" + value + "'", e);
    }
  }

  /**
   * Before parking: spins while nothing is queued and no timer is due, for {@link #idleSpinNanos}
   * or, while a blocking job of this loop runs, at least {@link #SPIN_NANOS}; whether something
   * was queued meanwhile.
   */
  private boolean spinBeforeParking() {
    long spin = expected.get() > 0 ? Math.max(SPIN_NANOS, idleSpinNanos) : idleSpinNanos;
    if (spin == 0) {
      return false;
    }
    long end = System.nanoTime() + spin;
    long deadline = timers.nextDeadline();
    for (int turns = 1; nothingQueued(); turns++) {
      if ((turns & 63) == 0) {
        io.run(0); // sockets too: what becomes ready is queued, and ends the spin
        continue;
      }
      long now = System.nanoTime();
      if (now - end >= 0 || (idleSpinNanos == 0 && expected.get() <= 0)
          || (deadline != TimerQueue.NONE && clock.getAsLong() - deadline >= 0)
          || state != RUNNING) {
        return false;
      }
      Thread.onSpinWait();
    }
    return true;
  }

  /** Blocks in the I/O handler until a wakeup or the next timer deadline. */
  private void idle() {
    if (watched) {
      markStep(IDLE);
    }
    if (spinBeforeParking()) {
      return;
    }
    parked = true; // producers read this after pushing: one of us sees the other
    if (!nothingQueued()) {
      parked = false;
      return;
    }
    long deadline = timers.nextDeadline();
    if (state != RUNNING) { // waiting for pending I/O until the shutdown deadline
      deadline = deadline == TimerQueue.NONE ? shutdownDeadline : Math.min(deadline, shutdownDeadline);
    }
    long timeout = deadline == TimerQueue.NONE ? -1 : Math.max(0L, deadline - clock.getAsLong());
    io.run(timeout);
    parked = false;
  }

  /** The thread of a loop; lets {@link #current} avoid a ThreadLocal. */
  private static final class LoopThread extends Thread {
    final EventLoop loop;

    LoopThread(EventLoop loop, String name) {
      super(name);
      this.loop = loop;
      setDaemon(true);
    }

    @Override
    public void run() {
      loop.loop();
    }
  }
}
