package io.streamnet.nn.spec;

/** The training loss: {@code mse}, {@code bce_with_logits} or {@code softmax_cross_entropy}. */
public record LossSpec(String type) {
    public LossSpec {
        java.util.Objects.requireNonNull(type, "loss type");
    }

    public static LossSpec mse() { return new LossSpec("mse"); }
    public static LossSpec bceWithLogits() { return new LossSpec("bce_with_logits"); }
    public static LossSpec softmaxCrossEntropy() { return new LossSpec("softmax_cross_entropy"); }

    static boolean isKnown(String type) {
        return switch (type) {
            case "mse", "bce_with_logits", "softmax_cross_entropy" -> true;
            default -> false;
        };
    }
}
