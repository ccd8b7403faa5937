package io.streamnet.nn.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * SST-2 phrases ({@code train.tsv[.gz]}): a header line {@code label<TAB>sentence}, then {@code label<TAB>text} per
 * line with label 0 or 1 (this copy's column order is label first; the split is on the first TAB). The GLUE dev
 * sentences ({@code dev.tsv[.gz]}, header {@code label<TAB>content}) have the same layout.
 */
public final class Sst2Reader {
    public static final String FILE = "train.tsv";
    static final String HEADER = "label\tsentence";
    public static final String DEV_FILE = "dev.tsv";
    static final String DEV_HEADER = "label\tcontent";

    private Sst2Reader() {}

    /** The training phrases, the stream the prequential runner learns from. */
    public static List<LabeledText> read(Path dirOrFile) {
        return read(DataFiles.find(dirOrFile, FILE), HEADER);
    }

    /** The 872 dev sentences, held out from the training stream (for evaluations after it). */
    public static List<LabeledText> readDev(Path dirOrFile) {
        return read(DataFiles.find(dirOrFile, DEV_FILE), DEV_HEADER);
    }

    private static List<LabeledText> read(Path file, String expectedHeader) {
        List<LabeledText> out = new ArrayList<>();
        try (BufferedReader in = DataFiles.open(file)) {
            String header = in.readLine();
            if (header == null || !header.equals(expectedHeader)) {
                throw new MalformedDataException(file, 1, "expected header '" + expectedHeader.replace("\t", "<TAB>")
                        + "', got " + (header == null ? "an empty file" : "'" + header.replace("\t", "<TAB>") + "'"));
            }
            long lineNo = 1;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                int tab = line.indexOf('\t');
                if (tab < 0) {
                    throw new MalformedDataException(file, lineNo, "expected label<TAB>sentence, found no TAB");
                }
                String label = line.substring(0, tab);
                if (!label.equals("0") && !label.equals("1")) {
                    throw new MalformedDataException(file, lineNo, "label must be 0 or 1, got '" + label + "'");
                }
                out.add(new LabeledText(out.size(), line.substring(tab + 1), label.charAt(0) - '0'));
            }
        } catch (IOException e) {
            throw DataFiles.readError(file, e);
        }
        return out;
    }
}
