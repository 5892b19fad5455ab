package dev.weft.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseEncoderTest {
  private static String text(ByteBuffer b) {
    byte[] bytes = new byte[b.remaining()];
    b.duplicate().get(bytes);
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private static HttpResponse hello() {
    return HttpResponse.of(200, HttpHeaders.of("Content-Type", "text/plain", "X-Name", "caf\u00e9",
        "Content-Length", "99", "connection", "upgrade"), "Hello".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void wholeResponseHasTheFramingOfTheServerAndTheHandlerFieldsInOrder() {
    assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n"
            + "X-Name: caf\u00e9\r\n\r\nHello",
        text(ResponseEncoder.whole(hello(), Persistence.KEEP, false)));
  }

  @Test
  void headRequestGetsTheHeadOnlyWithTheBodysLength() {
    assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n"
            + "X-Name: caf\u00e9\r\nConnection: close\r\n\r\n",
        text(ResponseEncoder.whole(hello(), Persistence.CLOSE, true)));
  }

  @Test
  void bodylessStatusHasNoLengthAndNoBody() {
    HttpResponse r = HttpResponse.of(204, HttpHeaders.of("X-A", "b"), new byte[] {1, 2, 3});
    assertEquals("HTTP/1.1 204 No Content\r\nX-A: b\r\nConnection: keep-alive\r\n\r\n",
        text(ResponseEncoder.whole(r, Persistence.KEEP_ALIVE, false)));
  }

  @Test
  void charactersBeyondLatin1BecomeQuestionMarks() {
    HttpResponse r = HttpResponse.of(200, HttpHeaders.of("X-Snow", "\u2603!"), new byte[0]);
    assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Snow: ?!\r\n\r\n",
        text(ResponseEncoder.whole(r, Persistence.KEEP, false)));
  }

  @Test
  void streamedHeadsCarryALengthChunkedOrNothing() {
    HttpResponse r = HttpResponse.of(200, HttpHeaders.of("A", "1"), new byte[0]);
    assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 1234567890123\r\nA: 1\r\n\r\n",
        text(ResponseEncoder.streamHead(r, Persistence.KEEP, 1234567890123L, false)));
    assertEquals("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nA: 1\r\n\r\n",
        text(ResponseEncoder.streamHead(r, Persistence.KEEP, -1, true)));
    assertEquals("HTTP/1.1 200 OK\r\nA: 1\r\nConnection: close\r\n\r\n",
        text(ResponseEncoder.streamHead(r, Persistence.CLOSE, -1, false)));
  }
}
