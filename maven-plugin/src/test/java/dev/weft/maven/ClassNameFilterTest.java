package dev.weft.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.weaver.WeaveProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassNameFilterTest {

  @Test
  void noPatternsMeansEverything() {
    assertTrue(new ClassNameFilter(null, null).test("a.B"));
    assertTrue(new ClassNameFilter(List.of(), List.of()).test("B"));
  }

  @Test
  void doubleStarCrossesPackagesSingleStarDoesNot() {
    ClassNameFilter deep = new ClassNameFilter(List.of("com.acme.**"), null);
    assertTrue(deep.test("com.acme.Orders"));
    assertTrue(deep.test("com.acme.shop.Cart$1"));
    assertFalse(deep.test("com.acmex.Orders"));
    ClassNameFilter flat = new ClassNameFilter(List.of("com.acme.*"), null);
    assertTrue(flat.test("com.acme.Orders"));
    assertFalse(flat.test("com.acme.shop.Cart"));
    assertTrue(new ClassNameFilter(List.of("com.acme.Order?"), null).test("com.acme.Orders"));
  }

  @Test
  void nestedClassesFollowTheirOuterClassAndExcludesWin() {
    ClassNameFilter filter = new ClassNameFilter(List.of("com.acme.**"), List.of("com.acme.Legacy"));
    assertFalse(filter.test("com.acme.Legacy"));
    assertFalse(filter.test("com.acme.Legacy$Inner"));
    assertTrue(filter.test("com.acme.LegacyNot"));
    assertTrue(new ClassNameFilter(List.of("com.acme.Orders"), null).test("com.acme.Orders$1"));
  }

  @Test
  void problemsPrintAsSourcePathLineMessage() {
    assertEquals(
        "com/acme/Orders.java:12: boom",
        AbstractWeaveMojo.fileLineMessage(new WeaveProblem("com/acme/Orders$1", "m", "Orders.java", 12, "boom")));
    assertEquals(
        "Top.java:?: boom",
        AbstractWeaveMojo.fileLineMessage(new WeaveProblem("Top", "m", "Top.java", -1, "boom")));
    assertEquals(
        "com/acme/Orders.java:3: boom",
        AbstractWeaveMojo.fileLineMessage(new WeaveProblem("com/acme/Orders$In", "m", null, 3, "boom")));
  }
}
