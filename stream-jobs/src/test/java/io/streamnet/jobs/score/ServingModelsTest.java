package io.streamnet.jobs.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.jobs.model.ModelPart;
import io.streamnet.jobs.score.ServingModels.Outcome;
import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.snapshot.DeltaTracker;
import io.streamnet.nn.snapshot.ModelContent;
import io.streamnet.nn.snapshot.ModelVersion;
import io.streamnet.nn.snapshot.PayloadParts;
import io.streamnet.nn.snapshot.SnapshotPayload;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ServingModelsTest {

  /** A trainer stand-in: a live network changed a few rows at a time, published FULL/DELTA in small parts. */
  static final class Publisher {
    final Network live = Network.build(ScorerFunctionTest.spec());
    final DeltaTracker tracker = new DeltaTracker(live);
    final SplittableRandom random = new SplittableRandom(5);
    ModelVersion lastFull;
    long version;

    /** Changes {@code rows} random embedding rows and a row of another parameter. */
    void change(int rows) {
      for (int r = 0; r < rows; r++) {
        changeRow(live.parameters().get(0));
      }
      changeRow(live.parameters().get(1 + random.nextInt(live.parameters().size() - 1)));
    }

    private void changeRow(Parameter p) {
      int row = random.nextInt(p.rows());
      for (int c = 0; c < p.cols(); c++) {
        p.value()[p.offset() + row * p.cols() + c] = (float) random.nextGaussian();
      }
    }

    List<ModelPart> publish(boolean full) {
      byte[] payload = full ? tracker.full() : tracker.delta();
      ModelVersion v = new ModelVersion(1, ++version);
      ModelVersion base = full ? null : lastFull;
      if (full) {
        lastFull = v;
      }
      return parts(v, base, payload, 512);
    }

    List<ModelPart> parts(ModelVersion v, ModelVersion base, byte[] payload, int max) {
      List<byte[]> bytes = PayloadParts.split(payload, max);
      List<ModelPart> parts = new ArrayList<>();
      for (int i = 0; i < bytes.size(); i++) {
        parts.add(new ModelPart("m", v, base, i, bytes.size(), base == null && i == 0 ? live.spec().toJson() : null,
            bytes.get(i), null));
      }
      return parts;
    }
  }

  static byte[] weights(ModelContent model) {
    return SnapshotPayload.full(model);
  }

  @Test
  void theFrontCopyIsAlwaysOneWholeVersionAndFollowsFullsAndDeltasExactly() {
    Publisher trainer = new Publisher();
    ServingModels models = new ServingModels(ScorerFunctionTest.task()::newServingModel);
    byte[] served = null;
    for (int round = 0; round < 12; round++) {
      trainer.change(40);
      List<ModelPart> parts = trainer.publish(round % 5 == 0);
      assertTrue(parts.size() > 1, "round " + round + " is sent in several parts");
      for (ModelPart part : parts) {
        Outcome o = models.accept(part);
        assertEquals(part.last() ? Outcome.COMPLETED : Outcome.RECEIVING, o, part.toString());
        if (!part.last()) {
          if (served == null) {
            assertNull(models.front(), "nothing served before the first version is complete");
          } else {
            assertArrayEquals(served, weights(models.front()), "mid-version the front copy is unchanged");
          }
        }
        models.catchUp(1); // a request between parts
      }
      served = weights(trainer.live);
      assertArrayEquals(served, weights(models.front()), "after round " + round);
      assertEquals(new ModelVersion(1, round + 1), models.served());
    }
  }

  @Test
  void staleOrphanAndOutOfSequencePartsLeaveTheServedModelExactAndTheNextVersionStillApplies() {
    Publisher trainer = new Publisher();
    ServingModels models = new ServingModels(ScorerFunctionTest.task()::newServingModel);
    trainer.change(40);
    trainer.publish(true).forEach(models::accept);
    trainer.change(40);
    List<ModelPart> d2 = trainer.publish(false);
    d2.forEach(models::accept);
    byte[] v2 = weights(trainer.live);

    assertEquals(Outcome.STALE, models.accept(d2.get(0)));
    assertEquals(Outcome.IGNORED, models.accept(d2.get(1)));
    List<ModelPart> orphan = trainer.parts(new ModelVersion(1, 50), new ModelVersion(1, 49), trainer.tracker.delta(),
        512);
    assertEquals(Outcome.ORPHAN, models.accept(orphan.get(0)));

    trainer.change(60);
    List<ModelPart> d3 = trainer.publish(false);
    assertEquals(Outcome.RECEIVING, models.accept(d3.get(0)));
    assertEquals(Outcome.OUT_OF_SEQUENCE, models.accept(d3.get(2)), "part 1 went missing");
    assertArrayEquals(v2, weights(models.front()), "the served model is untouched");
    assertEquals(Outcome.IGNORED, models.accept(d3.get(1)));

    trainer.change(30);
    trainer.publish(false).forEach(models::accept); // delta 4 includes every row of delta 3
    assertArrayEquals(weights(trainer.live), weights(models.front()),
        "the back copy was brought back and the next delta is exact");
    assertEquals(1, models.stale());
    assertEquals(1, models.orphans());
    assertEquals(1, models.outOfSequence());
  }
}
