package dev.weft.benchmarks.http;

import java.io.File;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** The servers' TLS context from {@code --keystore PATH --storepass PW}, as keytool makes it. */
final class KeyStores {
  private KeyStores() {}

  /**
   * A server context presenting the key and certificate of the key store at {@code path}; null
   * without {@code --keystore}.
   *
   * @throws IllegalArgumentException naming {@code program}, if the flags do not go together or
   *     the key store cannot be read
   */
  static SSLContext serverContext(String program, String path, String password) {
    if (path == null) {
      if (password != null) {
        throw new IllegalArgumentException(program + ": --storepass without --keystore");
      }
      return null;
    }
    if (password == null) {
      throw new IllegalArgumentException(program + ": --keystore " + path + " needs --storepass");
    }
    try {
      KeyStore store = KeyStore.getInstance(new File(path), password.toCharArray());
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(program + ": cannot read the key store " + path + ": " + e, e);
    }
  }
}
