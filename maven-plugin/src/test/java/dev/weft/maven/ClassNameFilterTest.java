package dev.weft.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
