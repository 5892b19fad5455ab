package dev.weft.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link RequestHead}'s framing and syntax rules, on buffers. */
class RequestHeadTest {
  private static ByteBuffer bytes(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static RequestHead parse(ByteBuffer in) {
    return RequestHead.parse(in, 100);
  }

  private static Rejection rejected(String head) {
    return assertThrows(Rejection.class, () -> parse(bytes(head)));
  }

  @Test
  void pipelinedHeadsWithMixedLineEndsAreParsedInTurn() {
    ByteBuffer in = bytes(
        "GET /a HTTP/1.1\nHost: x\r\n\nGET /b HTTP/1.0\r\n\r\nGET /c HTTP/1.1\r\n");
    RequestHead a = parse(in);
    assertEquals("/a", a.target);
    assertEquals(Persistence.KEEP, a.persistence);
    RequestHead b = parse(in);
    assertEquals("/b", b.target);
    assertEquals(Persistence.CLOSE, b.persistence);
    int at = in.position();
    assertNull(parse(in), "partial head");
    assertEquals(at, in.position());
  }

  @Test
  void connectionHeaderDecidesPersistence() {
    assertEquals(Persistence.KEEP_ALIVE, parse(
        bytes("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")).persistence);
    assertEquals(Persistence.CLOSE, parse(
        bytes("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).persistence);
  }

  @Test
  void framingRules() {
    assertEquals("400 Bad Request",
        rejected("GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3"
            + "\r\n\r\n").status);
    assertEquals("501 Not Implemented",
        rejected("GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n").status);
    assertEquals("400 Bad Request",
        rejected("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
            .status);
    assertEquals("400 Bad Request",
        rejected("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n").status);
    assertTrue(parse(bytes(
        "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked\r\n\r\n")).hasBody);
    assertFalse(parse(bytes(
        "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: 0\r\n\r\n")).hasBody);
  }

  @Test
  void hostRules() {
    rejected("GET / HTTP/1.1\r\n\r\n");
    rejected("GET / HTTP/1.1\r\nhost: a\r\nHOST: a\r\n\r\n");
    rejected("GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n");
    assertEquals("431 Request Header Fields Too Large", assertThrows(Rejection.class,
        () -> RequestHead.parse(bytes("GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\n\r\n"), 2))
        .status);
    assertEquals("/", parse(bytes("GET / HTTP/1.0\r\n\r\n")).target);
  }

  @Test
  void malformedLinesAreRejectedWithoutRepeatingThem() {
    String[] heads = {
        "GET /zqx HTTP/2\r\nHost: x\r\n\r\n", "GET  /zqx HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /zqx HTTP/1.1\r\nHost : x\r\n\r\n", "GET /zqx HTTP/1.1\r\nHost: x\r\n zqx\r\n\r\n",
        "GET /zqx HTTP/1.1\r\nHost: x\r\nzqx\r\n\r\n"};
    for (String head : heads) {
      Rejection e = rejected(head);
      assertEquals("400 Bad Request", e.status, head);
      assertFalse(e.getMessage().contains("zqx"), e.getMessage());
    }
  }

  @Test
  void headsAreReadFromASlicedArrayAndFromADirectBuffer() {
    String text = "xxGET /s HTTP/1.1\r\nHost: x\r\n\r\nGET /t HTTP/1.1\r\nHost: y\r\n\r\n";
    ByteBuffer sliced = bytes(text).position(2).slice(); // array offset 2
    RequestHead s = parse(sliced);
    assertEquals("GET", s.method);
    assertEquals("/s", s.target);
    assertEquals("/t", parse(sliced).target);
    ByteBuffer direct = ByteBuffer.allocateDirect(64);
    direct.put(bytes(text).position(2)).flip();
    assertEquals("/s", parse(direct).target);
    assertEquals("/t", parse(direct).target);
  }
}
