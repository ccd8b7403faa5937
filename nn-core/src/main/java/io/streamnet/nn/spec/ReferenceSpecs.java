package io.streamnet.nn.spec;

/**
 * The reference models of docs/ARCHITECTURE.md, exactly as benchmarks and peers use them. Each is also a resource
 * ({@code /io/streamnet/nn/spec/model-s.yaml}, {@code model-r.yaml}, {@code model-d.yaml}) that users can copy
 * and edit.
 */
public final class ReferenceSpecs {
    private ReferenceSpecs() {}

    public static final String MODEL_S_RESOURCE = "/io/streamnet/nn/spec/model-s.yaml";
    public static final String MODEL_R_RESOURCE = "/io/streamnet/nn/spec/model-r.yaml";
    public static final String MODEL_D_RESOURCE = "/io/streamnet/nn/spec/model-d.yaml";

    /** Number of hash buckets of model S. */
    public static final int S_BUCKETS = 1 << 18;

    /** Model S: EmbeddingBag(2^18, 64, mean) -> Dense 64 ReLU -> Dense 1, BCE with logits, Adam lr 1e-3. */
    public static NetworkSpec sentiment() {
        return NetworkSpec.fromResource(MODEL_S_RESOURCE);
    }

    /** Model S with plain SGD (lr 0.05, as the PyTorch peer), the other optimizer of the benchmarks. */
    public static NetworkSpec sentimentSgd() {
        return sentiment().withOptimizer(OptimizerSpec.sgd(0.05));
    }

    /** Model R: user/item Embedding 32 -> concat -> Dense 128 ReLU -> Dense 64 ReLU -> Dense 1, BCE with logits, Adam lr 1e-3. */
    public static NetworkSpec recommendation() {
        return NetworkSpec.fromResource(MODEL_R_RESOURCE);
    }

    /** Model D: 256 -> Dense 512 ReLU -> Dense 512 ReLU -> Dense 10, softmax cross-entropy, Adam lr 1e-3. */
    public static NetworkSpec dense() {
        return NetworkSpec.fromResource(MODEL_D_RESOURCE);
    }
}
