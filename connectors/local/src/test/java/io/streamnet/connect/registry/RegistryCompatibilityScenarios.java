package io.streamnet.connect.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.testing.KafkaRegistryEnvironment;
import io.streamnet.connect.testing.TestKafka;
import io.streamnet.schema.BackwardCompatibility;
import io.streamnet.schema.Contract;
import io.streamnet.schema.Contracts;
import io.streamnet.schema.ReviewEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The real registry's compatibility checks against the repository's released schema versions; run by
 * {@link RegistryCompatibilityIT} and {@link RegistryCompatibilityContainersIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RegistryCompatibilityScenarios {

    private SchemaRegistryClient registry;
    private String url;

    @BeforeAll
    void connect(KafkaRegistryEnvironment env) {
        url = env.registryUrl();
        registry = SchemaRegistries.connect(RegistryConfig.of(url));
    }

    /** A subject holding {@code first}, with BACKWARD compatibility set on it. */
    private String backwardSubject(String base, Schema first) {
        String subject = TestKafka.unique("compat." + base) + "-value";
        registry.register(subject, first);
        registry.setCompatibility(subject, CompatibilityLevel.BACKWARD);
        assertEquals(Optional.of(CompatibilityLevel.BACKWARD), registry.getCompatibility(subject));
        return subject;
    }

    @Test
    void everyReleasedVersionIsAcceptedInOrderUnderBackward() {
        for (Contract contract : Contracts.ALL) {
            List<Schema> released = contract.released();
            assertFalse(released.isEmpty(), contract.name() + " has released versions");
            String subject = backwardSubject(contract.name(), released.get(0));
            for (int v = 1; v < released.size(); v++) {
                Schema next = released.get(v);
                CompatibilityResult verdict = registry.testCompatibility(subject, next);
                assertTrue(verdict.compatible(), contract.name() + " v" + (v + 1) + " refused by the registry: "
                        + verdict.messages());
                assertEquals(List.of(), BackwardCompatibility.problemsAgainstAll(next, released.subList(0, v)),
                        "Avro agrees with the registry on " + contract.name() + " v" + (v + 1));
                registry.register(subject, next);
            }
            assertEquals(released.size(), registry.versions(subject).size(), contract.name() + " versions");
            assertEquals(released.get(released.size() - 1), registry.getLatest(subject).schema(),
                    contract.name() + ": the registry hands back the newest released version");
            CompatibilityResult current = registry.testCompatibility(subject, contract.current());
            assertTrue(current.compatible(), contract.name() + " current schema: " + current.messages());
        }
    }

    @Test
    void aNewRequiredFieldIsRefusedWithTheRegistrysReason() {
        Schema current = ReviewEvent.getClassSchema();
        String subject = backwardSubject("required-field", current);
        Schema candidate = withField(current, new Schema.Field("language", Schema.create(Schema.Type.STRING),
                "ISO 639-1 code", (Object) null));

        CompatibilityResult verdict = registry.testCompatibility(subject, candidate);
        assertFalse(verdict.compatible(), "a reader that needs a field old data lacks is not BACKWARD compatible");
        assertFalse(BackwardCompatibility.problems(candidate, current).isEmpty(), "Avro agrees");

        IncompatibleSchemaException e = assertThrows(IncompatibleSchemaException.class,
                () -> registry.register(subject, candidate));
        assertEquals(409, e.httpStatus());
        assertTrue(e.getMessage().contains(subject) && e.getMessage().contains(url), e.getMessage());
        assertEquals(1, registry.versions(subject).size(), "nothing was registered");
    }

    @Test
    void aChangedFieldTypeIsRefused() {
        Schema current = ReviewEvent.getClassSchema();
        String subject = backwardSubject("changed-type", current);
        Schema candidate = withField(current, new Schema.Field("id", Schema.create(Schema.Type.LONG),
                "numeric id", (Object) null));
        assertFalse(BackwardCompatibility.problems(candidate, current).isEmpty(), "Avro refuses it too");

        assertFalse(registry.testCompatibility(subject, candidate).compatible());
        assertThrows(IncompatibleSchemaException.class, () -> registry.register(subject, candidate));
    }

    @Test
    void theGlobalDefaultIsBackwardAsInConfluent() {
        assertEquals(CompatibilityLevel.BACKWARD, registry.getGlobalCompatibility());
        Schema current = ReviewEvent.getClassSchema();
        String subject = TestKafka.unique("compat.global-default") + "-value";
        registry.register(subject, current);
        // No level of its own (Apicurio reports NONE here, where Confluent answers 40408): the global BACKWARD applies.

        Schema candidate = withField(current, new Schema.Field("language", Schema.create(Schema.Type.STRING),
                "ISO 639-1 code", (Object) null));
        assertFalse(registry.testCompatibility(subject, candidate).compatible());
        assertThrows(IncompatibleSchemaException.class, () -> registry.register(subject, candidate));
    }

    @Test
    void aSubjectLevelOverridesTheGlobalDefault() {
        Schema current = ReviewEvent.getClassSchema();
        String subject = TestKafka.unique("compat.forward") + "-value";
        registry.register(subject, current);
        registry.setCompatibility(subject, CompatibilityLevel.FORWARD);
        // A new required field: old readers ignore it (FORWARD holds), new readers cannot read old data.
        Schema candidate = withField(current, new Schema.Field("language", Schema.create(Schema.Type.STRING),
                "ISO 639-1 code", (Object) null));

        assertTrue(registry.testCompatibility(subject, candidate).compatible(), "FORWARD allows it");
        registry.register(subject, candidate);
        assertEquals(2, registry.versions(subject).size());
    }

    /** {@code schema} with {@code field} replacing the field of that name, or appended when there is none. */
    private static Schema withField(Schema schema, Schema.Field field) {
        List<Schema.Field> fields = new ArrayList<>();
        boolean replaced = false;
        for (Schema.Field f : schema.getFields()) {
            if (f.name().equals(field.name())) {
                fields.add(field);
                replaced = true;
            } else {
                fields.add(new Schema.Field(f, f.schema()));
            }
        }
        if (!replaced) {
            fields.add(field);
        }
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }
}
