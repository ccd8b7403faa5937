package io.streamnet.nn.spec;

/**
 * An invalid network spec. The message starts with the offending location, e.g.
 * {@code layers[2] (dense 'hidden'): units must be > 0, got -3}; {@link #location()} returns that location.
 */
public final class SpecException extends IllegalArgumentException {
    private final String location;
    private final String problem;

    public SpecException(String location, String problem) {
        super(location + ": " + problem);
        this.location = location;
        this.problem = problem;
    }

    public SpecException(String location, String problem, Throwable cause) {
        super(location + ": " + problem, cause);
        this.location = location;
        this.problem = problem;
    }

    /** What is wrong, without the location. */
    public String problem() {
        return problem;
    }

    /** Where the problem is: a key path such as {@code optimizer.lr} or {@code layers[2] (dense 'hidden')}. */
    public String location() {
        return location;
    }
}
