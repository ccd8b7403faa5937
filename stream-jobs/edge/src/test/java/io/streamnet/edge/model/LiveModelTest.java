package io.streamnet.edge.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.edge.EdgeFixtures;
import io.streamnet.jobs.task.sentiment.SentimentTask;
import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.snapshot.ModelContent;
import io.streamnet.nn.snapshot.ModelVersion;
import io.streamnet.nn.snapshot.SnapshotPayload;
import io.streamnet.schema.ModelSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The served model under concurrent scoring: one whole version per reading, never older than one read before. */
class LiveModelTest {
  static final SentimentTask TASK = EdgeFixtures.sentiment();

  /** Every value of every parameter set to {@code value}: a version whose values say which version it is. */
  static byte[] uniform(ModelContent model, float value) {
    for (Parameter p : model.parameters()) {
      Arrays.fill(p.value(), value);
    }
    return SnapshotPayload.full(model);
  }

  @Test
  void aReaderAlwaysSeesOneWholeVersionAndNeverAnOlderOneWhileVersionsAreSwappedIn() throws Exception {
    LiveModel live = new LiveModel("m", "sentiment", Map.of());
    ModelContent source = TASK.newLearner(null).content();
    int versions = 400;
    List<ModelSnapshot> snapshots = new ArrayList<>();
    for (int v = 1; v <= versions; v++) {
      snapshots.add(EdgeFixtures.full(TASK, "m", new ModelVersion(1, v), uniform(source, v)));
    }
    live.accept(snapshots.get(0), 0);
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<String> failure = new AtomicReference<>();
    AtomicLong readings = new AtomicLong();
    List<Thread> readers = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      Thread t = new Thread(() -> {
        long lastSeen = 0;
        while (!done.get() && failure.get() == null) {
          ServedModel s = live.acquire();
          try {
            long v = s.version().version();
            if (v < lastSeen) {
              failure.set("version went back from " + lastSeen + " to " + v);
            }
            lastSeen = v;
            for (Parameter p : s.model().parameters()) {
              float[] w = p.value();
              int first = p.offset();
              if (w[first] != v || w[w.length - 1] != v || w[w.length / 2] != v) {
                failure.set("version " + v + " read with values " + w[first] + "/" + w[w.length / 2] + "/"
                    + w[w.length - 1] + " in " + p.name());
              }
            }
            readings.incrementAndGet();
          } finally {
            s.release();
          }
        }
      });
      t.start();
      readers.add(t);
    }
    for (ModelSnapshot s : snapshots.subList(1, versions)) {
      assertEquals(SnapshotOutcome.SERVED, live.accept(s, 0));
    }
    done.set(true);
    for (Thread t : readers) {
      t.join(30_000);
    }
    assertNull(failure.get(), failure.get());
    assertEquals(new ModelVersion(1, versions), live.current().version());
    assertTrue(readings.get() > 0);
  }

  @Test
  void theStoreWaitsForTheLastReaderOfACopyBeforeWritingIt() throws Exception {
    LiveModel live = new LiveModel("m", "sentiment", Map.of());
    ModelContent source = TASK.newLearner(null).content();
    live.accept(EdgeFixtures.full(TASK, "m", new ModelVersion(1, 1), uniform(source, 1)), 0);
    live.accept(EdgeFixtures.full(TASK, "m", new ModelVersion(1, 2), uniform(source, 2)), 0);
    ServedModel reading = live.acquire(); // version 2, in copy B; the next version goes to copy A
    live.accept(EdgeFixtures.full(TASK, "m", new ModelVersion(1, 3), uniform(source, 3)), 0);
    // Version 4 must be written into B, which the reading still holds: the store waits until it is released.
    Thread writer = new Thread(() -> live.accept(EdgeFixtures.full(TASK, "m", new ModelVersion(1, 4),
        uniform(TASK.newLearner(null).content(), 4)), 0));
    writer.start();
    writer.join(300);
    assertTrue(writer.isAlive(), "the store wrote a copy a scoring thread was reading");
    Parameter first = reading.model().parameters().get(0);
    assertEquals(2f, first.value()[first.offset()]);
    reading.release();
    writer.join(10_000);
    assertEquals(new ModelVersion(1, 4), live.current().version());
  }

  @Test
  void aSnapshotOfAnotherTaskIsRefused() {
    LiveModel live = new LiveModel("m", "recommendation", Map.of());
    ModelSnapshot s = EdgeFixtures.full(TASK, "m", new ModelVersion(1, 1),
        SnapshotPayload.full(TASK.newLearner(null).content()));
    assertEquals(SnapshotOutcome.REFUSED_INVALID, live.accept(s, 0));
    assertNull(live.current());
  }
}
