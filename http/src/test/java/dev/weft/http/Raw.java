package dev.weft.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A blocking socket client for server tests: sends exact bytes, reads what comes back. */
final class Raw implements AutoCloseable {
  final Socket socket;

  Raw(int port) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    socket.setSoTimeout(20_000);
  }

  private Raw(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(20_000);
  }

  /** A TLS client socket to {@code localhost:port}, handshaken with {@code context}. */
  static Raw tls(int port, javax.net.ssl.SSLContext context) throws IOException {
    javax.net.ssl.SSLSocket s =
        (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket("localhost", port);
    Raw raw = new Raw(s);
    s.startHandshake();
    return raw;
  }

  /** Sends {@code request} on a new connection and reads until the server closes it. */
  static String exchange(int port, String request) throws IOException {
    try (Raw raw = new Raw(port)) {
      raw.send(request);
      return raw.readAll();
    }
  }

  void send(String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
  }

  String readAll() throws IOException {
    return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  /** Reads one response framed by Content-Length or chunked; the head and body as text. */
  String readResponse() throws IOException {
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed after " + head);
      }
      head.append((char) b);
    }
    String h = head.toString();
    int cl = h.indexOf("Content-Length: ");
    if (cl >= 0) {
      int n = Integer.parseInt(h.substring(cl + 16, h.indexOf("\r\n", cl)));
      return h + new String(in.readNBytes(n), StandardCharsets.ISO_8859_1);
    }
    if (h.contains("Transfer-Encoding: chunked")) {
      StringBuilder body = new StringBuilder();
      while (true) {
        String line = line(in);
        body.append(line).append("\r\n");
        int size = Integer.parseInt(line, 16);
        body.append(new String(in.readNBytes(size), StandardCharsets.ISO_8859_1));
        body.append(line(in)).append("\r\n");
        if (size == 0) {
          return h + body;
        }
      }
    }
    return h;
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder s = new StringBuilder();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw new IOException("closed inside a line");
      }
      s.append((char) b);
    }
    return s.toString().replace("\r", "");
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
