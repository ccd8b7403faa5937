package io.streamnet.nn.prequential;

import io.streamnet.nn.network.Batch;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.spec.LayerSpec;
import io.streamnet.nn.tensor.Tensor;

/**
 * One test-then-train step: the batch's predictions by the model as it was before the batch, then one update.
 * Without dropout the training forward pass computes exactly those predictions, so one forward pass serves both
 * ({@link Network#lastTrainingPredictions()}); with dropout a separate inference pass comes first, so that scores
 * never include dropout noise.
 */
final class ScoreThenTrain {
    private final Network network;
    private final boolean onePass;

    ScoreThenTrain(Network network) {
        this(network, network.spec().layers().stream().noneMatch(l -> l instanceof LayerSpec.Dropout));
    }

    /** @param onePass use the training pass's predictions (only correct without dropout) */
    ScoreThenTrain(Network network, boolean onePass) {
        this.network = network;
        this.onePass = onePass;
    }

    /** Writes the pre-update predictions of {@code batch} into {@code out}, then trains; false if the update was refused. */
    boolean step(Batch batch, float[] out) {
        if (!onePass) {
            network.predict(batch, out);
            return network.trainBatch(batch).trained();
        }
        boolean trained = network.trainBatch(batch).trained();
        Tensor p = network.lastTrainingPredictions();
        System.arraycopy(p.data(), 0, out, 0, batch.size());
        return trained;
    }
}
