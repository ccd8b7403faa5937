package io.streamnet.jobs.feedback;

import io.streamnet.jobs.config.Feedback;
import io.streamnet.schema.Interaction;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The recommendation job's delayed-feedback loop inside the job: served items ({@link Impression}s from the scorer)
 * joined with the interactions that followed ({@link FeedbackJoiner}); the items nobody engaged with become
 * Interactions with {@code clicked = false}, event time the impression's, which the job writes to the feedback topic
 * and reads back as training input. The positives are not written: each is an interaction the trainer learns from
 * already.
 */
public final class FeedbackLoop {
  private FeedbackLoop() {}

  /** The ignored impressions' items as Interactions, at the scorer's parallelism, keyed by user. */
  public static DataStream<Interaction> negatives(DataStream<Impression> impressions, DataStream<Interaction> labeled,
                                                  Feedback settings, int parallelism) {
    return impressions.keyBy(Impression::userId, Types.LONG)
        .connect(labeled.keyBy(Interaction::getUserId, Types.LONG))
        .process(new FeedbackJoiner(new FeedbackJoiner.Settings(settings.windowMs(), settings.allowedLatenessMs())),
            FeedbackExampleSerializer.TYPE)
        .name("feedback").uid("feedback-joiner").setParallelism(parallelism)
        .filter(e -> !e.clicked()).name("ignored impressions").uid("feedback-negatives").setParallelism(parallelism)
        .map(e -> new Interaction(e.userId(), e.itemId(), null, false,
                Instant.ofEpochMilli(e.eventTimeMillis())), new AvroTypeInfo<>(Interaction.class))
        .name("feedback interactions").uid("feedback-interactions").setParallelism(parallelism);
  }
}
