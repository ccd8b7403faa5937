package io.streamnet.connect.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The secured listeners of an {@link EmbeddedKafkaBroker}, beside its PLAINTEXT one (which the broker keeps for
 * itself and for tests' set-up): {@value #SASL_SSL} (TLS, then SASL SCRAM-SHA-512 with the given users, created in
 * the KRaft metadata when the storage is formatted) and, when {@code clientTrustStore} is given, {@value #SSL}
 * (TLS that requires a client certificate signed by a CA of that store). No authorizer: an authenticated client may
 * do anything, as on the PLAINTEXT listener.
 *
 * @param keyStore         PKCS12 store with the broker's key and certificate chain (SAN 127.0.0.1 / localhost)
 * @param storePassword    password of the stores and of the broker's key
 * @param clientTrustStore PKCS12 store of the CA whose client certificates the SSL listener accepts; null: no SSL
 *                         listener
 * @param scramUsers       SCRAM-SHA-512 user name to password
 */
public record BrokerSecurity(Path keyStore, String storePassword, Path clientTrustStore,
                             Map<String, String> scramUsers) {
  /** The listener (and its security protocol) of SCRAM-SHA-512 over TLS. */
  public static final String SASL_SSL = "SASL_SSL";
  /** The listener (and its security protocol) of TLS with client certificates. */
  public static final String SSL = "SSL";
  public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

  public BrokerSecurity {
    Objects.requireNonNull(keyStore, "keyStore");
    Objects.requireNonNull(storePassword, "storePassword");
    scramUsers = Map.copyOf(scramUsers);
    for (Map.Entry<String, String> u : scramUsers.entrySet()) {
      // The formatter's SCRAM argument syntax has no escapes: keep names and passwords to safe characters.
      if (!u.getKey().matches("[A-Za-z0-9_.-]+") || !u.getValue().matches("[A-Za-z0-9_.@#%+-]+")) {
        throw new IllegalArgumentException("SCRAM user '" + u.getKey() + "': names and passwords of the embedded"
            + " broker use letters, digits and _.-@#%+ only");
      }
    }
  }

  /** The secured listeners' names, in the order of their ports. */
  List<String> listeners() {
    return clientTrustStore == null ? List.of(SASL_SSL) : List.of(SASL_SSL, SSL);
  }

  /**
   * Adds the secured listeners on {@code ports} (one per {@link #listeners()}, same order) to broker settings that
   * already name the PLAINTEXT and controller listeners.
   */
  void addTo(Map<String, String> props, List<Integer> ports) {
    List<String> names = listeners();
    StringBuilder listeners = new StringBuilder(props.get("listeners"));
    StringBuilder advertised = new StringBuilder(props.get("advertised.listeners"));
    StringBuilder protocols = new StringBuilder(props.get("listener.security.protocol.map"));
    for (int i = 0; i < names.size(); i++) {
      String address = names.get(i) + "://127.0.0.1:" + ports.get(i);
      listeners.append(',').append(address);
      advertised.append(',').append(address);
      protocols.append(',').append(names.get(i)).append(':').append(names.get(i));
      String prefix = "listener.name." + names.get(i).toLowerCase(java.util.Locale.ROOT) + ".";
      props.put(prefix + "ssl.keystore.location", keyStore.toString());
      props.put(prefix + "ssl.keystore.password", storePassword);
      props.put(prefix + "ssl.key.password", storePassword);
      props.put(prefix + "ssl.keystore.type", "PKCS12");
    }
    props.put("listeners", listeners.toString());
    props.put("advertised.listeners", advertised.toString());
    props.put("listener.security.protocol.map", protocols.toString());
    props.put("sasl.enabled.mechanisms", SCRAM_MECHANISM);
    props.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    if (clientTrustStore != null) {
      props.put("listener.name.ssl.ssl.client.auth", "required");
      props.put("listener.name.ssl.ssl.truststore.location", clientTrustStore.toString());
      props.put("listener.name.ssl.ssl.truststore.password", storePassword);
      props.put("listener.name.ssl.ssl.truststore.type", "PKCS12");
    }
  }

  /** The users as the KRaft formatter takes them ({@code SCRAM-SHA-512=[name=...,password=...]}). */
  List<String> scramArguments() {
    List<String> out = new ArrayList<>();
    new TreeMap<>(scramUsers).forEach((name, password) ->
        out.add(SCRAM_MECHANISM + "=[name=" + name + ",password=" + password + "]"));
    return out;
  }

  @Override
  public String toString() {
    return "BrokerSecurity[keyStore=" + keyStore + ", clientTrustStore=" + clientTrustStore + ", users="
        + new TreeMap<>(scramUsers).keySet() + "]";
  }
}
