package io.streamnet.nn.data;

import java.nio.file.Path;

/** A dataset file holds a line that does not have the expected format; the message names file and line. */
public final class MalformedDataException extends RuntimeException {
    private final transient Path file;
    private final long line;

    public MalformedDataException(Path file, long line, String problem) {
        this(file, line, problem, null);
    }

    public MalformedDataException(Path file, long line, String problem, Throwable cause) {
        super(file + ":" + line + ": " + problem, cause);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** 1-based line number in the (decompressed) file. */
    public long line() {
        return line;
    }
}
