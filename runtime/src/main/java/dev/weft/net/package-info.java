/**
 * Non-blocking TCP, TLS and UDP whose operations are tasks: {@link
 * dev.weft.net.TcpServer}, {@link dev.weft.net.TcpListener}, {@link dev.weft.net.TcpConnection}
 * and {@link dev.weft.net.UdpSocket}, over the loop's I/O SPI ({@link dev.weft.IoRegistration}); {@link
 * dev.weft.net.TlsServer} and {@link dev.weft.net.TlsConnection}, configured by a {@link
 * dev.weft.net.TlsConfig}; host names are resolved off the loop by a {@link dev.weft.net.Resolver}.
 *
 * <h2>Why TLS is a connection over a connection</h2>
 *
 * <p>{@code TlsConnection} has the operations of {@code TcpConnection} and owns one: its {@link
 * javax.net.ssl.SSLEngine} turns the caller's reads and writes into the TCP connection's own read
 * and write tasks. The alternative, TLS as a layer inside the socket's readiness handling, would
 * put a second set of states (handshake, wrap, unwrap, delegated tasks) into every path of the
 * TCP code. Layered on the TCP tasks instead, there is one code path for socket I/O: readiness,
 * the idle timeout, a loop's shutdown and {@code close} are the TCP connection's, and TLS only
 * adds what TLS needs (records, close_notify, the handshake). A read or write stays a task to
 * {@code await} or cancel exactly as on TCP, and code written for one reads the same for the
 * other. The cost is one copy of received plaintext (unwrapped into the connection's buffer, then
 * into the caller's) and one task per TLS operation.
 */
package dev.weft.net;
