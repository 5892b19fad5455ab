package dev.weft.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.benchmarks.http.HttpWire;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** ConnectionLoad passes a server that answers the shared bytes and fails every other one. */
class ConnectionLoadTest {

  private static final byte[] HELLO = HttpWire.helloResponse();

  private static boolean load(ScriptedServer server, int connections, int requests) throws Exception {
    return ConnectionLoad.run(LoadSettings.parse(new String[] {
        "--port", Integer.toString(server.port()), "--connections", Integer.toString(connections),
        "--requests", Integer.toString(requests), "--threads", "2", "--timeout-seconds", "60"}));
  }

  @Test
  void passesWhenEveryResponseIsTheHelloResponse() throws Exception {
    try (ScriptedServer server = new ScriptedServer(n -> HELLO)) {
      assertTrue(load(server, 40, 3));
    }
  }

  @Test
  void failsWhenAHeaderDiffersInCase() throws Exception {
    byte[] lowerCase = HttpWire.HELLO_RESPONSE.replace("Content-Type", "content-type")
        .getBytes(StandardCharsets.US_ASCII);
    try (ScriptedServer server = new ScriptedServer(n -> n == 2 ? lowerCase : HELLO)) {
      assertFalse(load(server, 10, 3));
    }
  }

  @Test
  void failsWhenTheServerClosesBeforeTheLastResponse() throws Exception {
    try (ScriptedServer server = new ScriptedServer(n -> n == 3 ? null : HELLO)) {
      assertFalse(load(server, 10, 3));
    }
  }

  @Test
  void failsWhenTheServerSendsMoreThanWasAsked() throws Exception {
    byte[] twice = HttpWire.helloResponses(2);
    try (ScriptedServer server = new ScriptedServer(n -> twice)) {
      assertFalse(load(server, 5, 1));
    }
  }

  @Test
  void failsWhenNothingListens() throws Exception {
    ScriptedServer server = new ScriptedServer(n -> HELLO);
    server.close();
    assertFalse(load(server, 3, 1));
  }

  @Test
  void rejectsUnknownFlagsByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LoadSettings.parse(new String[] {"--conections", "10"}));
    assertTrue(e.getMessage().contains("--conections"), e.getMessage());
  }

  @Test
  void helloResponseIsTheDocumentedBytes() {
    assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 13\r\nContent-Type: text/plain\r\n\r\nHello, World!",
        new String(HELLO, StandardCharsets.US_ASCII));
    assertEquals(78, HELLO.length);
  }
}
