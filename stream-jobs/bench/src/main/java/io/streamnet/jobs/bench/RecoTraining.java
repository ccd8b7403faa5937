package io.streamnet.jobs.bench;

import io.streamnet.jobs.config.JobConfig;
import io.streamnet.nn.data.Rating;
import io.streamnet.nn.reco.InteractionEvent;
import io.streamnet.nn.reco.RecoLearner;
import io.streamnet.schema.Interaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * MovieLens ratings in stream order as a training-phase stream ({@code Interaction}s at the ratings' own times), and
 * nn-core's {@link RecoLearner} as its peer: what {@code RecoPrequentialRunner} does (the job's recommender and
 * batch, every event scored then learned from), without the runner's baselines (POP, IKNN: not the learner's cost)
 * and without its up-front catalogue (the job cannot know one: it ranks among the items that have a row, so both
 * report the same figures).
 */
final class RecoTraining implements TrainingStream {
  private static final Map<String, String> FIGURES = figures("hr_at_10", "hr", "ndcg_at_10", "ndcg", "rmse", "rmse");

  private final List<Rating> stream;

  RecoTraining(List<Rating> stream) {
    this.stream = stream;
  }

  @Override
  public String name() {
    return "movielens";
  }

  @Override
  public int size() {
    return stream.size();
  }

  @Override
  public ProducerRecord<String, SpecificRecord> record(String topic, int i) {
    Rating r = stream.get(i);
    return new ProducerRecord<>(topic, Integer.toString(r.userId()), new Interaction((long) r.userId(),
        (long) r.movieId(), r.rating(), null, Instant.ofEpochMilli(timeMillis(r))));
  }

  /** A rating's event time, as the runner and the job's tests read MovieLens. */
  private static long timeMillis(Rating r) {
    return r.timestamp() * 1000;
  }

  @Override
  public TrainingBenchmark.Runner runner(JobConfig config, int from, int to) {
    RecoLearner learner = new RecoLearner(config.model().recommender());
    int batch = config.trainer().batchSize();
    List<InteractionEvent> events = new ArrayList<>(batch);
    steps(learner, events, 0, from, batch);
    double[] timed = TrainingBenchmark.timed(() -> steps(learner, events, from, to, batch), to - from);
    steps(learner, events, to, stream.size(), batch);
    return new TrainingBenchmark.Runner(timed[0], timed[1], learner.metrics());
  }

  /** Test-then-train steps over events {@code [from, to)}, {@code batch} at a time. */
  private void steps(RecoLearner learner, List<InteractionEvent> events, int from, int to, int batch) {
    for (int i = from; i < to; i += batch) {
      events.clear();
      for (Rating r : stream.subList(i, Math.min(to, i + batch))) {
        events.add(InteractionEvent.rated(r.userId(), r.movieId(), r.rating(), timeMillis(r)));
      }
      learner.step(events);
    }
  }

  @Override
  public Map<String, String> figures() {
    return FIGURES;
  }

  private static Map<String, String> figures(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }
}
