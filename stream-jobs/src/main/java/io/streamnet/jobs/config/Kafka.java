package io.streamnet.jobs.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamnet.connect.security.KafkaClientSecrets;
import java.io.Serializable;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code kafka} section: how the job's sources and sinks reach the cluster.
 *
 * @param bootstrapServers    {@code host:port[,host:port...]}
 * @param groupId             the consumer group of the sources (offsets are committed on checkpoints)
 * @param startingOffsets     where the sources start without a checkpoint: {@code committed} (the group's committed
 *                            offsets, else the earliest), {@code earliest}, {@code latest}, or {@code TIMESTAMP}: the
 *                            first record of each partition at or after {@code startingTimestamp} (a replay from a
 *                            time, written in the YAML as an ISO-8601 instant)
 * @param startingTimestamp   for {@code TIMESTAMP} the instant, else null
 * @param transactionIdPrefix the exactly-once sinks' transactional id prefix; must be unique per job on a cluster
 * @param properties          further Kafka client properties given to every source and sink (security.protocol,
 *                            sasl.*, ssl.*, ...), sorted by name; a password setting ({@code sasl.jaas.config},
 *                            {@code ssl.*.password}) may name where its value is, {@code env:NAME} or
 *                            {@code file:PATH} ({@link KafkaClientSecrets}): it is read where the clients are made,
 *                            and the configuration (its YAML, its {@code toString}) holds only the reference
 */
public record Kafka(String bootstrapServers, String groupId, StartingOffsets startingOffsets,
                    Instant startingTimestamp, String transactionIdPrefix, Map<String, String> properties)
    implements Serializable {
  private static final long serialVersionUID = 1L;
  /** {@code host:port}, optionally with a listener prefix ({@code SASL_SSL://host:port}) or an IPv6 [host]. */
  private static final Pattern SERVER = Pattern.compile("(?:[A-Za-z_]+://)?(\\[[0-9a-fA-F:.%]+]|[^\\s:/\\[\\]]+):(\\d{1,5})");
  /** Client properties that the job sets from its own keys. */
  private static final Map<String, String> OWN_KEYS = Map.of(
      "bootstrap.servers", "kafka.bootstrap_servers",
      "group.id", "kafka.group_id",
      "transactional.id", "kafka.transaction_id_prefix",
      "auto.offset.reset", "kafka.starting_offsets");

  /** Where a source starts when it has no checkpoint. */
  public enum StartingOffsets { EARLIEST, LATEST, COMMITTED, TIMESTAMP }

  public Kafka {
    if ((startingOffsets == StartingOffsets.TIMESTAMP) != (startingTimestamp != null)) {
      throw new IllegalArgumentException("a starting timestamp goes with starting offsets TIMESTAMP, and only with it");
    }
    properties = Collections.unmodifiableMap(new TreeMap<>(properties));
  }

  /**
   * The client properties: {@code bootstrap.servers} plus {@link #properties()}, each secret reference replaced by
   * the secret (read now: a variable or file that has gone since the configuration was read is an
   * {@link IllegalArgumentException} naming the setting).
   */
  public Properties clientProperties() {
    Properties p = new Properties();
    p.putAll(KafkaClientSecrets.resolve(properties));
    p.setProperty("bootstrap.servers", bootstrapServers);
    return p;
  }

  /**
   * The first entry of a comma-separated {@code bootstrap.servers} list that is not {@code host:port} (optionally with a
   * listener prefix, or an IPv6 [host]; port 1-65535), trimmed; null when every entry is.
   */
  public static String notAServer(String servers) {
    for (String server : servers.split(",", -1)) {
      Matcher m = SERVER.matcher(server.trim());
      int port = m.matches() ? Integer.parseInt(m.group(2)) : -1;
      if (port < 1 || port > 65535) {
        return server.trim();
      }
    }
    return null;
  }

  /** @param task the job's task: the default group id and transactional id prefix are {@code streamnet-<task>} */
  static Kafka read(ConfigNode n, String task) {
    String servers = n.nonBlank("bootstrap_servers", "localhost:9092");
    String bad = notAServer(servers);
    if (bad != null) {
      throw n.fail("bootstrap_servers", "'" + bad + "' is not host:port (a comma-separated list of"
          + " host:port is expected, e.g. localhost:9092)");
    }
    String group = n.nonBlank("group_id", "streamnet-" + task);
    String start = n.string("starting_offsets", "committed").trim();
    Instant from = start.matches("\\d{4}-.*T.*") ? startingInstant(n, start) : null;
    StartingOffsets offsets = from != null ? StartingOffsets.TIMESTAMP : startingMode(n, start);
    String prefix = n.nonBlank("transaction_id_prefix", "streamnet-" + task);
    Map<String, String> props = n.stringMap("properties");
    for (String key : props.keySet()) {
      if (OWN_KEYS.containsKey(key)) {
        throw n.fail("properties." + key, "set " + OWN_KEYS.get(key) + " instead");
      }
    }
    try {
      KafkaClientSecrets.resolve(props); // a reference that cannot be read fails now, naming its setting
    } catch (IllegalArgumentException e) {
      throw n.fail("properties." + e.getMessage().substring(0, e.getMessage().indexOf(": ")),
          e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
    }
    n.finish();
    return new Kafka(servers, group, offsets, from, prefix, props);
  }

  private static Instant startingInstant(ConfigNode n, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw n.fail("starting_offsets", "'" + value + "' is not an ISO-8601 instant (e.g. 2026-12-06T10:00:00Z)");
    }
  }

  private static StartingOffsets startingMode(ConfigNode n, String value) {
    for (StartingOffsets mode : StartingOffsets.values()) {
      if (mode != StartingOffsets.TIMESTAMP && ConfigNode.yamlName(mode).equals(value)) {
        return mode;
      }
    }
    if (value.equals(ConfigNode.yamlName(StartingOffsets.TIMESTAMP))) {
      throw n.fail("starting_offsets", "give the time to start from as an ISO-8601 instant, e.g. 2026-12-06T10:00:00Z");
    }
    throw n.fail("starting_offsets", "must be one of earliest, latest, committed or an ISO-8601 instant (e.g."
        + " 2026-12-06T10:00:00Z), got '" + value + "'");
  }

  ObjectNode tree() {
    ObjectNode o = ConfigNode.object();
    o.put("bootstrap_servers", bootstrapServers);
    o.put("group_id", groupId);
    o.put("starting_offsets", startingTimestamp != null ? startingTimestamp.toString()
        : ConfigNode.yamlName(startingOffsets));
    o.put("transaction_id_prefix", transactionIdPrefix);
    ObjectNode props = o.putObject("properties");
    properties.forEach(props::put);
    return o;
  }

  @Override
  public String toString() {
    return "Kafka[bootstrapServers=" + bootstrapServers + ", groupId=" + groupId + ", startingOffsets="
        + (startingTimestamp != null ? startingTimestamp : startingOffsets) + ", transactionIdPrefix=" + transactionIdPrefix + ", properties="
        + Secrets.masked(properties) + "]";
  }
}
