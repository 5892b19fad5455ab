package dev.weft.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A failed task whose failure nobody observed, reported when it was collected or at exit. */
@Name("dev.weft.UnobservedFailure")
@Label("Unobserved Task Failure")
@Description("A task failed and no await, join or callback ever saw the failure")
@Category("Weft")
@StackTrace(false)
final class UnobservedFailureEvent extends jdk.jfr.Event {
  @Label("Method")
  @Description("The @Async method of the task, or the task's class")
  String method;

  @Label("Task")
  @Description("The task, as its method and identity")
  String task;

  @Label("Exception Class")
  @Description("The class of the failure's cause")
  String exceptionClass;

  @Label("Message")
  @Description("The message of the failure's cause")
  String message;

  @Label("At Exit")
  @Description("Whether it was reported as the JVM exited rather than when the task was collected")
  boolean atExit;
}
