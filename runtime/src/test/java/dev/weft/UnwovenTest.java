package dev.weft;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The error of an await reached unwoven: how to enable weaving, or why the agent could not weave. */
class UnwovenTest {
  private static final String PROPERTY = "weft.agent.notWoven." + UnwovenTest.class.getName();

  @AfterEach
  void forget() {
    System.clearProperty(PROPERTY);
  }

  @Test
  void withoutARecordedFailureItSaysHowToEnableWeaving() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Task.await(Task.completed(1)));
    assertTrue(e.getMessage().startsWith("Task.await() was called in dev.weft.UnwovenTest."), e.getMessage());
    assertTrue(e.getMessage().contains("Annotate the method with @dev.weft.annotations.Async"), e.getMessage());
  }

  @Test
  void afterTheAgentFailedToWeaveTheClassItSaysSoAndWhy() {
    System.setProperty(PROPERTY, "dev/weft/UnwovenTest.java:9: [WeftAwaitInLambda] could not weave it");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Task.await(Task.completed(1), java.io.IOException.class, java.util.concurrent.TimeoutException.class));
    assertTrue(e.getMessage().contains(", which was not woven into a state machine: weft-agent could not weave"
        + " dev.weft.UnwovenTest and left it as it was:\ndev/weft/UnwovenTest.java:9: [WeftAwaitInLambda]"
        + " could not weave it\n"), e.getMessage());
    assertFalse(e.getMessage().contains("Annotate"), e.getMessage());
  }
}
