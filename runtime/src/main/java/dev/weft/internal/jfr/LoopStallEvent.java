package dev.weft.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/** One step of an event loop that ran longer than the threshold, on the loop thread. */
@Name("dev.weft.LoopStall")
@Label("Event Loop Stall")
@Description("A loop step (a task, a coroutine's resume, the expired timers, an I/O turn) ran this long; "
    + "every coroutine on the loop waited meanwhile")
@Category("Weft")
@Threshold("20 ms")
@StackTrace(false)
final class LoopStallEvent extends jdk.jfr.Event {
  @Label("Step")
  @Description("What the step ran")
  String step;

  @Label("Class")
  @Description("The class declaring the @Async method the step resumed, if it resumed a coroutine")
  String asyncClass;

  @Label("Method")
  @Description("The @Async method the step resumed, if it resumed a coroutine")
  String asyncMethod;

  @Label("Source File")
  @Description("The source file of the @Async method, when the weaver recorded it")
  String sourceFile;

  @Label("Resumed At Await")
  @Description("The number of the await the coroutine resumed from at the start of the step (1 for the first)")
  int resumedAwait;

  @Label("Suspended At Line")
  @Description("The source line of the await the coroutine suspended at when the step ended, "
      + "or -1 when its body ended or the line was not recorded")
  int suspendedLine;
}
