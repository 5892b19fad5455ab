package dev.weft.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.junit.jupiter.api.Test;

/** The resumer bootstraps of woven formats 3 and 4, called as a {@code ConstantDynamic} would. */
class ResumerBootstrapTest {
  private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

  /** A bridge as the weaver names it; never called here. */
  private static void checkout$weft$0(Coroutine<?> frame) {}

  private static MethodHandle bridge() throws ReflectiveOperationException {
    return LOOKUP.findStatic(ResumerBootstrapTest.class, "checkout$weft$0",
        MethodType.methodType(void.class, Coroutine.class));
  }

  @Test
  void format4GivesTheLineOfEachLabelAndNoneOutsideThem() throws Exception {
    Coroutine.Resumer r = Coroutine.resumer(LOOKUP, "resumer", Coroutine.Resumer.class, bridge(), 4,
        "Orders.java", "14,-1,20");
    String owner = ResumerBootstrapTest.class.getName();
    assertEquals(new StackTraceElement(owner, "checkout", "Orders.java", 14), AsyncNames.frameOf(r, 1));
    assertEquals(new StackTraceElement(owner, "checkout", "Orders.java", -1), AsyncNames.frameOf(r, 2));
    assertEquals(new StackTraceElement(owner, "checkout", "Orders.java", 20), AsyncNames.frameOf(r, 3));
    assertEquals(-1, AsyncNames.frameOf(r, 0).getLineNumber(), "before the first await");
    assertEquals(-1, AsyncNames.frameOf(r, (1 << 28) - 1).getLineNumber(), "the body has returned");
    assertEquals("ResumerBootstrapTest.checkout (Orders.java:14), await 1",
        AsyncNames.where(AsyncNames.frameOf(r, 1), 1));
    assertEquals("await 2", AsyncNames.where(AsyncNames.frameOf(r, 2), 2));
  }

  @Test
  void format4WithoutASourceFileKeepsItsLines() throws Exception {
    Coroutine.Resumer r = Coroutine.resumer(LOOKUP, "resumer", Coroutine.Resumer.class, bridge(), 4, "", "9");
    assertNull(AsyncNames.frameOf(r, 1).getFileName());
    assertEquals(9, AsyncNames.frameOf(r, 1).getLineNumber());
    assertEquals("ResumerBootstrapTest.checkout (line 9), await 1", AsyncNames.where(AsyncNames.frameOf(r, 1), 1));
  }

  @Test
  void format3KnowsTheMethodButNoFileOrLine() throws Exception {
    Coroutine.Resumer r = Coroutine.resumer(LOOKUP, "resumer", Coroutine.Resumer.class, bridge());
    assertEquals(new StackTraceElement(ResumerBootstrapTest.class.getName(), "checkout", null, -1),
        AsyncNames.frameOf(r, 1));
  }

  @Test
  void malformedMetadataIsABootstrapErrorNamingTheMethod() throws Exception {
    MethodHandle bridge = bridge();
    BootstrapMethodError e = assertThrows(BootstrapMethodError.class, () ->
        Coroutine.resumer(LOOKUP, "resumer", Coroutine.Resumer.class, bridge, 4, "Orders.java", "14,x"));
    assertTrue(e.getMessage().startsWith("Malformed debug metadata of "
        + ResumerBootstrapTest.class.getName() + ".checkout (woven format 4)"), e.getMessage());
    assertThrows(BootstrapMethodError.class, () ->
        Coroutine.resumer(LOOKUP, "resumer", Coroutine.Resumer.class, bridge, 4));
  }

  @Test
  void aFormatThisRuntimeDoesNotRunIsRefusedBeforeItsMetadataIsRead() throws Exception {
    MethodHandle bridge = bridge();
    BootstrapMethodError e = assertThrows(BootstrapMethodError.class, () ->
        Coroutine.resumer(LOOKUP, "resumer", Coroutine.Resumer.class, bridge, 5, 42L));
    assertEquals(ResumerBootstrapTest.class.getName() + ".checkout was woven in Weft's woven format 5,"
        + " but this runtime runs formats 3 to 4: rebuild " + ResumerBootstrapTest.class.getName()
        + " with the weaver (weft-processor, weft-agent or weft-maven-plugin) of the same version as"
        + " this weft-runtime", e.getMessage());
  }
}
