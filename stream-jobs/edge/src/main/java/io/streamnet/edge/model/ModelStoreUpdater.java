package io.streamnet.edge.model;

import io.streamnet.edge.score.RawRecords;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** The global store's processor: hands each record of the snapshots topic to the {@link ModelStore}. */
public final class ModelStoreUpdater implements Processor<byte[], byte[], Void, Void> {
  private ModelStore store;
  private ProcessorContext<Void, Void> context;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    this.store = context.getStateStore(ModelStore.NAME);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    if (record.value() == null) {
      return; // a tombstone: compaction removes a model's records; the served version stays
    }
    store.accept(RawRecords.of(record, context), System.currentTimeMillis());
  }
}
