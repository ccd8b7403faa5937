package io.streamnet.connect.cli;

/** The command line is wrong; the message names the bad option, and the command prints its usage after it. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
