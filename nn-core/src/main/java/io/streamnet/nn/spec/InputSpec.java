package io.streamnet.nn.spec;

/**
 * A named network input.
 * <ul>
 *   <li>{@code dense}: {@code size} floats per example, or a sequence of {@code time} x {@code size} when time > 0;</li>
 *   <li>{@code sparse_ids}: a bag of ids in [0, vocab) per example (for embedding_bag);</li>
 *   <li>{@code ids}: {@code width} categorical ids in [0, vocab) per example (for embedding).</li>
 * </ul>
 * Fields not used by a type are 0.
 */
public record InputSpec(String name, Type type, int size, int time, int vocab, int width) {
    public enum Type {
        DENSE, SPARSE_IDS, IDS;

        public String specName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public InputSpec {
        java.util.Objects.requireNonNull(name, "input name");
        java.util.Objects.requireNonNull(type, "input type");
    }

    public static InputSpec dense(String name, int size) {
        return new InputSpec(name, Type.DENSE, size, 0, 0, 0);
    }

    public static InputSpec sequence(String name, int time, int channels) {
        return new InputSpec(name, Type.DENSE, channels, time, 0, 0);
    }

    public static InputSpec sparseIds(String name, int vocab) {
        return new InputSpec(name, Type.SPARSE_IDS, 0, 0, vocab, 0);
    }

    public static InputSpec ids(String name, int vocab) {
        return new InputSpec(name, Type.IDS, 0, 0, vocab, 1);
    }

    public static InputSpec ids(String name, int vocab, int width) {
        return new InputSpec(name, Type.IDS, 0, 0, vocab, width);
    }
}
