package dev.weft.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MentionsTest {
  private static boolean weft(String text) {
    return Mentions.weft(text.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void findsAsyncAndTaskAnywhere() {
    assertTrue(weft("dev/weft/Task"));
    assertTrue(weft("xxLdev/weft/annotations/Async;yy"));
    assertTrue(weft("dev/weft/dev/weft/Task"));
    assertTrue(weft("dedev/weft/Task"));
  }

  @Test
  void ignoresOtherWeftNamesAndTruncations() {
    assertFalse(weft(""));
    assertFalse(weft("dev/weft/Tas"));
    assertFalse(weft("dev/weft/annotations/Woven"));
    assertFalse(weft("dev/weft/Promise dev/weftTask dev/Weft/Task"));
    assertFalse(weft("dev/weft/annotations/Asyn"));
  }
}
