package dev.weft.net;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * How {@link TlsConnection}s and {@link TlsServer}s speak TLS: the user's {@link SSLContext} (keys,
 * trust, provider), the application protocols to offer or accept (ALPN), and any other {@link
 * SSLParameters} (protocols, cipher suites, client authentication). Immutable; any thread.
 *
 * <pre>{@code
 * TlsConfig config = TlsConfig.of(sslContext)
 *     .withApplicationProtocols("http/1.1")
 *     .withParameters(p -> p.setProtocols(new String[] {"TLSv1.3"}));
 * }</pre>
 *
 * <p>A client verifies that the server's certificate names the host it connects to (endpoint
 * identification {@code "HTTPS"}) and sends that host name as SNI unless it is an IP address;
 * {@link #withParameters} can change both. Client engines are made with the peer's host and port,
 * so that the JDK resumes sessions from its session cache where the protocol allows.
 */
public final class TlsConfig {
  private final SSLContext context;
  private final List<String> applicationProtocols;
  private final Consumer<? super SSLParameters> parameters;

  private TlsConfig(SSLContext context, List<String> applicationProtocols,
      Consumer<? super SSLParameters> parameters) {
    this.context = context;
    this.applicationProtocols = applicationProtocols;
    this.parameters = parameters;
  }

  /** A configuration with {@code context}'s defaults and no application protocols. */
  public static TlsConfig of(SSLContext context) {
    return new TlsConfig(Objects.requireNonNull(context, "context"), List.of(), p -> {});
  }

  /**
   * This configuration offering (client) or accepting (server) {@code protocols} through ALPN, in
   * order of preference (e.g. {@code "h2", "http/1.1"}); none to turn ALPN off. A server picks the
   * first of its own protocols the client offers, and fails the handshake when there is none.
   */
  public TlsConfig withApplicationProtocols(String... protocols) {
    List<String> list = List.of(protocols);
    for (String p : list) {
      if (p.isEmpty()) {
        throw new IllegalArgumentException("An empty application protocol name in " + list);
      }
    }
    return new TlsConfig(context, list, parameters);
  }

  /**
   * This configuration with {@code customizer} applied to each engine's {@link SSLParameters}
   * after Weft set its own (host name verification, SNI, ALPN), e.g. {@code p ->
   * p.setNeedClientAuth(true)}. It runs on the connection's loop and must not block.
   */
  public TlsConfig withParameters(Consumer<? super SSLParameters> customizer) {
    Objects.requireNonNull(customizer, "customizer");
    Consumer<? super SSLParameters> previous = parameters;
    return new TlsConfig(context, applicationProtocols, p -> {
      previous.accept(p);
      customizer.accept(p);
    });
  }

  /** The SSL context engines are made from. */
  public SSLContext context() {
    return context;
  }

  /** The application protocols offered or accepted, in order; empty when ALPN is off. */
  public List<String> applicationProtocols() {
    return applicationProtocols;
  }

  /** A client engine for {@code host} (null if unknown) and {@code port}. */
  SSLEngine clientEngine(String host, int port) {
    SSLEngine engine = host == null ? context.createSSLEngine() : context.createSSLEngine(host, port);
    engine.setUseClientMode(true);
    SSLParameters p = engine.getSSLParameters();
    if (host != null) {
      p.setEndpointIdentificationAlgorithm("HTTPS");
      if (!isIpLiteral(host)) {
        p.setServerNames(List.of(new SNIHostName(host)));
      }
    }
    return configure(engine, p);
  }

  /** A server engine. */
  SSLEngine serverEngine() {
    SSLEngine engine = context.createSSLEngine();
    engine.setUseClientMode(false);
    return configure(engine, engine.getSSLParameters());
  }

  private SSLEngine configure(SSLEngine engine, SSLParameters p) {
    if (!applicationProtocols.isEmpty()) {
      p.setApplicationProtocols(applicationProtocols.toArray(new String[0]));
    }
    parameters.accept(p);
    engine.setSSLParameters(p);
    return engine;
  }

  /** Whether {@code host} is an IPv4 or IPv6 address rather than a name (SNI carries names only). */
  static boolean isIpLiteral(String host) {
    return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
  }

  @Override
  public String toString() {
    return "TlsConfig[" + context.getProtocol() + ", alpn=" + applicationProtocols + "]";
  }
}
