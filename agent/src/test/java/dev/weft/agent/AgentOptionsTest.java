package dev.weft.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {

  @Test
  void nullAndEmptyAreTheDefaults() {
    for (String args : new String[] {null, "", " , "}) {
      AgentOptions options = AgentOptions.parse(args);
      assertFalse(options.verbose());
      assertFalse(options.quiet());
      assertTrue(options.accepts("any/pkg/Clazz"));
      assertEquals(List.of(), options.warnings());
    }
  }

  @Test
  void flags() {
    assertTrue(AgentOptions.parse("verbose").verbose());
    assertTrue(AgentOptions.parse("quiet").quiet());
    assertFalse(AgentOptions.parse("verbose,quiet").verbose(), "quiet wins");
  }

  @Test
  void unknownOptionsWarnAndNeverFail() {
    AgentOptions options = AgentOptions.parse("verbos,include=,verbose=yes,frobnicate=3");
    assertTrue(options.verbose());
    assertEquals(4, options.warnings().size(), options.warnings().toString());
    assertTrue(options.warnings().get(0).startsWith("unknown option 'verbos' ignored"));
    assertTrue(options.warnings().get(1).contains("'include' needs patterns"));
    assertTrue(options.accepts("com/acme/Orders"), "an empty include restricts nothing");
  }

  @Test
  void doubleStarCrossesPackagesSingleStarDoesNot() {
    AgentOptions options = AgentOptions.parse("include=com.acme.**:org.foo.*");
    assertTrue(options.accepts("com/acme/Orders"));
    assertTrue(options.accepts("com/acme/deep/er/Orders"));
    assertTrue(options.accepts("org/foo/Bar"));
    assertFalse(options.accepts("org/foo/sub/Bar"));
    assertFalse(options.accepts("com/acmex/Orders"));
    assertFalse(options.accepts("org/Foo"));
  }

  @Test
  void repeatedOptionsAddPatterns() {
    AgentOptions options = AgentOptions.parse("include=com.acme.**,include=org.foo.Bar");
    assertTrue(options.accepts("com/acme/Orders"));
    assertTrue(options.accepts("org/foo/Bar"));
    assertFalse(options.accepts("org/foo/Baz"));
  }

  @Test
  void classPatternCoversNestedClasses() {
    AgentOptions options = AgentOptions.parse("exclude=com.acme.Orders:com.acme.*Service");
    assertFalse(options.accepts("com/acme/Orders"));
    assertFalse(options.accepts("com/acme/Orders$Line"));
    assertFalse(options.accepts("com/acme/Orders$1"));
    assertFalse(options.accepts("com/acme/PaymentService"));
    assertTrue(options.accepts("com/acme/OrdersView"));
    assertTrue(options.accepts("com/acme/PaymentServices"));
  }

  @Test
  void excludeWinsOverInclude() {
    AgentOptions options = AgentOptions.parse("include=com.acme.**, exclude=com.acme.legacy.**");
    assertTrue(options.accepts("com/acme/Orders"));
    assertFalse(options.accepts("com/acme/legacy/Old"));
    assertEquals(List.of(), options.warnings());
  }

  @Test
  void patternCharactersAreLiteral() {
    AgentOptions options = AgentOptions.parse("include=a.b$c.(x)+");
    assertTrue(options.accepts("a/b$c/(x)+"));
    assertFalse(options.accepts("a/bbc/x"));
  }
}

