package io.streamnet.jobs.task;

import io.streamnet.nn.online.ExampleCodec;
import io.streamnet.nn.online.OnlineLearner;
import io.streamnet.nn.online.StreamExample;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.Serializable;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * One prediction task of the online-learning job: its events, how a labeled event becomes a training example, the
 * model that learns from the examples, and how a request is answered by a served version of that model. Everything
 * else (the trainer, versions and snapshots, the scorer's model swap and request buffer, dead letters, metrics,
 * configuration) is shared by all tasks; see docs/ARCHITECTURE.md. Serializable: the job ships it to its operators.
 *
 * @param <L> labeled events (an Avro contract)
 * @param <E> training examples
 * @param <R> requests (an Avro contract)
 * @param <C> what the scorer keeps per request key between requests ({@link KeyedTask}); Void when nothing
 * @param <O> answers (an Avro contract)
 */
public interface Task<L extends SpecificRecordBase, E extends StreamExample, R extends SpecificRecordBase,
    C, O extends SpecificRecordBase> extends Serializable {

  /** The task's name in configurations and snapshots: {@code sentiment}, {@code recommendation}. */
  String name();

  Class<L> labeledType();

  Class<R> requestType();

  Class<O> answerType();

  /** What every snapshot records of the model, so that any reader can serve it without the job's configuration. */
  ModelDescriptor descriptor();

  /** A featurizer for one operator instance (it may reuse buffers between calls). */
  Featurizer<L, E> newFeaturizer();

  /** How examples waiting for the next batch are written into the trainer's checkpoint. */
  ExampleCodec<E> exampleCodec();

  /**
   * A learner of the task's model: fresh from the spec's seed when {@code modelState} is null, else continuing from
   * that model state (a warm start: weights and optimizer slots; the evaluation starts afresh).
   */
  OnlineLearner<E> newLearner(byte[] modelState);

  /** A learner continuing from a checkpoint: {@link OnlineLearner#encodeModel} and {@code writeState} bytes. */
  OnlineLearner<E> restoreLearner(byte[] modelState, DataInputStream learnerState) throws IOException;

  /** A copy of the model for scoring, built from the model spec of a FULL snapshot; payloads apply to it. */
  ServingModel newServingModel(String modelSpecJson);

  /** Answers requests; one per operator instance (it may reuse buffers). */
  Answerer<R, C, O> newAnswerer();

  /** The request's id: the key of its answer, and named in dead letters. */
  String requestId(R request);
}
