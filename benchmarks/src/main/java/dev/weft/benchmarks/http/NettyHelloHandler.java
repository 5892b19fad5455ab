package dev.weft.benchmarks.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Answers every request decoded by {@code HttpServerCodec} with the hello response, writing
 * without flushing, and flushes once when the read batch ends ({@link #channelReadComplete}).
 *
 * <p>Header names are spelled as in {@link HttpWire#HELLO_RESPONSE} (Netty's own constants are
 * lower case), set in that order, so the bytes on the wire are exactly the shared ones.
 *
 * <p>{@code GET /sleep?ms=N} is answered by a task scheduled on the channel's event loop N ms
 * later. To keep answers in request order, every request that arrives while a scheduled answer
 * is pending is scheduled too, no earlier than the one before it (tasks due at the same time run
 * in the order they were scheduled). One instance per channel; runs on the channel's event
 * loop. With {@code -Dbench.latencyLog}, each answer at once is recorded from its request's
 * decoding to the flush that sent it ({@link ServerLatency}).
 */
final class NettyHelloHandler extends ChannelInboundHandlerAdapter {

  private static final AsciiString CONTENT_LENGTH = AsciiString.cached("Content-Length");
  private static final AsciiString CONTENT_TYPE = AsciiString.cached("Content-Type");
  private static final AsciiString LENGTH = AsciiString.cached(Integer.toString(HttpWire.HELLO_BODY.length()));
  private static final AsciiString TEXT_PLAIN = AsciiString.cached("text/plain");
  private static final byte[] BODY = HttpWire.HELLO_BODY.getBytes(StandardCharsets.US_ASCII);

  /** Answers scheduled and not yet written; while above 0, every answer is scheduled. */
  private int delayed;
  /** {@link System#nanoTime()} at which the last scheduled answer is due. */
  private long lastDue;
  /** When the requests answered but not flushed yet were read, for {@link ServerLatency}. */
  private long[] readAt = new long[8];
  private int unflushed;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof HttpRequest) {
        HttpRequest request = (HttpRequest) msg;
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        long sleepNanos = TimeUnit.MILLISECONDS.toNanos(sleepMillis(request.uri()));
        if (sleepNanos == 0 && delayed == 0) {
          long read = System.nanoTime();
          respond(ctx, keepAlive, false);
          if (!keepAlive) {
            ServerLatency.record(read, 1);
          } else if (ServerLatency.on()) {
            if (unflushed == readAt.length) {
              readAt = java.util.Arrays.copyOf(readAt, unflushed * 2);
            }
            readAt[unflushed++] = read;
          }
        } else {
          long due = Math.max(System.nanoTime() + sleepNanos, lastDue);
          lastDue = due;
          delayed++;
          ctx.executor().schedule(() -> {
            delayed--;
            respond(ctx, keepAlive, true);
          }, due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private static void respond(ChannelHandlerContext ctx, boolean keepAlive, boolean flush) {
    FullHttpResponse response = new DefaultFullHttpResponse(
        HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(BODY), false);
    response.headers().set(CONTENT_LENGTH, LENGTH).set(CONTENT_TYPE, TEXT_PLAIN);
    if (!keepAlive) {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    } else if (flush) {
      ctx.writeAndFlush(response, ctx.voidPromise());
    } else {
      ctx.write(response, ctx.voidPromise());
    }
  }

  private static int sleepMillis(String uri) {
    String prefix = "/sleep?ms=";
    if (!uri.startsWith(prefix)) {
      return 0;
    }
    try {
      return Math.max(0, Integer.parseInt(uri.substring(prefix.length())));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.flush();
    for (int i = 0; i < unflushed; i++) {
      ServerLatency.record(readAt[i], 1);
    }
    unflushed = 0;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
