package dev.weft.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * One suspension of a coroutine at an await: begun when it suspends, committed on its loop thread
 * when it resumes. Off unless a recording enables it: it is the one event taken per await.
 */
@Name("dev.weft.Suspension")
@Label("Coroutine Suspension")
@Description("An @Async method suspended at an await until the stage completed and its loop resumed it; "
    + "the event thread is the loop thread it resumed on")
@Category("Weft")
@Enabled(false)
@Threshold("10 ms")
@StackTrace(false)
final class SuspensionEvent extends jdk.jfr.Event {
  @Label("Class")
  @Description("The class declaring the @Async method")
  String asyncClass;

  @Label("Method")
  @Description("The @Async method")
  String asyncMethod;

  @Label("Source File")
  @Description("The source file of the @Async method, when the weaver recorded it")
  String sourceFile;

  @Label("Line")
  @Description("The source line of the await, or -1 when the weaver did not record it")
  int lineNumber;

  @Label("Await")
  @Description("The number of the await in the method, 1 for the first")
  int await;
}
