package io.streamnet.nn.layer;

/** How an EmbeddingBag combines the rows of one example's ids. */
public enum PoolingMode {
    /** Sum of the (weighted) rows. */
    SUM,
    /** Sum of the (weighted) rows divided by the number of ids. */
    MEAN;

    /** Parses "sum" or "mean" (any case). */
    public static PoolingMode parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "sum" -> SUM;
            case "mean" -> MEAN;
            default -> throw new IllegalArgumentException("unknown pooling mode '" + s + "' (expected sum or mean)");
        };
    }

    public String specName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
