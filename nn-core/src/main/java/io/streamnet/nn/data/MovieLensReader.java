package io.streamnet.nn.data;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * MovieLens ratings ({@code ratings.csv[.gz]}, as in ml-latest-small): header {@code userId,movieId,rating,timestamp},
 * then one rating per line (CRLF or LF line ends), rating in {@code [0.5, 5]}.
 */
public final class MovieLensReader {
    public static final String FILE = "ratings.csv";
    static final String HEADER = "userId,movieId,rating,timestamp";

    /** The canonical stream order of ratings: ascending (timestamp, userId, movieId). */
    public static final Comparator<Rating> STREAM_ORDER = Comparator.comparingLong(Rating::timestamp)
            .thenComparingInt(Rating::userId).thenComparingInt(Rating::movieId);

    private MovieLensReader() {}

    /** Ratings in file order. */
    public static List<Rating> read(Path dirOrFile) {
        return DataFiles.readHeaded(DataFiles.find(dirOrFile, FILE), HEADER, MovieLensReader::parse);
    }

    /** Ratings in the canonical stream order. */
    public static List<Rating> readInStreamOrder(Path dirOrFile) {
        List<Rating> ratings = read(dirOrFile);
        ratings.sort(STREAM_ORDER);
        return ratings;
    }

    private static Rating parse(Path file, long lineNo, String line) {
        String[] f = line.strip().split(",", -1);
        if (f.length != 4) {
            throw new MalformedDataException(file, lineNo, "expected 4 comma-separated fields "
                    + "(userId,movieId,rating,timestamp), got " + f.length);
        }
        try {
            int user = Integer.parseInt(f[0]);
            int movie = Integer.parseInt(f[1]);
            float rating = Float.parseFloat(f[2]);
            long ts = Long.parseLong(f[3]);
            if (!(rating >= 0.5f && rating <= 5f)) {
                throw new MalformedDataException(file, lineNo, "rating must be in [0.5, 5], got " + f[2]);
            }
            return new Rating(user, movie, rating, ts);
        } catch (NumberFormatException e) {
            throw new MalformedDataException(file, lineNo, "not a number: " + e.getMessage(), e);
        }
    }
}
