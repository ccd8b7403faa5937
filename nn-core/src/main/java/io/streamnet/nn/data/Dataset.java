package io.streamnet.nn.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The datasets the prequential runner knows, where their files live below a data root, and how to read them.
 * {@code sharedDir} is relative to the shared data root ({@code ../shared/data} or {@code STREAMNET_DATA});
 * {@code bundledDir} relative to the repository root for the sets the project may carry (null if none).
 */
public enum Dataset {
    IMDB("imdb", Kind.TEXT, "sentiment/imdb-aclImdb", null, ImdbReader.FILE + "[.gz]"),
    SST2("sst2", Kind.TEXT, "sentiment/sst2", null, Sst2Reader.FILE + "[.gz]"),
    UCI("uci", Kind.TEXT, "sentiment/uci-sentiment-labelled-sentences", "datasets/uci-sentiment-labelled-sentences",
            "*" + UciSentencesReader.SUFFIX),
    MOVIELENS("movielens", Kind.RATINGS, "recommendation/ml-latest-small", "datasets/ml-latest-small",
            MovieLensReader.FILE + "[.gz]"),
    DIGINETICA("diginetica", Kind.SESSIONS, "recommendation/diginetica-sample", null,
            DigineticaReader.FILE + "[.gz]");

    /** What a dataset's records are: labelled texts, ratings, or item views in sessions. */
    public enum Kind { TEXT, RATINGS, SESSIONS }

    private final String cliName;
    private final Kind kind;
    private final String sharedDir;
    private final String bundledDir;
    private final String expectedFiles;

    Dataset(String cliName, Kind kind, String sharedDir, String bundledDir, String expectedFiles) {
        this.cliName = cliName;
        this.kind = kind;
        this.sharedDir = sharedDir;
        this.bundledDir = bundledDir;
        this.expectedFiles = expectedFiles;
    }

    public String cliName() {
        return cliName;
    }

    public Kind kind() {
        return kind;
    }

    public String sharedDir() {
        return sharedDir;
    }

    /** Directory below the repository root, or null if the project does not carry this dataset. */
    public String bundledDir() {
        return bundledDir;
    }

    /** The file(s) a directory must hold for this dataset, for messages. */
    public String expectedFiles() {
        return expectedFiles;
    }

    /** Labelled texts in file order (TEXT datasets only). */
    public List<LabeledText> readTexts(Path dirOrFile) {
        return switch (this) {
            case IMDB -> ImdbReader.read(dirOrFile);
            case SST2 -> Sst2Reader.read(dirOrFile);
            case UCI -> UciSentencesReader.read(dirOrFile);
            case MOVIELENS, DIGINETICA -> throw new IllegalStateException(cliName + " holds interactions, not texts");
        };
    }

    /** Whether {@code dir} holds this dataset's file(s). */
    public boolean presentIn(Path dir) {
        try {
            if (this == UCI) {
                UciSentencesReader.files(dir);
            } else {
                DataFiles.find(dir, switch (this) {
                    case IMDB -> ImdbReader.FILE;
                    case SST2 -> Sst2Reader.FILE;
                    case DIGINETICA -> DigineticaReader.FILE;
                    default -> MovieLensReader.FILE;
                });
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The dataset named {@code name} on the command line (case-insensitive). */
    public static Dataset fromCliName(String name) {
        for (Dataset d : values()) {
            if (d.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dataset '" + name + "': expected imdb, sst2, uci, movielens or diginetica");
    }
}
