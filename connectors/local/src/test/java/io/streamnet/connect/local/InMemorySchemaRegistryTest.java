package io.streamnet.connect.local;

import io.streamnet.connect.registry.CompatibilityLevel;
import io.streamnet.connect.registry.CompatibilityResult;
import io.streamnet.connect.registry.IncompatibleSchemaException;
import io.streamnet.connect.registry.RegisteredSchema;
import io.streamnet.connect.registry.RegistryConfig;
import io.streamnet.connect.registry.SchemaNotFoundException;
import io.streamnet.connect.registry.SchemaRegistries;
import io.streamnet.connect.registry.SubjectNotFoundException;
import io.streamnet.connect.registry.VersionNotFoundException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.schema.Contracts;
import io.streamnet.schema.Interaction;
import io.streamnet.schema.ReviewEvent;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryTest {

  private static final List<Schema> REVIEW = Contracts.forType(ReviewEvent.class).orElseThrow().released();
  private static final Schema V1 = REVIEW.get(0);
  private static final Schema V2 = REVIEW.get(1);

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry("test");

  @Test
  void idsAreGlobalAndStableAcrossSubjects() {
    int a = registry.register("sentiment.labeled-value", V1);
    int again = registry.register("sentiment.labeled-value", V1);
    int otherSubject = registry.register("sentiment.requests-value", V1);
    int other = registry.register("reco.interactions-value", Interaction.getClassSchema());

    assertEquals(a, again);
    assertEquals(a, otherSubject);
    assertNotEquals(a, other);
    assertEquals(V1, registry.getById(a));
    assertEquals(List.of("reco.interactions-value", "sentiment.labeled-value", "sentiment.requests-value"),
        registry.subjects());
  }

  @Test
  void versionsGrowWithEachNewSchema() {
    int id1 = registry.register("s", V1);
    int id2 = registry.register("s", V2);

    assertEquals(List.of(1, 2), registry.versions("s"));
    assertEquals(new RegisteredSchema("s", 1, id1, V1), registry.getVersion("s", 1));
    assertEquals(new RegisteredSchema("s", 2, id2, V2), registry.getLatest("s"));
    assertEquals(new RegisteredSchema("s", 1, id1, V1), registry.lookup("s", V1));
  }

  @Test
  void missingThingsAreTheRestClientsExceptions() {
    registry.register("s", V1);

    SchemaNotFoundException byId = assertThrows(SchemaNotFoundException.class, () -> registry.getById(999));
    assertEquals(40403, byId.errorCode());
    assertTrue(byId.getMessage().contains("mock://test"), byId.getMessage());
    assertEquals(40401, assertThrows(SubjectNotFoundException.class, () -> registry.versions("nope")).errorCode());
    assertEquals(40402, assertThrows(VersionNotFoundException.class, () -> registry.getVersion("s", 9)).errorCode());
    assertEquals(40403, assertThrows(SchemaNotFoundException.class, () -> registry.lookup("s", V2)).errorCode());
  }

  @Test
  void backwardByDefaultRejectsANewFieldWithoutDefault() {
    registry.register("s", V1);
    Schema noDefault = new Schema.Parser().parse(V2.toString().replace(",\"default\":null}]}", "}]}"));
    assertFalse(noDefault.getField("rating").hasDefaultValue(), "test schema must lack the default");

    IncompatibleSchemaException e = assertThrows(IncompatibleSchemaException.class, () -> registry.register("s", noDefault));

    assertEquals(409, e.httpStatus());
    assertTrue(e.getMessage().contains("READER_FIELD_MISSING_DEFAULT_VALUE"), e.getMessage());
    assertTrue(e.getMessage().contains("rating"), e.getMessage());
    assertEquals(List.of(1), registry.versions("s"), "nothing registered");
    CompatibilityResult test = registry.testCompatibility("s", noDefault);
    assertFalse(test.compatible());
    assertEquals(1, test.messages().size());
    assertTrue(registry.testCompatibility("s", V2).compatible());
  }

  @Test
  void levelsDecideWhatIsChecked() {
    registry.register("s", V2);
    // Dropping the required id: BACKWARD holds (the new reader ignores id), FORWARD fails (old readers need id,
    // which has no default).
    Schema withoutId = new Schema.Parser().parse(V2.toString()
        .replaceFirst("\\{\"name\":\"id\",\"type\":\\{\"type\":\"string\",\"avro.java.string\":\"String\"},\"doc\":\"[^\"]*\"},", "")
        .replaceFirst("\\{\"name\":\"id\",\"type\":\"string\",\"doc\":\"[^\"]*\"},", ""));
    assertEquals(null, withoutId.getField("id"), "test schema must lack id");

    assertTrue(registry.testCompatibility("s", withoutId).compatible(), "BACKWARD: the new reader ignores id");
    registry.setCompatibility("s", CompatibilityLevel.FORWARD);
    assertEquals(Optional.of(CompatibilityLevel.FORWARD), registry.getCompatibility("s"));
    CompatibilityResult forward = registry.testCompatibility("s", withoutId);
    assertFalse(forward.compatible());
    assertTrue(forward.messages().get(0).contains("READER_FIELD_MISSING_DEFAULT_VALUE"), forward.messages().toString());
    registry.setCompatibility("s", CompatibilityLevel.NONE);
    registry.register("s", withoutId);
    assertEquals(List.of(1, 2), registry.versions("s"));
  }

  @Test
  void transitiveLevelsCheckEveryVersion() {
    registry.setGlobalCompatibility(CompatibilityLevel.NONE);
    registry.register("s", V1);
    registry.register("s", V2);
    // Required rating: fine against v2 (which writes it), not against v1.
    Schema required = new Schema.Parser().parse(V2.toString().replace(",\"default\":null}]}", "}]}"));

    registry.setGlobalCompatibility(CompatibilityLevel.BACKWARD);
    assertTrue(registry.testCompatibility("s", required).compatible(), "latest only");
    registry.setGlobalCompatibility(CompatibilityLevel.BACKWARD_TRANSITIVE);
    CompatibilityResult all = registry.testCompatibility("s", required);
    assertFalse(all.compatible());
    assertTrue(all.messages().get(0).startsWith("reading version 1 data"), all.messages().toString());
  }

  @Test
  void deletingASubjectKeepsIdsResolvable() {
    int id = registry.register("s", V1);

    assertEquals(List.of(1), registry.deleteSubject("s"));

    assertEquals(List.of(), registry.subjects());
    assertEquals(V1, registry.getById(id));
  }

  @Test
  void scopesAreSharedUntilDropped() {
    String scope = "scope-" + getClass().getSimpleName();
    InMemorySchemaRegistry first = InMemorySchemaRegistry.forScope(scope);
    try {
      assertSame(first, SchemaRegistries.connect(RegistryConfig.of("mock://" + scope)));
      first.register("s", V1);
      assertEquals(List.of("s"), InMemorySchemaRegistry.forScope(scope).subjects());
    } finally {
      InMemorySchemaRegistry.dropScope(scope);
    }
    assertNotSame(first, InMemorySchemaRegistry.forScope(scope));
    assertEquals(List.of(), InMemorySchemaRegistry.forScope(scope).subjects());
    InMemorySchemaRegistry.dropScope(scope);
  }
}
