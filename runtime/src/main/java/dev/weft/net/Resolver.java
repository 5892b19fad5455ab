package dev.weft.net;

import dev.weft.Task;
import java.net.InetAddress;
import java.util.List;

/**
 * Turns a host name into addresses without blocking the calling thread: the step before {@link
 * TcpConnection#connect(String, int)} and {@link UdpSocket#connect} when they are given a name.
 * {@link #system()} asks the JDK ({@link InetAddress#getAllByName}, which blocks) on the blocking
 * pool; an application plugs in its own (a cache, DNS over the loop, a fixed table in tests) by
 * implementing this one method.
 *
 * <pre>{@code
 * Resolver table = host -> Task.completed(List.of(InetAddress.getByName("10.0.0.7")));
 * TcpConnection c = await(TcpConnection.connect("db", 5432, deadline, table, EventLoop.current()));
 * }</pre>
 */
@FunctionalInterface
public interface Resolver {
  /**
   * Resolves {@code host}. Any thread; must not block it. The task may complete on any thread;
   * the caller cancels it when it stops waiting (a timeout), which should stop the lookup if it
   * can.
   *
   * @return a task completed with the host's addresses, at least one, in order of preference;
   *     or failed with {@link java.net.UnknownHostException} (or another {@link
   *     java.io.IOException})
   */
  Task<List<InetAddress>> resolve(String host);

  /**
   * The JDK's resolver ({@link InetAddress#getAllByName}: the hosts file, then DNS, cached by the
   * JDK as {@code networkaddress.cache.ttl} says), run on the blocking pool ({@link
   * Task#blocking}) so that no loop thread waits for it. An IP literal resolves on the pool too,
   * without a lookup.
   */
  static Resolver system() {
    return SystemResolver.INSTANCE;
  }
}
