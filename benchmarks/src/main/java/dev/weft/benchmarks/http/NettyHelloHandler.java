package dev.weft.benchmarks.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
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

/**
 * Answers every request decoded by {@code HttpServerCodec} with the hello response, writing
 * without flushing, and flushes once when the read batch ends ({@link #channelReadComplete}).
 *
 * <p>Header names are spelled as in {@link HttpWire#HELLO_RESPONSE} (Netty's own constants are
 * lower case), set in that order, so the bytes on the wire are exactly the shared ones. Stateless
 * and shared by all channels; runs on each channel's event loop.
 */
@ChannelHandler.Sharable
final class NettyHelloHandler extends ChannelInboundHandlerAdapter {

  private static final AsciiString CONTENT_LENGTH = AsciiString.cached("Content-Length");
  private static final AsciiString CONTENT_TYPE = AsciiString.cached("Content-Type");
  private static final AsciiString LENGTH = AsciiString.cached(Integer.toString(HttpWire.HELLO_BODY.length()));
  private static final AsciiString TEXT_PLAIN = AsciiString.cached("text/plain");
  private static final byte[] BODY = HttpWire.HELLO_BODY.getBytes(StandardCharsets.US_ASCII);

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof HttpRequest) {
        HttpRequest request = (HttpRequest) msg;
        FullHttpResponse response = new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(BODY), false);
        response.headers().set(CONTENT_LENGTH, LENGTH).set(CONTENT_TYPE, TEXT_PLAIN);
        if (HttpUtil.isKeepAlive(request)) {
          ctx.write(response, ctx.voidPromise());
        } else {
          ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.flush();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
