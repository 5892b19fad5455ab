package dev.weft.processor.run;

/**
 * How the stages that a program makes with {@code Support.s(v)} complete. Every corpus program
 * runs under each timing, so that both the fast path (a completed stage: no suspension) and real
 * suspension (a stage completed later on another thread) are exercised by the same source.
 */
enum Timing {
  /** Every stage is already complete: the coroutine never suspends. */
  NOW,
  /** Every stage completes about a millisecond later, on another thread: every await suspends. */
  LATER,
  /** Stages alternate, later first: suspensions interleave with fast-path awaits. */
  MIXED
}
