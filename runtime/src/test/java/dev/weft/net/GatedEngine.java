package dev.weft.net;

import java.nio.ByteBuffer;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An {@link SSLEngine} over a real one whose delegated tasks wait at a gate until the test opens
 * it, and which records every other engine call made while one of its tasks is out (handed out
 * by {@link #getDelegatedTask} and not finished). The JDK's engine holds its lock while a
 * delegated task runs, and nearly every method takes that lock: such a call blocks its thread
 * until the task is done, which on a loop thread stalls every connection of the loop. Here the
 * call is recorded instead of blocking, so that a test can say where it came from. It also
 * counts the unwraps asked of it with an empty source, which can only answer an underflow.
 */
final class GatedEngine extends SSLEngine {
  /** Opened by the test: the delegated tasks run past it. */
  final CountDownLatch gate = new CountDownLatch(1);
  /** Counted down when the first delegated task is handed out. */
  final CountDownLatch taskOut = new CountDownLatch(1);
  /** The engine calls made while a task was out: method name and thread. */
  final List<String> callsWhileTaskOut = new CopyOnWriteArrayList<>();
  /** Calls of {@code unwrap} with nothing in the source buffer (answered with an underflow). */
  final AtomicInteger emptyUnwraps = new AtomicInteger();
  private final SSLEngine real;
  private volatile int tasksOut;
  private volatile int tasksStarted;

  GatedEngine(SSLEngine real) {
    this.real = real;
  }

  /** A context whose server engines are gated engines, handed to {@code made} as they are made. */
  static SSLContext serverContext(SSLContext real, java.util.function.Consumer<GatedEngine> made) {
    SSLContextSpi spi = new SSLContextSpi() {
      @Override
      protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random)
          throws KeyManagementException {
        throw new KeyManagementException("GatedEngine's context is made initialised");
      }

      @Override
      protected SSLSocketFactory engineGetSocketFactory() {
        return real.getSocketFactory();
      }

      @Override
      protected SSLServerSocketFactory engineGetServerSocketFactory() {
        return real.getServerSocketFactory();
      }

      @Override
      protected SSLEngine engineCreateSSLEngine() {
        GatedEngine e = new GatedEngine(real.createSSLEngine());
        made.accept(e);
        return e;
      }

      @Override
      protected SSLEngine engineCreateSSLEngine(String host, int port) {
        GatedEngine e = new GatedEngine(real.createSSLEngine(host, port));
        made.accept(e);
        return e;
      }

      @Override
      protected SSLSessionContext engineGetServerSessionContext() {
        return real.getServerSessionContext();
      }

      @Override
      protected SSLSessionContext engineGetClientSessionContext() {
        return real.getClientSessionContext();
      }
    };
    return new SSLContext(spi, real.getProvider(), real.getProtocol()) {};
  }

  /** Records a call made while a task is out. */
  private void call(String method) {
    if (tasksOut > 0) {
      callsWhileTaskOut.add(method + " on " + Thread.currentThread().getName());
    }
  }

  /**
   * Hands out the real engine's task, wrapped to wait at the gate. Taking the next task (or
   * learning there is none) before any has started is fine, and not recorded.
   */
  @Override
  public Runnable getDelegatedTask() {
    if (tasksStarted > 0) {
      call("getDelegatedTask");
    }
    Runnable task = real.getDelegatedTask();
    if (task == null) {
      return null;
    }
    tasksOut++;
    taskOut.countDown();
    return () -> {
      tasksStarted++;
      try {
        gate.await();
        task.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        tasksStarted--;
        tasksOut--;
      }
    };
  }

  @Override
  public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst)
      throws SSLException {
    call("wrap");
    return real.wrap(srcs, offset, length, dst);
  }

  @Override
  public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length)
      throws SSLException {
    call("unwrap");
    if (!src.hasRemaining()) {
      emptyUnwraps.incrementAndGet();
    }
    return real.unwrap(src, dsts, offset, length);
  }

  @Override
  public SSLEngineResult.HandshakeStatus getHandshakeStatus() {
    call("getHandshakeStatus");
    return real.getHandshakeStatus();
  }

  @Override
  public void beginHandshake() throws SSLException {
    call("beginHandshake");
    real.beginHandshake();
  }

  @Override
  public void closeInbound() throws SSLException {
    call("closeInbound");
    real.closeInbound();
  }

  @Override
  public boolean isInboundDone() {
    call("isInboundDone");
    return real.isInboundDone();
  }

  @Override
  public void closeOutbound() {
    call("closeOutbound");
    real.closeOutbound();
  }

  @Override
  public boolean isOutboundDone() {
    call("isOutboundDone");
    return real.isOutboundDone();
  }

  @Override
  public SSLSession getSession() {
    call("getSession");
    return real.getSession();
  }

  @Override
  public SSLSession getHandshakeSession() {
    call("getHandshakeSession");
    return real.getHandshakeSession();
  }

  @Override
  public SSLParameters getSSLParameters() {
    call("getSSLParameters");
    return real.getSSLParameters();
  }

  @Override
  public void setSSLParameters(SSLParameters params) {
    real.setSSLParameters(params);
  }

  @Override
  public String getApplicationProtocol() {
    call("getApplicationProtocol");
    return real.getApplicationProtocol();
  }

  @Override
  public String getHandshakeApplicationProtocol() {
    call("getHandshakeApplicationProtocol");
    return real.getHandshakeApplicationProtocol();
  }

  @Override
  public void setHandshakeApplicationProtocolSelector(
      BiFunction<SSLEngine, List<String>, String> selector) {
    real.setHandshakeApplicationProtocolSelector(selector);
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return real.getSupportedCipherSuites();
  }

  @Override
  public String[] getEnabledCipherSuites() {
    return real.getEnabledCipherSuites();
  }

  @Override
  public void setEnabledCipherSuites(String[] suites) {
    real.setEnabledCipherSuites(suites);
  }

  @Override
  public String[] getSupportedProtocols() {
    return real.getSupportedProtocols();
  }

  @Override
  public String[] getEnabledProtocols() {
    return real.getEnabledProtocols();
  }

  @Override
  public void setEnabledProtocols(String[] protocols) {
    real.setEnabledProtocols(protocols);
  }

  @Override
  public void setUseClientMode(boolean mode) {
    real.setUseClientMode(mode);
  }

  @Override
  public boolean getUseClientMode() {
    return real.getUseClientMode();
  }

  @Override
  public void setNeedClientAuth(boolean need) {
    real.setNeedClientAuth(need);
  }

  @Override
  public boolean getNeedClientAuth() {
    return real.getNeedClientAuth();
  }

  @Override
  public void setWantClientAuth(boolean want) {
    real.setWantClientAuth(want);
  }

  @Override
  public boolean getWantClientAuth() {
    return real.getWantClientAuth();
  }

  @Override
  public void setEnableSessionCreation(boolean flag) {
    real.setEnableSessionCreation(flag);
  }

  @Override
  public boolean getEnableSessionCreation() {
    return real.getEnableSessionCreation();
  }
}
