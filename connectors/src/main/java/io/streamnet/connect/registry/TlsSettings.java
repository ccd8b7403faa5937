package io.streamnet.connect.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS material for an {@code https} registry: a trust store with the registry's CA (null: the JVM's default trust)
 * and, for mutual TLS, a key store with the client's key and certificate (null: no client certificate).
 * Store types are those of {@link KeyStore} ({@code PKCS12}, {@code JKS}).
 */
public record TlsSettings(String trustStorePath, String trustStorePassword, String trustStoreType,
                          String keyStorePath, String keyStorePassword, String keyStoreType, String keyPassword)
    implements Serializable {

  /** The JVM's default trust, no client certificate. */
  public static final TlsSettings DEFAULT = new TlsSettings(null, null, null, null, null, null, null);

  /** Trust the certificates in {@code path} (PKCS12 unless the type says otherwise). */
  public static TlsSettings trustStore(String path, String password) {
    return new TlsSettings(path, password, "PKCS12", null, null, null, null);
  }

  /** The same settings plus a client key store for mutual TLS. */
  public TlsSettings withKeyStore(String path, String password, String type, String keyPass) {
    return new TlsSettings(trustStorePath, trustStorePassword, trustStoreType, path, password, type, keyPass);
  }

  public boolean isDefault() {
    return trustStorePath == null && keyStorePath == null;
  }

  /** Builds the SSL context; a missing or unreadable store is an {@link IllegalArgumentException} naming the file. */
  public SSLContext sslContext() {
    try {
      if (isDefault()) {
        return SSLContext.getDefault();
      }
      TrustManagerFactory tmf = null;
      if (trustStorePath != null) {
        tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(trustStorePath, trustStorePassword, trustStoreType, "trust store"));
      }
      KeyManagerFactory kmf = null;
      if (keyStorePath != null) {
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        String pass = keyPassword != null ? keyPassword : keyStorePassword;
        kmf.init(load(keyStorePath, keyStorePassword, keyStoreType, "key store"), chars(pass));
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot set up TLS for the schema registry: " + e.getMessage(), e);
    }
  }

  private static KeyStore load(String path, String password, String type, String what) {
    String storeType = type != null ? type : "PKCS12";
    try (InputStream in = Files.newInputStream(Path.of(path))) {
      KeyStore store = KeyStore.getInstance(storeType);
      store.load(in, chars(password));
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot load the schema-registry " + what + " " + path + " (type " + storeType
          + "): " + e.getMessage(), e);
    }
  }

  private static char[] chars(String s) {
    return s == null ? null : s.toCharArray();
  }

  @Override
  public String toString() {
    return "TlsSettings[trustStore=" + trustStorePath + ", keyStore=" + keyStorePath + "]";
  }
}
