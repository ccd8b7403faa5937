package io.streamnet.jobs.bench;

import io.streamnet.jobs.config.JobConfig;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A stream of the training phase and nn-core's learner of it: what {@link TrainingBenchmark} needs of a task to
 * compare the pipeline's training rate with nn-core's on the same events.
 */
interface TrainingStream {
  /** The stream's name: its topic's and its summary keys' prefix ({@code sst2}, {@code movielens}). */
  String name();

  /** Events in the stream. */
  int size();

  /** Event {@code i} as the job reads it from {@code topic}. */
  ProducerRecord<String, SpecificRecord> record(String topic, int i);

  /**
   * nn-core's learner of the job's model ({@code config}) on the same events in the same batches, on this thread,
   * timed over events {@code [from, to)} (whole batches); its figures over the whole stream.
   */
  TrainingBenchmark.Runner runner(JobConfig config, int from, int to);

  /**
   * The prequential figures the pipeline and the runner both report and must agree on: the job's metric name to
   * the summary key ({@code accuracy -> acc}), in the summary's order.
   */
  Map<String, String> figures();
}
