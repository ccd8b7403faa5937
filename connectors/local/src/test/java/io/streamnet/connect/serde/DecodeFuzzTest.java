package io.streamnet.connect.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.local.InMemorySchemaRegistry;
import io.streamnet.connect.registry.RegistryConfig;
import io.streamnet.connect.validate.DecodeOutcome;
import io.streamnet.connect.validate.RawRecord;
import io.streamnet.schema.DeadLetterReason;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

/** Mutated wire-format bytes of every contract: decoding must return an outcome, never throw, never use UNKNOWN. */
class DecodeFuzzTest {

  private static final int MUTATIONS_PER_CONTRACT = 2_000;

  @Test
  void mutatedBytesAlwaysGiveAnOutcome() {
    InMemorySchemaRegistry registry = new InMemorySchemaRegistry("fuzz");
    AvroKafkaSerializer<SpecificRecordBase> serializer =
        new AvroKafkaSerializer<>(registry, AvroSerdeConfig.of(RegistryConfig.of("mock://unused")), false);
    Random random = new Random(42);
    Map<DeadLetterReason, Integer> seen = new EnumMap<>(DeadLetterReason.class);
    int valid = 0;
    for (SpecificRecordBase sample : ContractSamples.all()) {
      byte[] good = serializer.serialize("fuzz." + sample.getSchema().getName(), sample);
      @SuppressWarnings({"unchecked", "rawtypes"})
      EventDecoder<SpecificRecordBase> decoder = EventDecoder.of(registry, (Class) sample.getClass());
      for (int i = 0; i < MUTATIONS_PER_CONTRACT; i++) {
        byte[] bad = mutate(good, random);
        DecodeOutcome<SpecificRecordBase> outcome = decoder.decode(RawRecord.ofValue("fuzz", bad));
        if (outcome.isValid()) {
          valid++;
        } else {
          DeadLetterReason reason = outcome.deadLetter().getReason();
          assertNotEquals(DeadLetterReason.UNKNOWN, reason, outcome.deadLetter().getMessage());
          seen.merge(reason, 1, Integer::sum);
        }
      }
      assertEquals(MUTATIONS_PER_CONTRACT, decoder.counters().accepted() + decoder.counters().rejectedTotal());
    }
    assertTrue(seen.getOrDefault(DeadLetterReason.CORRUPT_AVRO, 0) > 1000, seen.toString());
    assertTrue(seen.containsKey(DeadLetterReason.NO_MAGIC_BYTE), seen.toString());
    assertTrue(seen.containsKey(DeadLetterReason.UNKNOWN_SCHEMA_ID), seen.toString());
    assertTrue(valid > 0, "some mutations (e.g. inside a string) still decode: " + seen);
  }

  private static byte[] mutate(byte[] good, Random random) {
    byte[] b = Arrays.copyOf(good, good.length);
    switch (random.nextInt(5)) {
      case 0 -> b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
      case 1 -> b = Arrays.copyOf(b, random.nextInt(b.length));
      case 2 -> {
        for (int k = 5 + random.nextInt(Math.max(1, b.length - 5)); k < b.length; k++) {
          b[k] = (byte) random.nextInt(256);
        }
      }
      case 3 -> {
        byte[] longer = Arrays.copyOf(b, b.length + 1 + random.nextInt(8));
        for (int k = b.length; k < longer.length; k++) {
          longer[k] = (byte) random.nextInt(256);
        }
        b = longer;
      }
      default -> b[random.nextInt(Math.min(5, b.length))] = (byte) random.nextInt(256);
    }
    return b;
  }
}
