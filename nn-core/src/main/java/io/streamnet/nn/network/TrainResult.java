package io.streamnet.nn.network;

/**
 * What one {@link Network#trainBatch} call did.
 *
 * @param status       whether the update was applied or why the batch was rejected
 * @param loss         the batch loss before the update (mean over the batch; NaN/infinite when rejected for that)
 * @param gradientNorm global L2 norm of the gradients before clipping (NaN when the loss was rejected)
 * @param step         optimizer steps applied so far, including this one
 * @param examples     examples in the batch
 */
public record TrainResult(TrainStatus status, double loss, double gradientNorm, long step, int examples) {
    public boolean trained() {
        return status == TrainStatus.TRAINED;
    }
}
