package io.streamnet.jobs.cli;

import io.streamnet.connect.registry.RegistryConfig;
import io.streamnet.connect.registry.SchemaRegistries;
import io.streamnet.connect.registry.SchemaRegistryClient;
import io.streamnet.connect.serde.SpecificRecordDecoder;
import io.streamnet.jobs.train.AppliedEvents;
import io.streamnet.schema.TrainingMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the job's output topics (answers, metrics, dead letters, and the feedback loop's topic when there is one)
 * from their beginning on a thread of its own, and tallies what it reads. With {@code read_committed} it sees only
 * what the job's sinks committed (the exactly-once ones at each checkpoint; answers delivered at least once as soon as
 * they are written): the demo's final figures. With {@code read_uncommitted} it sees records as soon as they are
 * written: the live progress line.
 *
 * @param <O> the task's answers
 */
final class OutputObserver<O extends SpecificRecord> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutputObserver.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration JOIN = Duration.ofSeconds(10);

  /**
   * The topics followed.
   *
   * @param feedback the feedback loop's topic, whose records the trainer learns from beside the labeled events; null
   *                 when not followed
   */
  record Topics(String scores, String metrics, String deadLetters, String feedback) {
    Topics {
      Objects.requireNonNull(scores, "scores");
      Objects.requireNonNull(metrics, "metrics");
      Objects.requireNonNull(deadLetters, "deadLetters");
    }
  }

  /**
   * What has been read so far.
   *
   * @param scoreRecords   answer records
   * @param distinctScored distinct request ids among them
   * @param lastTrainer    the newest trainer metrics record, or null
   * @param lastScorer     the newest scorer metrics record (keys {@code scorer.*}), or null
   * @param deadLetters    dead-letter records
   * @param undecodable    records that could not be decoded (none expected: the job writes them)
   * @param fedBack        records on the feedback topic (each one more event for the trainer)
   * @param fedBackDigest  the digest of their training ids, as the trainer's applied digest sums them
   */
  record Observation(long scoreRecords, long distinctScored, TrainingMetrics lastTrainer, TrainingMetrics lastScorer,
                     long deadLetters, long undecodable, long fedBack, long fedBackDigest) {
    /** A trainer metric of the newest record, NaN when absent. */
    double trainer(String key) {
      return metric(lastTrainer, key);
    }

    /** A scorer metric (key without the {@code scorer.} prefix) of the newest record, NaN when absent. */
    double scorer(String key) {
      return metric(lastScorer, "scorer." + key);
    }

    /**
     * Whether the newest trainer record says that the trainer applied exactly {@code labeled} and the feedback read
     * so far: the same count, and the same digest of ids (so neither a missing labeled event made up for by a
     * feedback record the trainer read first, nor the reverse, passes).
     */
    boolean applied(AppliedEvents labeled) {
      Long digest = lastTrainer == null ? null : AppliedEvents.digestIn(lastTrainer.getMetrics());
      return digest != null && trainer(AppliedEvents.COUNT_KEY) == labeled.count() + fedBack
          && digest == labeled.digest() + fedBackDigest;
    }
  }

  /** A metric of a record, NaN when the record or the key is absent. */
  static double metric(TrainingMetrics m, String key) {
    Double v = m == null ? null : m.getMetrics().get(key);
    return v == null ? Double.NaN : v;
  }

  private final String name;
  private final Topics topics;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final AnswerReader<O> answers;
  private final SpecificRecordDecoder<O> answerDecoder;
  private final SpecificRecordDecoder<TrainingMetrics> metrics;
  private final TrainingIds<?> feedbackIds;
  private final SpecificRecordDecoder<? extends SpecificRecordBase> feedbackDecoder;
  private final Thread thread;
  private volatile boolean closed;
  private volatile RuntimeException failure;
  private boolean started;

  // guarded by this
  private long scoreRecords;
  private final Set<String> scoredIds = new HashSet<>();
  private long[] latencies = new long[1024];
  private TrainingMetrics lastTrainer;
  private TrainingMetrics lastScorer;
  private final List<TrainingMetrics> trainerHistory = new ArrayList<>();
  private final AppliedEvents fedBack = new AppliedEvents();
  private long deadLetters;
  private long undecodable;
  private String firstUndecodable;

  /**
   * @param name             for the thread and messages, e.g. "committed"
   * @param clientProperties Kafka client settings (bootstrap.servers, security, ...)
   * @param answers          how to read the task's answers
   * @param feedbackIds      the training ids of the feedback topic's records, when {@code topics} has one
   * @param readCommitted    read_committed (true) or read_uncommitted
   */
  OutputObserver(String name, Map<String, Object> clientProperties, RegistryConfig registry, Topics topics,
                 AnswerReader<O> answers, TrainingIds<?> feedbackIds, boolean readCommitted) {
    if ((topics.feedback() == null) != (feedbackIds == null)) {
      throw new IllegalArgumentException("a feedback topic needs the training ids of its records, and only it");
    }
    this.name = name;
    this.topics = topics;
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "streamnet-demo-" + name);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    // The demo's figures come from the answers' contents (each carries its in-job latency), not from when this reads
    // them: fetches of at least 64 KiB or 100 ms spare the broker, which shares the machine with the job.
    props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024);
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
    this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    SchemaRegistryClient client = SchemaRegistries.connect(registry);
    this.answers = answers;
    this.answerDecoder = new SpecificRecordDecoder<>(client, answers.type());
    this.metrics = new SpecificRecordDecoder<>(client, TrainingMetrics.class);
    this.feedbackIds = feedbackIds;
    this.feedbackDecoder = feedbackIds == null ? null : new SpecificRecordDecoder<>(client, feedbackIds.type());
    this.thread = new Thread(this::pollLoop, "streamnet-demo-" + name);
    this.thread.setDaemon(true);
  }

  /** Assigns every partition of the topics, from the beginning, and starts reading. */
  void start() {
    List<TopicPartition> partitions = new ArrayList<>();
    List<String> followed = new ArrayList<>(List.of(topics.scores(), topics.metrics(), topics.deadLetters()));
    if (topics.feedback() != null) {
      followed.add(topics.feedback());
    }
    for (String topic : followed) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic);
      if (infos == null || infos.isEmpty()) {
        throw new IllegalStateException("topic " + topic + " does not exist");
      }
      infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    started = true;
    thread.start();
  }

  /** What has been read so far; throws if reading failed. */
  synchronized Observation observation() {
    if (failure != null) {
      throw failure;
    }
    return new Observation(scoreRecords, scoredIds.size(), lastTrainer, lastScorer, deadLetters, undecodable,
        fedBack.count(), fedBack.digest());
  }

  /** The trainer's records in order, one per record that saw new events: the learning curve's points. */
  synchronized List<TrainingMetrics> trainerHistory() {
    return List.copyOf(trainerHistory);
  }

  /**
   * The scores' latencies, the first {@code buffered} score records apart: the requests that came before the first
   * model are answered before any later one (the requests topic has one partition, read in order) and the demo's
   * scores topic has one partition too, so in offset order they come first. {@code buffered} < 0 (unknown): nothing
   * can be told apart.
   */
  synchronized ScoreLatency scoreLatency(long buffered) {
    int n = (int) Math.min(scoreRecords, latencies.length);
    if (buffered < 0 || buffered > n) {
      return ScoreLatency.UNKNOWN;
    }
    int b = (int) buffered;
    long[] waited = Arrays.copyOfRange(latencies, 0, b);
    long[] served = Arrays.copyOfRange(latencies, b, n);
    List<Double> byQuarter = p99ByQuarterMs(served);
    Arrays.sort(waited);
    Arrays.sort(served);
    return new ScoreLatency(quantileMs(served, 0.5), quantileMs(served, 0.99), b, quantileMs(waited, 0.5),
        b == 0 ? Double.NaN : waited[b - 1] / 1000.0, byQuarter);
  }

  /** The 99th percentile of each quarter of {@code micros} (in their order), in milliseconds; empty below 4. */
  static List<Double> p99ByQuarterMs(long[] micros) {
    int n = micros.length;
    if (n < 4) {
      return List.of();
    }
    List<Double> out = new ArrayList<>(4);
    for (int q = 0; q < 4; q++) {
      long[] part = Arrays.copyOfRange(micros, (int) ((long) n * q / 4), (int) ((long) n * (q + 1) / 4));
      Arrays.sort(part);
      out.add(quantileMs(part, 0.99));
    }
    return out;
  }

  /** The {@code q}-quantile (nearest rank) of sorted microseconds, in milliseconds; NaN when empty. */
  static double quantileMs(long[] sortedMicros, double q) {
    int n = sortedMicros.length;
    if (n == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(q * n);
    return sortedMicros[Math.max(0, Math.min(n - 1, rank - 1))] / 1000.0;
  }

  synchronized String firstUndecodable() {
    return firstUndecodable;
  }

  private void pollLoop() {
    try {
      while (!closed) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        synchronized (this) {
          for (ConsumerRecord<byte[], byte[]> r : records) {
            take(r);
          }
        }
      }
    } catch (WakeupException e) {
      if (!closed) {
        failure = new IllegalStateException("reading the job's output (" + name + ") was interrupted", e);
      }
    } catch (RuntimeException e) {
      failure = new IllegalStateException("reading the job's output (" + name + ") failed: " + e.getMessage(), e);
      LOG.error("Reading the job's output ({}) failed", name, e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void take(ConsumerRecord<byte[], byte[]> r) {
    if (r.topic().equals(topics.deadLetters())) {
      deadLetters++; // counted, not decoded: a dead letter may carry anything
      return;
    }
    if (r.value() == null) {
      return;
    }
    try {
      if (r.topic().equals(topics.scores())) {
        takeAnswer(answerDecoder.decode(r.value()));
      } else if (r.topic().equals(topics.metrics())) {
        takeMetrics(metrics.decode(r.value()));
      } else if (r.topic().equals(topics.feedback())) {
        fedBack.add(feedbackIds.of(feedbackDecoder.decode(r.value())));
      }
    } catch (RuntimeException e) {
      if (undecodable++ == 0) {
        firstUndecodable = r.topic() + "@" + r.partition() + ":" + r.offset() + ": " + e.getMessage();
        LOG.warn("Could not decode a record of the job's output: {} (counted; logged once)", firstUndecodable);
      }
    }
  }

  private void takeAnswer(O answer) {
    if (scoreRecords == latencies.length) {
      latencies = Arrays.copyOf(latencies, latencies.length * 2);
    }
    latencies[(int) scoreRecords] = answers.latencyMicros(answer);
    scoreRecords++;
    // Answers may come more than once (scorer.delivery: at_least_once): a request counts once.
    scoredIds.add(answers.requestId().apply(answer));
  }

  private void takeMetrics(TrainingMetrics m) {
    if (m.getMetrics().containsKey("scorer.scored")) {
      lastScorer = m;
      return;
    }
    lastTrainer = m;
    if (m.getExamplesSeen() == 0 || !trainerHistory.isEmpty()
        && trainerHistory.get(trainerHistory.size() - 1).getExamplesSeen() == m.getExamplesSeen()) {
      return; // nothing learned yet, or an idle interval: nothing new to draw
    }
    trainerHistory.add(m);
  }

  @Override
  public void close() {
    closed = true;
    if (!started) {
      consumer.close(Duration.ofSeconds(5));
      return;
    }
    consumer.wakeup();
    try {
      thread.join(JOIN.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
