package io.streamnet.jobs.bench;

import io.streamnet.jobs.config.JobConfig;
import io.streamnet.nn.data.Dataset;
import io.streamnet.nn.data.LabeledText;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.prequential.ProgressReporter;
import io.streamnet.nn.prequential.TextPrequentialRunner;
import io.streamnet.schema.ReviewEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A sentiment dataset as a training-phase stream ({@code ReviewEvent}s in the canonical order), and nn-core's
 * {@link TextPrequentialRunner} as its peer: same spec and batch, same stream, run in three consecutive pieces on one
 * network so that the middle one (10% to 90%) is timed alone.
 */
final class SentimentTraining implements TrainingStream {
  private final Dataset dataset;
  private final List<LabeledText> stream;
  private final long now = System.currentTimeMillis();

  SentimentTraining(Dataset dataset, List<LabeledText> stream) {
    this.dataset = dataset;
    this.stream = stream;
  }

  @Override
  public String name() {
    return dataset.cliName();
  }

  @Override
  public int size() {
    return stream.size();
  }

  @Override
  public ProducerRecord<String, SpecificRecord> record(String topic, int i) {
    LabeledText t = stream.get(i);
    String id = dataset.cliName() + "-" + t.index();
    return new ProducerRecord<>(topic, id, BenchData.event(id, t.text(), t.label(), now));
  }

  @Override
  public TrainingBenchmark.Runner runner(JobConfig config, int from, int to) {
    int n = stream.size();
    TextPrequentialRunner runner = new TextPrequentialRunner(config.model().features(), config.trainer().batchSize(),
        Network.build(config.model().network()), ProgressReporter.silent());
    List<Map<String, String>> parts = new ArrayList<>();
    if (from > 0) {
      parts.add(runner.run(stream.subList(0, from)).asMap());
    }
    double[] timed = TrainingBenchmark.timed(() -> parts.add(runner.run(stream.subList(from, to)).asMap()),
        to - from);
    if (to < n) {
      parts.add(runner.run(stream.subList(to, n)).asMap());
    }
    double correct = 0;
    for (Map<String, String> part : parts) {
      correct += Double.parseDouble(part.get("accuracy")) * Long.parseLong(part.get("events"));
    }
    return new TrainingBenchmark.Runner(timed[0], timed[1], Map.of("accuracy", correct / n));
  }

  @Override
  public Map<String, String> figures() {
    return Map.of("accuracy", "acc");
  }
}
