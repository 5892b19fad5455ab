package dev.weft.net;

import dev.weft.Task;
import java.net.InetAddress;
import java.util.List;

/** {@link Resolver#system()}: {@link InetAddress#getAllByName} on the blocking pool. */
final class SystemResolver implements Resolver {
  static final SystemResolver INSTANCE = new SystemResolver();

  private SystemResolver() {}

  @Override
  public Task<List<InetAddress>> resolve(String host) {
    return Task.blocking(() -> List.of(InetAddress.getAllByName(host)));
  }

  @Override
  public String toString() {
    return "Resolver.system()";
  }
}
