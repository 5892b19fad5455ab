package dev.weft.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link ChunkedDecoder} fed whole, and fed one byte at a time. */
class ChunkedDecoderTest {
  private static final String BODY = "5;name=value\r\nhello\r\n1\nX\n00a\r\n0123456789\r\n"
      + "0\r\nTrailer: 1\r\n\r\nGET /next";

  private static ByteBuffer bytes(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void wholeBodyDecodesAndStopsBeforeWhatFollows() {
    ChunkedDecoder d = new ChunkedDecoder(100, 10);
    ByteBuffer in = bytes(BODY);
    assertTrue(d.decode(in));
    assertEquals("helloX0123456789", new String(d.body(), StandardCharsets.ISO_8859_1));
    assertEquals("GET /next", StandardCharsets.ISO_8859_1.decode(in).toString());
  }

  @Test
  void everySplitPointGivesTheSameBody() {
    ChunkedDecoder d = new ChunkedDecoder(100, 10);
    ByteBuffer all = bytes(BODY);
    ByteBuffer window = ByteBuffer.allocate(BODY.length());
    boolean done = false;
    while (!done) {
      window.put(all.get()).flip(); // one more byte arrives
      done = d.decode(window);
      window.compact();
    }
    assertEquals("helloX0123456789", new String(d.body(), StandardCharsets.ISO_8859_1));
    assertEquals("GET /next".length(), all.remaining() + window.position());
  }

  @Test
  void sizeOverTheLimitIsRefusedBeforeItsBytes() {
    ChunkedDecoder d = new ChunkedDecoder(10, 10);
    assertFalse(d.decode(bytes("8\r\n12345678\r\n")));
    assertEquals(413, assertThrows(Rejection.class, () -> d.decode(bytes("3\r\n"))).code);
  }

  @Test
  void brokenSyntaxIs400() {
    for (String body : new String[] {"g\r\n", "\r\n", "1\r\nab", "1\r\na\rb", "1234567890abcdef\r\n"}) {
      assertEquals(400, assertThrows(Rejection.class,
          () -> new ChunkedDecoder(100, 10).decode(bytes(body)), body).code, body);
    }
    assertEquals(431, assertThrows(Rejection.class,
        () -> new ChunkedDecoder(100, 1).decode(bytes("0\r\nA: 1\r\nB: 2\r\n\r\n"))).code);
  }
}
