/**
 * Non-blocking TCP whose operations are tasks: {@link dev.weft.net.TcpServer}, {@link
 * dev.weft.net.TcpListener} and {@link dev.weft.net.TcpConnection}, over the loop's I/O SPI
 * ({@link dev.weft.IoRegistration}).
 */
package dev.weft.net;
