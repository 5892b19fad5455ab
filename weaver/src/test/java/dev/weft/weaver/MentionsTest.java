package dev.weft.weaver;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MentionsTest {
  private static boolean weft(String text) {
    return Mentions.weft(text.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void findsAsyncAndTheAwaitOwnersAnywhere() {
    assertTrue(weft("dev/weft/Task"));
    assertTrue(weft("xxLdev/weft/annotations/Async;yy"));
    assertTrue(weft("dev/weft/dev/weft/Task"));
    assertTrue(weft("dedev/weft/Task"));
    assertTrue(weft("..dev/weft/Promise.."), "Promise.await(stage) mentions only Promise");
  }

  @Test
  void ignoresOtherWeftNamesAndTruncations() {
    assertFalse(weft(""));
    assertFalse(weft("dev/weft/Tas"));
    assertFalse(weft("dev/weft/Promis"));
    assertFalse(weft("dev/weft/annotations/Woven"));
    assertFalse(weft("dev/weft/Channel dev/weftTask dev/Weft/Task"));
    assertFalse(weft("dev/weft/annotations/Asyn"));
  }

  @Test
  void weftsOwnPackagesAreNotUserCode() {
    assertTrue(Names.isWeftItself("dev/weft/Task"));
    assertTrue(Names.isWeftItself("dev/weft/weaver/Weaver"));
    assertTrue(Names.isWeftItself("dev/weft/agent/Agent"));
    assertTrue(Names.isWeftItself("dev/weft/maven/WeaveMojo"));
    assertTrue(Names.isWeftItself("dev/weft/net/TcpServer"), "the runtime's own packages");
    assertTrue(Names.isWeftItself("dev/weft/sync/Channel"));
    assertTrue(Names.isWeftItself("dev/weft/internal/Coroutine"));
    assertFalse(Names.isWeftItself("dev/weft/samples/echo/EchoSample"));
    assertFalse(Names.isWeftItself("dev/weftish/Task"));
    assertFalse(Names.isWeftItself("com/acme/Orders"));
  }
}
