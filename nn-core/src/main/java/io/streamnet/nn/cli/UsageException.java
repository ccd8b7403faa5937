package io.streamnet.nn.cli;

/** The command line is wrong; the message says what, and the command prints its usage after it. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
