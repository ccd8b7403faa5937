package io.streamnet.edge;

import io.streamnet.connect.registry.SchemaRegistryClient;
import io.streamnet.connect.registry.Sleeper;
import io.streamnet.connect.serde.EventDecoder;
import io.streamnet.connect.serde.SpecificRecordDecoder;
import io.streamnet.connect.sign.SigningKey;
import io.streamnet.edge.metrics.EdgeMetrics;
import io.streamnet.edge.metrics.TaskMetrics;
import io.streamnet.edge.model.ModelStore;
import io.streamnet.edge.model.ModelStoreBuilder;
import io.streamnet.edge.model.ModelStoreUpdater;
import io.streamnet.edge.score.EdgeInput;
import io.streamnet.edge.score.EdgeInputSerde;
import io.streamnet.edge.score.EdgeOutput;
import io.streamnet.edge.score.EdgeOutputSerializer;
import io.streamnet.edge.score.InputDecoder;
import io.streamnet.connect.serde.RegistryOutageHold;
import io.streamnet.edge.score.ScoringProcessor;
import io.streamnet.edge.score.TaskInputs;
import io.streamnet.edge.score.TaskRoute;
import io.streamnet.schema.ModelSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The edge scorer's topology. A global store follows the snapshots topic ({@link ModelStore}: every instance holds
 * every model). Per task: its input topics are decoded and validated ({@link InputDecoder}); a keyed task's requests
 * and labeled events are repartitioned together by key, so that one instance holds each key's context and sees its
 * inputs in order; the {@link ScoringProcessor} answers; answers and dead letters leave through one sink that picks
 * the topic per record.
 */
public final class EdgeTopology {
  private EdgeTopology() {}

  /** The topology serving {@code routes}, with its metrics in {@code metrics}. */
  public static Topology build(List<TaskRoute> routes, String snapshotsTopic, SchemaRegistryClient registry,
                               boolean autoRegister, Duration registryOutageLimit, Map<String, SigningKey> keys,
                               EdgeMetrics metrics) {
    RegistryOutageHold hold = new RegistryOutageHold(registryOutageLimit, Sleeper.SYSTEM);
    StreamsBuilder b = new StreamsBuilder();
    Map<String, String> tasksByModel = new LinkedHashMap<>();
    for (TaskRoute r : routes) {
      String other = tasksByModel.put(r.modelId(), r.task());
      if (other != null) {
        throw new IllegalArgumentException("model '" + r.modelId() + "' is named by two tasks (" + other + ", "
            + r.task() + "); each task serves its own model");
      }
    }
    b.addGlobalStore(new ModelStoreBuilder(() -> metrics.attach(new ModelStore(tasksByModel,
            unvalidated(registry, ModelSnapshot.class), hold, keys))), snapshotsTopic,
        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("model-snapshots"), ModelStoreUpdater::new);
    Produced<String, EdgeOutput> out = Produced.with(Serdes.String(), outputSerde(registry, autoRegister));
    for (TaskRoute r : routes) {
      TaskMetrics m = metrics.task(r.task(), r.modelId());
      b.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(r.pendingStore()), Serdes.Long(),
          Serdes.ByteArray()));
      if (r.keyed()) {
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(r.contextStore()), Serdes.Long(),
            Serdes.ByteArray()));
      }
      addTask(b, r, TaskInputs.of(r.task()), registry, hold, m, out);
    }
    return b.build();
  }

  private static <R extends SpecificRecord, L extends SpecificRecord> void addTask(
      StreamsBuilder b, TaskRoute r, TaskInputs<R, L> types, SchemaRegistryClient registry, RegistryOutageHold hold,
      TaskMetrics m, Produced<String, EdgeOutput> out) {
    String t = r.task();
    KStream<Long, EdgeInput> inputs = b.stream(r.requestsTopic(), raw(t + "-requests"))
        .process(() -> new InputDecoder<>(EventDecoder.of(registry, types.requestType()), hold, EdgeInput.Kind.REQUEST,
            types.requestKey()), Named.as(t + "-decode-requests"));
    if (r.keyed()) {
      KStream<Long, EdgeInput> events = b.stream(r.labeledTopic(), raw(t + "-labeled"))
          .process(() -> new InputDecoder<>(EventDecoder.of(registry, types.labeledType()), hold, EdgeInput.Kind.LABELED,
              types.labeledKey()), Named.as(t + "-decode-labeled"));
      Map<String, KStream<Long, EdgeInput>> split = inputs.merge(events, Named.as(t + "-inputs"))
          .split(Named.as(t + "-"))
          .branch((k, v) -> v.isDead(), Branched.as("dead"))
          .defaultBranch(Branched.as("valid"));
      split.get(t + "-dead")
          .map((k, v) -> {
            m.deadLetter(v.dead().getReason().name());
            return KeyValue.pair((String) null, new EdgeOutput(r.deadLetterTopic(), v.dead()));
          }, Named.as(t + "-dead-letters"))
          .to((k, v, c) -> v.topic(), out);
      inputs = split.get(t + "-valid").repartition(Repartitioned.<Long, EdgeInput>as(t + "-by-key")
          .withKeySerde(Serdes.Long()).withValueSerde(new EdgeInputSerde()));
    }
    // The global model store needs no connection; the task's own stores do.
    String[] stores = r.keyed() ? new String[] {r.pendingStore(), r.contextStore()} : new String[] {r.pendingStore()};
    inputs.process(() -> new ScoringProcessor(r, unvalidated(registry, types.requestType()),
            r.keyed() ? unvalidated(registry, types.labeledType()) : null, hold, m), Named.as(t + "-score"), stores)
        .to((k, v, c) -> v.topic(), out);
  }

  /** A decoder that leaves the checks to the caller: records validated before, or checked per model. */
  private static <T extends SpecificRecord> EventDecoder<T> unvalidated(SchemaRegistryClient registry, Class<T> type) {
    return new EventDecoder<>(new SpecificRecordDecoder<>(registry, type), s -> List.of(), Clock.systemUTC());
  }

  private static Consumed<byte[], byte[]> raw(String name) {
    return Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name);
  }

  private static Serde<EdgeOutput> outputSerde(SchemaRegistryClient registry, boolean autoRegister) {
    EdgeOutputSerializer serializer = new EdgeOutputSerializer(registry, autoRegister);
    Deserializer<EdgeOutput> never = (topic, bytes) -> {
      throw new UnsupportedOperationException("the edge scorer never reads its outputs back");
    };
    return Serdes.serdeFrom(serializer, never);
  }
}
