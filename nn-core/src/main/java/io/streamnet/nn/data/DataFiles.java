package io.streamnet.nn.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Opening dataset files: gzip by file name, UTF-8 with malformed bytes replaced (as Python's errors='replace'). */
final class DataFiles {
    private DataFiles() {}

    /**
     * The file {@code baseName + ".gz"} or {@code baseName} inside {@code dirOrFile}, or {@code dirOrFile} itself if it
     * is a regular file; an error naming what was looked for otherwise.
     */
    static Path find(Path dirOrFile, String baseName) {
        if (Files.isRegularFile(dirOrFile)) {
            return dirOrFile;
        }
        if (!Files.isDirectory(dirOrFile)) {
            throw new IllegalArgumentException("no such directory: " + dirOrFile);
        }
        Path gz = dirOrFile.resolve(baseName + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path plain = dirOrFile.resolve(baseName);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        throw new IllegalArgumentException("neither " + gz.getFileName() + " nor " + plain.getFileName()
                + " in " + dirOrFile);
    }

    static BufferedReader open(Path file) {
        try {
            InputStream in = Files.newInputStream(file);
            if (file.getFileName().toString().endsWith(".gz")) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            var decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            return new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    static UncheckedIOException readError(Path file, IOException e) {
        return new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }

    /** Parses one line of a headed file into a record; {@code lineNo} is 1-based (the header is line 1). */
    interface LineParser<T> {
        T parse(Path file, long lineNo, String line);
    }

    /** Every line after the header {@code header} (checked, surrounding blanks ignored), parsed in file order. */
    static <T> List<T> readHeaded(Path file, String header, LineParser<T> parser) {
        List<T> out = new ArrayList<>();
        try (BufferedReader in = open(file)) {
            String first = in.readLine();
            if (first == null || !first.strip().equals(header)) {
                throw new MalformedDataException(file, 1, "expected header '" + header + "', got "
                        + (first == null ? "an empty file" : "'" + first + "'"));
            }
            long lineNo = 1;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                out.add(parser.parse(file, lineNo, line));
            }
        } catch (IOException e) {
            throw readError(file, e);
        }
        return out;
    }
}
