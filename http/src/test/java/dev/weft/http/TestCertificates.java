package dev.weft.http;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed certificate (for {@code localhost} and 127.0.0.1 unless told) made at test time (as the
 * runtime's TLS tests make theirs), the SSL contexts of a server presenting it and of a client
 * trusting it, and its PEM form for peers such as {@code curl --cacert}.
 */
final class TestCertificates {
  private static final char[] PASSWORD = "test".toCharArray();

  final KeyPair keys;
  final X509Certificate certificate;

  private TestCertificates(KeyPair keys, X509Certificate certificate) {
    this.keys = keys;
    this.certificate = certificate;
  }

  static TestCertificates selfSigned() throws Exception {
    return selfSigned("localhost", new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
  }

  /** A self-signed certificate for the host name {@code dnsName} only. */
  static TestCertificates selfSigned(String dnsName) throws Exception {
    return selfSigned(dnsName, new GeneralName[0]);
  }

  private static TestCertificates selfSigned(String dnsName, GeneralName... more)
      throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair keys = generator.generateKeyPair();
    X500Name name = new X500Name("CN=" + dnsName);
    Instant now = Instant.now();
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
        BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
        Date.from(now.plus(Duration.ofDays(1))), name, keys.getPublic());
    GeneralName[] names = new GeneralName[1 + more.length];
    names[0] = new GeneralName(GeneralName.dNSName, dnsName);
    System.arraycopy(more, 0, names, 1, more.length);
    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
    X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    return new TestCertificates(keys, certificate);
  }

  /** A server's context: presents the certificate. */
  SSLContext serverContext() throws Exception {
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    keyStore.load(null, null);
    keyStore.setKeyEntry("key", keys.getPrivate(), PASSWORD, new Certificate[] {certificate});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keyStore, PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    return context;
  }

  /** A client's context: trusts the certificate and nothing else. */
  SSLContext clientContext() throws Exception {
    KeyStore trustStore = KeyStore.getInstance("PKCS12");
    trustStore.load(null, null);
    trustStore.setCertificateEntry("trusted", certificate);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trustStore);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  /** Writes the certificate to {@code file} in PEM form; returns {@code file}. */
  Path writePem(Path file) throws IOException, CertificateEncodingException {
    String pem = "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
    return Files.writeString(file, pem, StandardCharsets.US_ASCII);
  }
}
