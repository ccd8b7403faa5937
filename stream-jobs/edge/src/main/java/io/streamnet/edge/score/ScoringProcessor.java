package io.streamnet.edge.score;

import io.streamnet.connect.serde.EventDecoder;
import io.streamnet.connect.serde.RegistryOutageHold;
import io.streamnet.connect.validate.DeadLetters;
import io.streamnet.connect.validate.DecodeOutcome;
import io.streamnet.connect.validate.RawRecord;
import io.streamnet.edge.metrics.TaskMetrics;
import io.streamnet.edge.model.LiveModel;
import io.streamnet.edge.model.ModelStore;
import io.streamnet.edge.model.ServedModel;
import io.streamnet.jobs.task.Answerer;
import io.streamnet.jobs.task.KeyedTask;
import io.streamnet.jobs.task.ModelDescriptor;
import io.streamnet.jobs.task.ServingStamp;
import io.streamnet.jobs.task.Task;
import io.streamnet.schema.DeadLetter;
import io.streamnet.schema.DeadLetterReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores one task's requests with the newest model in the {@link ModelStore}, through the same task code as the
 * Flink scorer ({@link Task#newAnswerer()}); for a keyed task it also keeps each key's context (recommendation: the
 * user's history) in a changelogged store, updated by the labeled events in their order against the requests.
 *
 * <p>Before the first model, requests wait in order in {@link PendingInputs} (bounded; beyond it a request is
 * dead-lettered and counted) and are answered as soon as a model is served, checked on every input and by a
 * wall-clock punctuation; a keyed task's labeled events are kept per key ({@link KeyContexts}) and make the context
 * the waiting requests are answered with, as in the Flink scorer. A dead letter from the decoder is passed on to the dead-letter topic.
 */
public final class ScoringProcessor implements Processor<Long, EdgeInput, String, EdgeOutput> {
  private static final Logger LOG = LoggerFactory.getLogger(ScoringProcessor.class);

  private final TaskRoute route;
  private final EventDecoder<? extends SpecificRecord> requests;
  private final EventDecoder<? extends SpecificRecord> labeled;
  private final RegistryOutageHold hold;
  private final TaskMetrics metrics;
  private final ServingStamp stamp = new ServingStamp();
  private ProcessorContext<String, EdgeOutput> context;
  private LiveModel live;
  private KeyContexts contexts;
  private PendingInputs pending;
  private ModelDescriptor answererOf;
  @SuppressWarnings("rawtypes")
  private Answerer answerer;

  /**
   * @param requests decodes a request's wire bytes after a repartition (validated before it)
   * @param labeled  decodes a labeled event's wire bytes after a repartition; null for a task without context
   * @param hold     how a registry outage is waited out
   */
  public ScoringProcessor(TaskRoute route, EventDecoder<? extends SpecificRecord> requests,
                          EventDecoder<? extends SpecificRecord> labeled, RegistryOutageHold hold,
                          TaskMetrics metrics) {
    this.route = route;
    this.requests = requests;
    this.labeled = labeled;
    this.hold = hold;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, EdgeOutput> context) {
    this.context = context;
    ModelStore models = context.getStateStore(ModelStore.NAME);
    live = models.model(route.modelId());
    if (live == null) {
      throw new IllegalStateException("the model store does not follow model '" + route.modelId() + "'");
    }
    contexts = route.keyed() ? new KeyContexts(context.getStateStore(route.contextStore())) : null;
    pending = new PendingInputs(context.getStateStore(route.pendingStore()), route.bufferLimit());
    metrics.buffered(pending.size());
    context.schedule(Duration.ofMillis(route.drainIntervalMs()), PunctuationType.WALL_CLOCK_TIME, t -> drain());
  }

  @Override
  public void process(Record<Long, EdgeInput> record) {
    EdgeInput in = record.value();
    if (in.isDead()) {
      deadLetter(in.dead());
      return;
    }
    drain();
    if (in.kind() == EdgeInput.Kind.LABELED) {
      if (live.current() != null) {
        handle(record.key(), in, record.timestamp(), false);
      } else if (contexts.keepEarly(record.key(), in.wire())) {
        metrics.labeled();
      } else {
        overflow(record, in, "labeled events of this key already wait for it (" + KeyContexts.MAX_EARLY
            + " per key)");
      }
      return;
    }
    if (!pending.isEmpty() || live.current() == null) {
      if (pending.offer(record.key(), in, record.timestamp())) {
        metrics.buffered(1);
      } else {
        overflow(record, in, route.bufferLimit() + " requests already wait for it (scoring.buffer_limit)");
      }
      return;
    }
    handle(record.key(), in, record.timestamp(), false);
  }

  private void overflow(Record<Long, EdgeInput> record, EdgeInput in, String why) {
    metrics.overflow();
    deadLetter(DeadLetters.of(new RawRecord(topicOf(in), -1, -1L, record.timestamp(), null, in.wire(), List.of()),
        DeadLetterReason.SCORER_BUFFER_FULL, "no model '" + route.modelId() + "' served yet and " + why, null,
        Instant.now()));
  }

  /** Answers the waiting requests, oldest first, once a model is served. */
  private void drain() {
    if (pending.isEmpty() || live.current() == null) {
      return;
    }
    int n = 0;
    PendingInputs.Pending p;
    while ((p = pending.poll()) != null) {
      metrics.buffered(-1);
      handle(p.key(), p.input(), p.receivedAtMillis(), true);
      n++;
    }
    LOG.info("model '{}' is served: answered {} requests that waited for it", route.modelId(), n);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void handle(Long key, EdgeInput in, long receivedAtMillis, boolean waited) {
    SpecificRecord value = in.decoded();
    if (value == null) {
      EventDecoder<? extends SpecificRecord> decoder = in.kind() == EdgeInput.Kind.REQUEST ? requests : labeled;
      DecodeOutcome<? extends SpecificRecord> decoded = hold.decode(decoder,
          new RawRecord(topicOf(in), -1, -1L, receivedAtMillis, null, in.wire(), List.of()));
      if (!decoded.isValid()) {
        deadLetter(decoded.deadLetter());
        return;
      }
      value = decoded.record();
    }
    if (in.kind() == EdgeInput.Kind.LABELED) {
      KeyedTask task = (KeyedTask) live.current().task();
      contexts.put(task, key, task.update(context(task, key), (SpecificRecordBase) value));
      metrics.labeled();
      return;
    }
    ServedModel served = live.acquire();
    Object answer;
    Task task = served.task();
    try {
      Object c = route.keyed() ? context((KeyedTask) task, key) : null;
      answer = answerer(served).answer(value, c, served.model(), stamp.start(route.modelId(), served.version(),
          receivedAtMillis));
    } finally {
      served.release();
    }
    metrics.answered(stamp.latencyMicros(), waited);
    context.forward(new Record<>(task.requestId((SpecificRecordBase) value),
        new EdgeOutput(route.answersTopic(), (SpecificRecord) answer), receivedAtMillis));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Object context(KeyedTask task, Long key) {
    return contexts.get(task, key, wire -> {
      DecodeOutcome<? extends SpecificRecord> d = hold.decode(labeled, new RawRecord(route.labeledTopic(), -1, -1L,
          null, null, wire, List.of()));
      if (!d.isValid()) {
        deadLetter(d.deadLetter()); // it decoded when it came: only a schema deleted since can get here
        return null;
      }
      return (SpecificRecordBase) d.record();
    });
  }

  /** The answerer of the served model's task; a new one when the task's settings change with a FULL version. */
  @SuppressWarnings("rawtypes")
  private Answerer answerer(ServedModel served) {
    if (!served.descriptor().equals(answererOf)) {
      answerer = served.task().newAnswerer();
      answererOf = served.descriptor();
    }
    return answerer;
  }

  private String topicOf(EdgeInput in) {
    return in.kind() == EdgeInput.Kind.REQUEST ? route.requestsTopic() : route.labeledTopic();
  }

  private void deadLetter(DeadLetter dead) {
    metrics.deadLetter(dead.getReason().name());
    context.forward(new Record<>(null, new EdgeOutput(route.deadLetterTopic(), dead), System.currentTimeMillis()));
  }
}
