package io.streamnet.connect.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.local.InMemorySchemaRegistry;
import io.streamnet.connect.registry.RegistryConfig;
import io.streamnet.schema.ReviewEvent;
import io.streamnet.schema.SentimentScore;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The serde inside a real Kafka Streams topology (TopologyTestDriver), configured the way Streams configures serdes. */
class AvroSerdeStreamsTest {

  private final String scope = "streams-" + System.nanoTime();

  @AfterEach
  void dropScope() {
    InMemorySchemaRegistry.dropScope(scope);
  }

  @Test
  void reviewsInScoresOut() {
    InMemorySchemaRegistry registry = InMemorySchemaRegistry.forScope(scope);
    AvroSerdeConfig config = AvroSerdeConfig.of(RegistryConfig.of("mock://" + scope));
    AvroSerde<ReviewEvent> reviews = AvroSerde.forValues(registry, ReviewEvent.class, config);
    AvroSerde<SentimentScore> scores = new AvroSerde<>();
    scores.configure(java.util.Map.of(RegistryConfig.URL, "mock://" + scope,
        AvroSerdeConfig.SPECIFIC_VALUE_TYPE, SentimentScore.class.getName()), false);

    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("sentiment.requests", Consumed.with(Serdes.String(), reviews))
        .mapValues(r -> SentimentScore.newBuilder().setId(r.getId())
            .setProbability(r.getText().contains("great") ? 0.9 : 0.2)
            .setPredictedLabel(r.getText().contains("great") ? 1 : 0)
            .setModelId("keyword").setModelEpoch(0).setModelVersion(0)
            .setScoredAt(Instant.EPOCH).setLatencyMicros(0).build())
        .to("sentiment.scores", Produced.with(Serdes.String(), scores));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "serde-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");

    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
      TestInputTopic<String, ReviewEvent> in =
          driver.createInputTopic("sentiment.requests", Serdes.String().serializer(), reviews.serializer());
      TestOutputTopic<String, SentimentScore> out =
          driver.createOutputTopic("sentiment.scores", Serdes.String().deserializer(), scores.deserializer());
      ReviewEvent a = ContractSamples.review();
      a.setId("a");
      a.setText("a great phone");
      ReviewEvent b = ContractSamples.review();
      b.setId("b");
      in.pipeInput("a", a);
      in.pipeInput("b", b);

      List<SentimentScore> results = out.readValuesToList();
      assertEquals(List.of("a", "b"), results.stream().map(SentimentScore::getId).toList());
      assertEquals(1, results.get(0).getPredictedLabel());
      assertEquals(0, results.get(1).getPredictedLabel());
    }
    assertTrue(registry.subjects().containsAll(List.of("sentiment.requests-value", "sentiment.scores-value")),
        registry.subjects().toString());
  }
}
