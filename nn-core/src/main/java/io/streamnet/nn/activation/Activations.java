package io.streamnet.nn.activation;

/** Activation functions by spec name. */
public final class Activations {
    private Activations() {}

    /** Default slope of leaky_relu when a spec gives none (PyTorch's default). */
    public static final float DEFAULT_LEAKY_SLOPE = 0.01f;

    /**
     * The activation named {@code name} (relu, leaky_relu, sigmoid, tanh, gelu, identity/linear/none);
     * {@code slope} is used by leaky_relu only.
     *
     * @throws IllegalArgumentException naming the unknown activation
     */
    public static ActivationFunction byName(String name, float slope) {
        return switch (name) {
            case "relu" -> new Relu();
            case "leaky_relu" -> new LeakyRelu(slope);
            case "sigmoid" -> new Sigmoid();
            case "tanh" -> new Tanh();
            case "gelu" -> new Gelu();
            case "identity", "linear", "none" -> new Identity();
            default -> throw new IllegalArgumentException("unknown activation '" + name
                    + "' (expected relu, leaky_relu, sigmoid, tanh, gelu, identity)");
        };
    }

    public static boolean isKnown(String name) {
        return switch (name) {
            case "relu", "leaky_relu", "sigmoid", "tanh", "gelu", "identity", "linear", "none" -> true;
            default -> false;
        };
    }
}
