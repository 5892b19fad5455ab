package dev.weft.benchmarks.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Request heads are found the same way in arrays and buffers, split or pipelined. */
class HttpWireTest {

  private static final byte[] TWO = "GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /x HTTP/1.1\r\n\r\nGET"
      .getBytes(StandardCharsets.US_ASCII);

  @Test
  void findsEachPipelinedHeadAndNotTheIncompleteRest() {
    int first = HttpWire.headEnd(TWO, 0, TWO.length);
    assertEquals(27, first);
    int second = HttpWire.headEnd(TWO, first, TWO.length);
    assertEquals(46, second);
    assertEquals(-1, HttpWire.headEnd(TWO, second, TWO.length));
    assertEquals(-1, HttpWire.headEnd(TWO, 0, first - 1));
  }

  @Test
  void directBufferScanAgreesWithArrayScan() {
    ByteBuffer direct = ByteBuffer.allocateDirect(TWO.length).put(TWO);
    assertEquals(27, HttpWire.headEnd(direct, 0, TWO.length));
    assertEquals(46, HttpWire.headEnd(direct, 27, TWO.length));
    assertEquals(-1, HttpWire.headEnd(direct, 46, TWO.length));
  }

  @Test
  void sleepMillisReadsTheDelayOfASleepRequestOnly() {
    byte[] sleep = "GET /sleep?ms=250 HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    assertEquals(250, HttpWire.sleepMillis(sleep, 0, sleep.length));
    assertEquals(250, HttpWire.sleepMillis(ByteBuffer.allocateDirect(sleep.length).put(sleep), 0, sleep.length));
    assertEquals(0, HttpWire.sleepMillis(TWO, 0, 27));
    byte[] other = "GET /sleepy?ms=5 HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    assertEquals(0, HttpWire.sleepMillis(other, 0, other.length));
  }
}
