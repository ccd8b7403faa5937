package io.streamnet.nn.state;

/**
 * Model state bytes that cannot be loaded: corrupted (SHA-256 checksum mismatch), truncated, of an unknown
 * format version, or not matching the spec they are loaded with (the message names the layer, the parameter
 * and both shapes).
 */
public final class StateFormatException extends IllegalArgumentException {
    public StateFormatException(String message) {
        super(message);
    }

    public StateFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
