package io.streamnet.schema;

import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/** The catalogue of StreamNet's event contracts, each with its released history. */
public final class Contracts {

  /** Every contract, in a stable order. */
  public static final List<Contract> ALL = List.of(
      of(ReviewEvent.class),
      of(Interaction.class),
      of(RecoRequest.class),
      of(SentimentScore.class),
      of(Recommendation.class),
      of(ModelSnapshot.class),
      of(TrainingMetrics.class),
      of(DeadLetter.class));

  private Contracts() {}

  /** The contract whose generated class is {@code type}, if it is one of ours. */
  public static Optional<Contract> forType(Class<?> type) {
    return ALL.stream().filter(c -> c.type() == type).findFirst();
  }

  private static Contract of(Class<? extends SpecificRecord> type) {
    var schema = SpecificData.get().getSchema(type);
    return new Contract(schema.getName(), type, schema, ReleasedSchemas.load(schema.getName()));
  }
}
