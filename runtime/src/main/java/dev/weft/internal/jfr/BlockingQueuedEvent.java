package dev.weft.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/** The time a job of the blocking pool waited in its queue until a pool thread took it. */
@Name("dev.weft.BlockingQueued")
@Label("Blocking Job Queued")
@Description("A Task.blocking job waited this long in the blocking pool's queue before a thread took it; "
    + "the event thread is the pool thread that took it")
@Category("Weft")
@Threshold("10 ms")
@StackTrace(false)
final class BlockingQueuedEvent extends jdk.jfr.Event {
  @Label("Work")
  @Description("The class of the job's Callable")
  String work;

  @Label("Submitter")
  @Description("The thread that submitted the job: an event loop, or the caller of Task.blocking")
  String submitter;
}
