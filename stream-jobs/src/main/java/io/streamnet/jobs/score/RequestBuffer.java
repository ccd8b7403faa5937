package io.streamnet.jobs.score;

import io.streamnet.schema.DeadLetter;
import io.streamnet.schema.DeadLetterReason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.OperatorStateStore;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.MetricGroup;

/**
 * Requests that arrive before the scorer has any model, with their arrival times: held (operator state, so a restored
 * scorer still answers them) up to a limit, then answered by the first model. Beyond the limit a request becomes a
 * dead letter with reason {@code SCORER_BUFFER_FULL}: counted, never dropped.
 */
final class RequestBuffer<R extends SpecificRecordBase> {
  /** The list state's name; part of the job's checkpoints. */
  static final String STATE_NAME = "streamnet-scorer-buffer";

  private final int limit;
  private final String requestsTopic;
  private final List<Tuple2<R, Long>> requests = new ArrayList<>();
  private ListState<Tuple2<R, Long>> state;
  private long bufferedTotal;
  private long overflowed;

  RequestBuffer(int limit, String requestsTopic) {
    this.limit = limit;
    this.requestsTopic = requestsTopic;
  }

  /** Declares the state and, on a restore, takes back the requests it held. */
  void initialize(OperatorStateStore store, Class<R> type, boolean restored) throws Exception {
    state = store.getListState(new ListStateDescriptor<>(STATE_NAME, Types.TUPLE(new AvroTypeInfo<>(type),
        Types.LONG)));
    if (restored) {
      state.get().forEach(requests::add);
    }
  }

  void snapshot() throws Exception {
    state.update(requests);
  }

  /** Gauges of the buffer: waiting now ({@code buffered}), held since the start, dead-lettered because it was full. */
  void register(MetricGroup group) {
    group.gauge("buffered", requests::size);
    group.gauge("bufferedTotal", () -> bufferedTotal);
    group.gauge("bufferOverflow", () -> overflowed);
  }

  /**
   * Holds a request; when the buffer is full returns the dead letter to emit instead.
   *
   * @param id the request's id, named in the dead letter
   */
  DeadLetter offer(R request, String id, long receivedAtMillis, long now) {
    if (requests.size() < limit) {
      requests.add(Tuple2.of(request, receivedAtMillis));
      bufferedTotal++;
      return null;
    }
    overflowed++;
    return DeadLetter.newBuilder()
        .setSourceTopic(requestsTopic)
        .setSourcePartition(-1)
        .setSourceOffset(-1)
        .setSourceTimestamp(Instant.ofEpochMilli(receivedAtMillis))
        .setReason(DeadLetterReason.SCORER_BUFFER_FULL)
        .setMessage("request '" + id + "' arrived before any model and the scorer's buffer of " + limit
            + " requests was full (scorer.buffer_limit)")
        .setSchemaId(null)
        .setKey(ByteBuffer.wrap(id.getBytes(StandardCharsets.UTF_8)))
        .setValue(null)
        .setHeaders(List.of())
        .setDeadLetteredAt(Instant.ofEpochMilli(now))
        .build();
  }

  /** The held requests with their arrival times, in arrival order; the buffer is empty afterwards. */
  List<Tuple2<R, Long>> drain() {
    List<Tuple2<R, Long>> out = new ArrayList<>(requests);
    requests.clear();
    return out;
  }

  int size() {
    return requests.size();
  }

  long bufferedTotal() {
    return bufferedTotal;
  }

  long overflowed() {
    return overflowed;
  }
}
