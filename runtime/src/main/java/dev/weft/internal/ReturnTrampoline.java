package dev.weft.internal;

/**
 * The completion of coroutines whose body has returned a stage, run on the thread that completed
 * that stage without a loop hop, and iteratively: a chain of frames each returning the next
 * completes in a loop of this thread's trampoline, never in nested calls, so that a long chain
 * cannot overflow the stack. One per thread.
 */
final class ReturnTrampoline {
  private static final ThreadLocal<ReturnTrampoline> CURRENT =
      ThreadLocal.withInitial(ReturnTrampoline::new);

  /** Whether this thread is completing frames now (a completion it triggers is queued). */
  private boolean running;
  /**
   * A FIFO of frames linked through the run-queue link ({@link dev.weft.Continuation#queueNext}): a returning frame is never in a run
   * queue again, so the link is free.
   */
  private Coroutine<?> head;
  private Coroutine<?> tail;

  /**
   * Completes a frame whose body has returned with the outcome of the stage it returned. Runs the
   * completion on this thread, without a loop hop; completions this triggers on the same thread
   * (a chain of frames each returning the next) are queued through the frames' own run-queue links
   * and run iteratively, so a long chain cannot overflow the stack.
   */
  static void complete(Coroutine<?> frame, Object raw) {
    frame.setOutcome(raw);
    ReturnTrampoline t = CURRENT.get();
    if (t.running) {
      t.add(frame);
      return;
    }
    t.running = true;
    try {
      for (Coroutine<?> f = frame; f != null; f = t.poll()) {
        f.completeWithOutcome();
      }
    } finally {
      t.running = false;
    }
  }

  private void add(Coroutine<?> f) {
    f.setTrampolineNext(null);
    if (tail == null) {
      head = f;
    } else {
      tail.setTrampolineNext(f);
    }
    tail = f;
  }

  private Coroutine<?> poll() {
    Coroutine<?> f = head;
    if (f != null) {
      head = f.trampolineNext();
      if (head == null) {
        tail = null;
      }
      f.setTrampolineNext(null);
    }
    return f;
  }
}
