package io.streamnet.nn.network;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.testing.StepAllocation;
import io.streamnet.nn.testing.SyntheticSequences;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Steady-state training and scoring of sequence models (padded ids, embedding, Conv1DMaxPool or GRU/LSTM) allocate
 * nothing per example. Runs in a JVM of its own, as {@link SteadyStateAllocationTest} does and for its reasons.
 */
class SequenceSteadyStateAllocationTest {

    @ParameterizedTest
    @ValueSource(strings = {"textcnn", "textcnn-wide", "gru", "lstm", "stacked"})
    void steadyStateTrainingAndScoringAllocateAlmostNothing(String model) {
        Network net = Network.build(SequenceNetworkTest.spec(model, 12));
        SyntheticSequences data = new SyntheticSequences(1, SequenceNetworkTest.VOCAB, 12);
        Batch[] batches = new Batch[8];
        for (int i = 0; i < batches.length; i++) {
            batches[i] = net.newBatch();
            data.fill(batches[i], 32);
        }
        int[] i = {0};
        long perStep = StepAllocation.perStep(() -> {
            Batch b = batches[i[0]++ % 8];
            net.trainBatch(b);
            net.predict(b);
        }, 200, 128);
        // one small TrainResult record per step at most; no buffers, no per-example garbage
        assertTrue(perStep <= 128, model + ": allocated " + perStep + " bytes per train+predict step");
    }
}
