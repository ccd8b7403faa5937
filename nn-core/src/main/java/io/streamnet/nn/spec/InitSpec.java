package io.streamnet.nn.spec;

/**
 * A weight initializer: {@code he_uniform}, {@code he_normal}, {@code xavier_uniform}, {@code xavier_normal},
 * {@code zeros}, {@code normal} (with {@code std}) or {@code uniform} (with {@code limit}); {@code scale} holds
 * std or limit and is 0 for the others.
 */
public record InitSpec(String type, double scale) {
    public InitSpec {
        java.util.Objects.requireNonNull(type, "init type");
        if (!type.equals("normal") && !type.equals("uniform")) scale = 0; // unused: normalized for equality
    }

    public static InitSpec heUniform() { return new InitSpec("he_uniform", 0); }
    public static InitSpec heNormal() { return new InitSpec("he_normal", 0); }
    public static InitSpec xavierUniform() { return new InitSpec("xavier_uniform", 0); }
    public static InitSpec xavierNormal() { return new InitSpec("xavier_normal", 0); }
    public static InitSpec zeros() { return new InitSpec("zeros", 0); }
    public static InitSpec normal(double std) { return new InitSpec("normal", std); }
    public static InitSpec uniform(double limit) { return new InitSpec("uniform", limit); }

    /** Whether the type takes a scale (std or limit). */
    public boolean hasScale() {
        return type.equals("normal") || type.equals("uniform");
    }

    /** The scale key: std for normal, limit for uniform. */
    public String scaleKey() {
        return type.equals("normal") ? "std" : "limit";
    }

    static boolean isKnown(String type) {
        return switch (type) {
            case "he_uniform", "he_normal", "xavier_uniform", "xavier_normal", "zeros", "normal", "uniform" -> true;
            default -> false;
        };
    }
}
