package io.streamnet.nn.loss;

/** Losses by spec name. */
public final class Losses {
    private Losses() {}

    public static Loss byName(String name) {
        return switch (name) {
            case "mse" -> new MeanSquaredError();
            case "bce_with_logits" -> new BinaryCrossEntropyWithLogits();
            case "softmax_cross_entropy" -> new SoftmaxCrossEntropy();
            default -> throw new IllegalArgumentException("unknown loss '" + name + "' (expected mse, bce_with_logits, softmax_cross_entropy)");
        };
    }
}
