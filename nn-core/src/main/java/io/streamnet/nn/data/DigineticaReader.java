package io.streamnet.nn.data;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;

/**
 * Diginetica item views ({@code train-item-views.csv[.gz]} of CIKM Cup 2016, or the sample's
 * {@code sample_train-item-views.csv[.gz]}): {@code ;}-separated, header
 * {@code session_id;user_id;item_id;timeframe;eventdate}, user_id a number or {@code NA}, eventdate
 * {@code yyyy-MM-dd}. A malformed row is an error naming the line and the field.
 */
public final class DigineticaReader {
    public static final String FILE = "sample_train-item-views.csv";
    static final String HEADER = "session_id;user_id;item_id;timeframe;eventdate";

    /**
     * The stream order: day, then offset in the session, then session id, then file line. The file gives only a
     * day per view and an offset within its session, so views of one day are ordered by their offset: the sessions
     * of a day run side by side, each in its own order.
     */
    public static final Comparator<ItemView> STREAM_ORDER = Comparator.comparingLong(ItemView::day)
            .thenComparingLong(ItemView::timeframe).thenComparingLong(ItemView::sessionId)
            .thenComparingLong(ItemView::line);

    private DigineticaReader() {}

    /** Views in file order. */
    public static List<ItemView> read(Path dirOrFile) {
        return DataFiles.readHeaded(DataFiles.find(dirOrFile, FILE), HEADER, DigineticaReader::parse);
    }

    /** Views in the stream order ({@link #STREAM_ORDER}). */
    public static List<ItemView> readInStreamOrder(Path dirOrFile) {
        List<ItemView> views = read(dirOrFile);
        views.sort(STREAM_ORDER);
        return views;
    }

    static ItemView parse(Path file, long lineNo, String line) {
        String[] f = line.strip().split(";", -1);
        if (f.length != 5) {
            throw new MalformedDataException(file, lineNo, "expected 5 ';'-separated fields (" + HEADER + "), got "
                    + f.length);
        }
        long session = number(file, lineNo, "session_id", f[0]);
        if (!f[1].equals("NA")) {
            number(file, lineNo, "user_id", f[1]);
        }
        long item = number(file, lineNo, "item_id", f[2]);
        long timeframe = number(file, lineNo, "timeframe", f[3]);
        long day;
        try {
            day = LocalDate.parse(f[4]).toEpochDay();
        } catch (DateTimeParseException e) {
            throw new MalformedDataException(file, lineNo, "field eventdate: expected a date yyyy-MM-dd, got '"
                    + f[4] + "'", e);
        }
        return new ItemView(session, item, timeframe, day, lineNo);
    }

    /** A non-negative integer field. */
    private static long number(Path file, long lineNo, String field, String text) {
        try {
            long v = Long.parseLong(text);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the field's name
        }
        throw new MalformedDataException(file, lineNo, "field " + field + ": expected a non-negative integer, got '"
                + text + "'");
    }
}
