package io.streamnet.edge.metrics;

import io.streamnet.edge.model.LiveModel;
import io.streamnet.edge.model.ModelStore;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Everything the edge scorer reports: per task what its scorers count ({@link TaskMetrics}), and per model what the
 * store follows (read from the {@link ModelStore} when asked). Thread-safe.
 */
public final class EdgeMetrics {
  private final Map<String, TaskMetrics> tasks = new LinkedHashMap<>();
  private final LongSupplier clockMillis;
  private volatile ModelStore store;

  public EdgeMetrics(LongSupplier clockMillis) {
    this.clockMillis = clockMillis;
  }

  /** The metrics of a task, made on first use. */
  public synchronized TaskMetrics task(String task, String modelId) {
    return tasks.computeIfAbsent(task, t -> new TaskMetrics(t, modelId, new RateMeter(clockMillis)));
  }

  public synchronized Collection<TaskMetrics> tasks() {
    return List.copyOf(tasks.values());
  }

  /** Reports on {@code s} from now on (Kafka Streams builds the global store when the application starts). */
  public ModelStore attach(ModelStore s) {
    store = s;
    return s;
  }

  /** The store followed; null before the application built it. */
  public ModelStore store() {
    return store;
  }

  /** The served model {@code modelId}; null before the store exists or for a model not served. */
  public LiveModel model(String modelId) {
    ModelStore s = store;
    return s == null ? null : s.model(modelId);
  }

  public long nowMillis() {
    return clockMillis.getAsLong();
  }
}
