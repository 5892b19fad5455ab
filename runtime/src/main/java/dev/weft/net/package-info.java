/**
 * Non-blocking TCP and UDP whose operations are tasks: {@link dev.weft.net.TcpServer}, {@link
 * dev.weft.net.TcpListener}, {@link dev.weft.net.TcpConnection} and {@link
 * dev.weft.net.UdpSocket}, over the loop's I/O SPI ({@link dev.weft.IoRegistration}); host names
 * are resolved off the loop by a {@link dev.weft.net.Resolver}.
 */
package dev.weft.net;
