package io.streamnet.nn.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * UCI "Sentiment Labelled Sentences" (Kotzias et al. 2015): every {@code *_labelled.txt} file of a directory, in
 * sorted file-name order (amazon_cells, imdb, yelp), line by line, each line {@code sentence<TAB>label} split on its
 * LAST tab (a few sentences contain tabs), label 0 or 1 (surrounding spaces allowed).
 */
public final class UciSentencesReader {
    public static final String SUFFIX = "_labelled.txt";

    private UciSentencesReader() {}

    public static List<LabeledText> read(Path dirOrFile) {
        List<LabeledText> out = new ArrayList<>();
        for (Path file : files(dirOrFile)) {
            readFile(file, out);
        }
        return out;
    }

    static List<Path> files(Path dirOrFile) {
        if (Files.isRegularFile(dirOrFile)) {
            return List.of(dirOrFile);
        }
        if (!Files.isDirectory(dirOrFile)) {
            throw new IllegalArgumentException("no such directory: " + dirOrFile);
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dirOrFile)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(p))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dirOrFile + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no *" + SUFFIX + " files in " + dirOrFile);
        }
        return files;
    }

    private static void readFile(Path file, List<LabeledText> out) {
        try (BufferedReader in = DataFiles.open(file)) {
            long lineNo = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                int tab = line.lastIndexOf('\t');
                if (tab < 0) {
                    throw new MalformedDataException(file, lineNo, "expected sentence<TAB>label, found no TAB");
                }
                String label = line.substring(tab + 1).strip();
                if (!label.equals("0") && !label.equals("1")) {
                    throw new MalformedDataException(file, lineNo, "label must be 0 or 1, got '" + label + "'");
                }
                out.add(new LabeledText(out.size(), line.substring(0, tab), label.charAt(0) - '0'));
            }
        } catch (IOException e) {
            throw DataFiles.readError(file, e);
        }
    }
}
