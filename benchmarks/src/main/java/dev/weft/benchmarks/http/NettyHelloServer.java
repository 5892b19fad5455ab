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
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.File;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

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
 *
 * <p>With {@code --keystore server.p12 --storepass pw} (a PKCS12 or JKS key store holding one key
 * and its certificate, as {@code keytool -genkeypair} makes it) it serves HTTPS: an {@link
 * io.netty.handler.ssl.SslHandler} with the JDK's {@code SSLEngine} ({@link SslProvider#JDK}, not
 * OpenSSL) in front of the codec, offering the JDK's default cipher suites in the JDK's order, so
 * that it is the TLS peer of the Weft sample's {@code http --keystore}, which uses the same engine
 * and negotiates the same suite.
 */
public final class NettyHelloServer {

  private NettyHelloServer() {}

  /**
   * Starts the server and blocks until its channel closes (never, unless killed).
   *
   * @param args {@code --port N} (default 8080), {@code --transport nio|epoll}, {@code --threads
   *     N}, {@code --backlog N} (default 4096), {@code --keystore PATH --storepass PW} for HTTPS
   * @throws InterruptedException if the main thread is interrupted
   * @throws IllegalArgumentException for a bad flag, {@code epoll} where it is unavailable, or a
   *     key store that cannot be read
   */
  public static void main(String[] args) throws InterruptedException {
    Flags flags = Flags.parse("NettyHelloServer", args,
        Set.of("port", "transport", "threads", "backlog", "keystore", "storepass"));
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

    SslContext tls = tls(flags.string("keystore", null), flags.string("storepass", null));

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
              if (tls != null) {
                ch.pipeline().addLast(tls.newHandler(ch.alloc()));
              }
              ch.pipeline().addLast(new HttpServerCodec(), new NettyHelloHandler());
            }
          })
          .bind(port).sync().channel();
      System.out.println("NettyHelloServer listening on port " + port + " with " + transport
          + " and " + threads + " thread(s)" + (tls == null ? "" : ", HTTPS with the JDK provider"));
      server.closeFuture().sync();
    } finally {
      group.shutdownGracefully();
    }
  }

  /**
   * The server's TLS context with the JDK provider, from the key store at {@code path}; null
   * without {@code --keystore}.
   */
  private static SslContext tls(String path, String password) {
    if (path == null) {
      if (password != null) {
        throw new IllegalArgumentException("NettyHelloServer: --storepass without --keystore");
      }
      return null;
    }
    if (password == null) {
      throw new IllegalArgumentException("NettyHelloServer: --keystore " + path + " needs --storepass");
    }
    try {
      KeyStore store = KeyStore.getInstance(new File(path), password.toCharArray());
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password.toCharArray());
      // Netty's own default list puts TLS_AES_128_GCM_SHA256 first; the JDK's, which the Weft
      // sample's engine uses, TLS_AES_256_GCM_SHA384. Offer the JDK's list, in its order, so that
      // both servers negotiate the same cipher suite with the same client.
      List<String> jdkSuites =
          List.of(SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites());
      return SslContextBuilder.forServer(keys).sslProvider(SslProvider.JDK).ciphers(jdkSuites).build();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("NettyHelloServer: cannot read the key store " + path + ": " + e, e);
    }
  }
}
