package io.streamnet.connect.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.local.InMemorySchemaRegistry;
import io.streamnet.connect.registry.RegistryConfig;
import io.streamnet.connect.registry.RegistryUnavailableException;
import io.streamnet.connect.registry.SchemaRegistryClient;
import io.streamnet.connect.validate.DecodeOutcome;
import io.streamnet.connect.validate.RawRecord;
import io.streamnet.schema.DeadLetterReason;
import io.streamnet.schema.ReviewEvent;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A registry outage is waited out with back-off up to the limit; only then is the record a dead letter. */
class RegistryOutageHoldTest {
  final InMemorySchemaRegistry registry = new InMemorySchemaRegistry("outage-test");
  final List<Duration> sleeps = new ArrayList<>();

  /** The registry, unreachable for its first {@code failures} schema fetches. */
  SchemaRegistryClient failingFirst(int failures) {
    AtomicInteger calls = new AtomicInteger();
    return (SchemaRegistryClient) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {SchemaRegistryClient.class}, (proxy, method, args) -> {
          if (method.getName().equals("getById") && calls.incrementAndGet() <= failures) {
            throw new RegistryUnavailableException("connection refused", -1, -1, null);
          }
          return method.invoke(registry, args);
        });
  }

  RawRecord review() {
    byte[] wire = new AvroKafkaSerializer<ReviewEvent>(registry, AvroSerdeConfig.of(RegistryConfig.of(
        "mock://outage-test")), false).serialize("requests", new ReviewEvent("r", "text", null, Instant.EPOCH, null));
    return RawRecord.ofValue("requests", wire);
  }

  @Test
  void anOutageShorterThanTheLimitIsWaitedOutWithGrowingBackOff() {
    RawRecord raw = review();
    RegistryOutageHold hold = new RegistryOutageHold(Duration.ofSeconds(60), sleeps::add);
    DecodeOutcome<ReviewEvent> out = hold.decode(EventDecoder.of(failingFirst(4), ReviewEvent.class), raw);
    assertTrue(out.isValid());
    assertEquals("r", out.record().getId());
    assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800),
        Duration.ofMillis(1600)), sleeps);
    assertEquals(4, hold.retries());
  }

  @Test
  void anOutageLongerThanTheLimitEndsAsADeadLetterSayingSoAfterWaitingExactlyTheLimit() {
    RawRecord raw = review();
    RegistryOutageHold hold = new RegistryOutageHold(Duration.ofSeconds(10), sleeps::add);
    DecodeOutcome<ReviewEvent> out = hold.decode(EventDecoder.of(failingFirst(1000), ReviewEvent.class), raw);
    assertFalse(out.isValid());
    assertEquals(DeadLetterReason.REGISTRY_UNAVAILABLE, out.deadLetter().getReason());
    assertEquals(Duration.ofSeconds(10), sleeps.stream().reduce(Duration.ZERO, Duration::plus));
    assertTrue(sleeps.stream().allMatch(d -> d.compareTo(Duration.ofSeconds(5)) <= 0));
  }

  @Test
  void otherFailuresAreNotHeld() {
    RegistryOutageHold hold = new RegistryOutageHold(Duration.ofSeconds(10), sleeps::add);
    DecodeOutcome<ReviewEvent> out = hold.decode(EventDecoder.of(registry, ReviewEvent.class),
        RawRecord.ofValue("requests", "not avro".getBytes()));
    assertEquals(DeadLetterReason.NO_MAGIC_BYTE, out.deadLetter().getReason());
    assertTrue(sleeps.isEmpty());
  }
}
