package dev.weft.benchmarks.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.util.Set;

/**
 * The Netty 4.2 peer: the usual hello-world shape, {@link HttpServerCodec} followed by {@link
 * NettyHelloHandler}, which writes one response per decoded request and flushes once per read
 * batch.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.weft.benchmarks.http.NettyHelloServer --port 8081 --transport epoll --threads 1</pre>
 *
 * <p>{@code --transport nio|epoll} (default {@code epoll}), {@code --threads N} event loops
 * (default 1), shared by the acceptor and the connections, so {@code --threads 1} is one I/O
 * thread in all. Default pooled allocator. Runs until killed.
 */
public final class NettyHelloServer {

  private NettyHelloServer() {}

  /**
   * Starts the server and blocks until its channel closes (never, unless killed).
   *
   * @param args {@code --port N} (default 8080), {@code --transport nio|epoll}, {@code --threads
   *     N}, {@code --backlog N} (default 4096)
   * @throws InterruptedException if the main thread is interrupted
   * @throws IllegalArgumentException for a bad flag, or {@code epoll} where it is unavailable
   */
  public static void main(String[] args) throws InterruptedException {
    Flags flags = Flags.parse("NettyHelloServer", args, Set.of("port", "transport", "threads", "backlog"));
    int port = flags.integer("port", 8080, 0);
    int threads = flags.integer("threads", 1, 1);
    int backlog = flags.integer("backlog", 4096, 1);
    String transport = flags.string("transport", "epoll");
    IoHandlerFactory io;
    Class<? extends ServerChannel> channel;
    if (transport.equals("epoll")) {
      if (!Epoll.isAvailable()) {
        throw new IllegalArgumentException("NettyHelloServer: epoll unavailable", Epoll.unavailabilityCause());
      }
      io = EpollIoHandler.newFactory();
      channel = EpollServerSocketChannel.class;
    } else if (transport.equals("nio")) {
      io = NioIoHandler.newFactory();
      channel = NioServerSocketChannel.class;
    } else {
      throw new IllegalArgumentException("NettyHelloServer: --transport must be nio or epoll, got '" + transport + "'");
    }

    EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, io);
    try {
      Channel server = new ServerBootstrap()
          .group(group)
          .channel(channel)
          .option(ChannelOption.SO_BACKLOG, backlog)
          .option(ChannelOption.SO_REUSEADDR, true)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline().addLast(new HttpServerCodec(), new NettyHelloHandler());
            }
          })
          .bind(port).sync().channel();
      System.out.println("NettyHelloServer listening on port " + port + " with " + transport
          + " and " + threads + " thread(s)");
      server.closeFuture().sync();
    } finally {
      group.shutdownGracefully();
    }
  }
}
