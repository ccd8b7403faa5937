package io.streamnet.connect.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A client of the Confluent schema-registry REST API (works with Confluent's server and with Apicurio's
 * {@code /apis/ccompat/v7}). No caching here: wrap it in {@link CachingSchemaRegistryClient}, as
 * {@link SchemaRegistries#connect(RegistryConfig)} does.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

  private final RegistryHttp http;

  public RestSchemaRegistryClient(RegistryConfig config) {
    this(config, Sleeper.SYSTEM);
  }

  /** With a custom {@link Sleeper}, for tests of the back-off. */
  public RestSchemaRegistryClient(RegistryConfig config, Sleeper sleeper) {
    this.http = new RegistryHttp(config, sleeper);
  }

  /**
   * Registers {@code schema}, or returns its id when it is already registered. A 409 can also mean that another
   * writer registered the same schema at the same moment (Apicurio answers a concurrent first registration of a
   * subject with "artifact already exists"): the schema is then looked up, and only when it is not there does the
   * 409 stand, as an incompatible schema.
   */
  @Override
  public int register(String subject, Schema schema) {
    try {
      JsonNode answer = http.call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema),
          "registering a schema under subject '" + subject + "'");
      return requiredInt(answer, "id", "register");
    } catch (IncompatibleSchemaException conflict) {
      try {
        return lookup(subject, schema).id();
      } catch (SchemaRegistryException notThere) {
        conflict.addSuppressed(notThere);
        throw conflict;
      }
    }
  }

  @Override
  public RegisteredSchema lookup(String subject, Schema schema) {
    JsonNode answer = http.call("POST", "/subjects/" + encode(subject), schemaBody(schema),
        "looking up a schema under subject '" + subject + "'");
    return registered(answer, subject, schema);
  }

  @Override
  public Schema getById(int id) {
    JsonNode answer = http.call("GET", "/schemas/ids/" + id, null, "fetching schema id " + id);
    String type = answer.path("schemaType").asText("AVRO");
    if (!type.equalsIgnoreCase("AVRO")) {
      throw new InvalidSchemaException("schema id " + id + " at " + endpoint() + " is a " + type
          + " schema, not Avro", 200, -1);
    }
    return parse(answer.path("schema").asText(null), "schema id " + id);
  }

  @Override
  public List<String> subjects() {
    JsonNode answer = http.call("GET", "/subjects", null, "listing subjects");
    List<String> subjects = new ArrayList<>();
    answer.forEach(n -> subjects.add(n.asText()));
    subjects.sort(null);
    return subjects;
  }

  @Override
  public List<Integer> versions(String subject) {
    JsonNode answer = http.call("GET", "/subjects/" + encode(subject) + "/versions", null,
        "listing versions of subject '" + subject + "'");
    List<Integer> versions = new ArrayList<>();
    answer.forEach(n -> versions.add(n.asInt()));
    versions.sort(null);
    return versions;
  }

  @Override
  public RegisteredSchema getVersion(String subject, int version) {
    return fetchVersion(subject, Integer.toString(version));
  }

  @Override
  public RegisteredSchema getLatest(String subject) {
    return fetchVersion(subject, "latest");
  }

  @Override
  public CompatibilityResult testCompatibility(String subject, Schema schema) {
    JsonNode answer;
    try {
      answer = http.call("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true",
          schemaBody(schema), "testing compatibility under subject '" + subject + "'");
    } catch (SubjectNotFoundException | VersionNotFoundException e) {
      return new CompatibilityResult(true, List.of("subject '" + subject + "' has no versions yet"));
    }
    List<String> messages = new ArrayList<>();
    answer.path("messages").forEach(m -> messages.add(m.asText()));
    JsonNode flag = answer.get("is_compatible");
    if (flag == null || !flag.isBoolean()) {
      throw new SchemaRegistryException("compatibility answer from " + endpoint() + " has no is_compatible: " + answer,
          200, -1);
    }
    return new CompatibilityResult(flag.asBoolean(), messages);
  }

  @Override
  public Optional<CompatibilityLevel> getCompatibility(String subject) {
    try {
      JsonNode answer = http.call("GET", "/config/" + encode(subject), null,
          "reading the compatibility level of subject '" + subject + "'");
      return Optional.of(level(answer));
    } catch (SchemaRegistryException e) {
      if (e.errorCode() == RegistryErrors.SUBJECT_NOT_FOUND || e.errorCode() == RegistryErrors.SUBJECT_LEVEL_NOT_CONFIGURED
          || e.httpStatus() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public void setCompatibility(String subject, CompatibilityLevel level) {
    http.call("PUT", "/config/" + encode(subject), Map.of("compatibility", level.name()),
        "setting the compatibility level of subject '" + subject + "' to " + level);
  }

  @Override
  public CompatibilityLevel getGlobalCompatibility() {
    return level(http.call("GET", "/config", null, "reading the global compatibility level"));
  }

  @Override
  public void setGlobalCompatibility(CompatibilityLevel level) {
    http.call("PUT", "/config", Map.of("compatibility", level.name()),
        "setting the global compatibility level to " + level);
  }

  @Override
  public List<Integer> deleteSubject(String subject) {
    JsonNode answer = http.call("DELETE", "/subjects/" + encode(subject), null, "deleting subject '" + subject + "'");
    List<Integer> versions = new ArrayList<>();
    answer.forEach(n -> versions.add(n.asInt()));
    return versions;
  }

  @Override
  public void verifyReachable() {
    http.call("GET", "/subjects", null, "checking that the schema registry is reachable");
  }

  @Override
  public String endpoint() {
    return http.endpoint();
  }

  private RegisteredSchema fetchVersion(String subject, String version) {
    JsonNode answer = http.call("GET", "/subjects/" + encode(subject) + "/versions/" + version, null,
        "fetching version " + version + " of subject '" + subject + "'");
    return registered(answer, subject, null);
  }

  private RegisteredSchema registered(JsonNode answer, String subject, Schema known) {
    int id = requiredInt(answer, "id", "schema answer");
    int version = requiredInt(answer, "version", "schema answer");
    Schema schema = known;
    if (schema == null) {
      schema = parse(answer.path("schema").asText(null), "version " + version + " of subject '" + subject + "'");
    }
    return new RegisteredSchema(answer.path("subject").asText(subject), version, id, schema);
  }

  private CompatibilityLevel level(JsonNode answer) {
    // GET answers {"compatibilityLevel": ...}; some servers (and PUT) use {"compatibility": ...}.
    String name = answer.path("compatibilityLevel").asText(answer.path("compatibility").asText(null));
    if (name == null) {
      throw new SchemaRegistryException("config answer from " + endpoint() + " has no compatibility level: " + answer,
          200, -1);
    }
    return CompatibilityLevel.parse(name);
  }

  private Schema parse(String text, String what) {
    if (text == null) {
      throw new InvalidSchemaException(what + " at " + endpoint() + " came without a schema", 200, -1);
    }
    try {
      return new Schema.Parser().parse(text);
    } catch (SchemaParseException e) {
      throw new InvalidSchemaException(what + " at " + endpoint() + " is not a valid Avro schema: " + e.getMessage(),
          200, -1, e);
    }
  }

  private int requiredInt(JsonNode answer, String field, String what) {
    JsonNode v = answer.get(field);
    if (v == null || !v.canConvertToInt()) {
      throw new SchemaRegistryException(what + " from " + endpoint() + " lacks an integer '" + field + "': " + answer,
          200, -1);
    }
    return v.asInt();
  }

  private static Map<String, String> schemaBody(Schema schema) {
    return Map.of("schema", schema.toString());
  }

  private static String encode(String subject) {
    if (subject == null || subject.isEmpty()) {
      throw new IllegalArgumentException("subject must not be empty");
    }
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
