package io.streamnet.nn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadersTest {
    @TempDir
    Path dir;

    private Path gz(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void readsImdbJsonLinesIgnoringOtherFields() throws IOException {
        gz("imdb_reviews.jsonl.gz", "{\"split\":\"train\",\"label\":1,\"text\":\"Great<br />film\\tok\"}\n"
                + "{\"text\":\"caf\\u00e9 bad\",\"label\":0}\n");
        List<LabeledText> r = ImdbReader.read(dir);
        assertEquals(List.of(new LabeledText(0, "Great<br />film\tok", 1), new LabeledText(1, "café bad", 0)), r);
    }

    @Test
    void imdbErrorsNameFileAndLine() throws IOException {
        gz("imdb_reviews.jsonl.gz", "{\"text\":\"a\",\"label\":1}\n{\"text\":\"b\",\"label\":2}\n");
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> ImdbReader.read(dir));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("imdb_reviews.jsonl.gz:2:") && e.getMessage().contains("label"),
                e.getMessage());
        gz("imdb_reviews.jsonl.gz", "{\"text\":\"a\",\"label\":1}\n{\"text\":\"b\",\n");
        assertEquals(2, assertThrows(MalformedDataException.class, () -> ImdbReader.read(dir)).line());
        gz("imdb_reviews.jsonl.gz", "{\"label\":1}\n");
        assertTrue(assertThrows(MalformedDataException.class, () -> ImdbReader.read(dir)).getMessage()
                .contains("'text'"));
    }

    @Test
    void readsSst2WithItsHeaderAndRejectsBadLabels() throws IOException {
        gz("train.tsv.gz", "label\tsentence\n0\thide new secretions\n1\ta\tb\n");
        assertEquals(List.of(new LabeledText(0, "hide new secretions", 0), new LabeledText(1, "a\tb", 1)),
                Sst2Reader.read(dir));
        gz("train.tsv.gz", "label\tsentence\n0\tok\nx\tbad\n");
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> Sst2Reader.read(dir));
        assertEquals(3, e.line());
        gz("train.tsv.gz", "sentence\tlabel\nok\t0\n");
        assertEquals(1, assertThrows(MalformedDataException.class, () -> Sst2Reader.read(dir)).line());
    }

    @Test
    void readsTheSst2DevSentencesWithTheirOwnHeader() throws IOException {
        Files.writeString(dir.resolve("dev.tsv"), "label\tcontent\n1\ta gorgeous film .\n0\tdull\n");
        assertEquals(List.of(new LabeledText(0, "a gorgeous film .", 1), new LabeledText(1, "dull", 0)),
                Sst2Reader.readDev(dir));
        Files.writeString(dir.resolve("dev.tsv"), "label\tsentence\n1\tok\n");
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> Sst2Reader.readDev(dir));
        assertTrue(e.getMessage().contains("expected header 'label<TAB>content'"), e.getMessage());
    }

    @Test
    void readsUciFilesInSortedOrderSplittingOnTheLastTab() throws IOException {
        Files.writeString(dir.resolve("yelp_labelled.txt"), "Loved it.\t1\n");
        Files.writeString(dir.resolve("amazon_cells_labelled.txt"), "a\tb\t0\r\nFine. \t 1\n");
        Files.writeString(dir.resolve("readme.txt"), "not data\n");
        assertEquals(List.of(new LabeledText(0, "a\tb", 0), new LabeledText(1, "Fine. ", 1),
                new LabeledText(2, "Loved it.", 1)), UciSentencesReader.read(dir));
        Files.writeString(dir.resolve("imdb_labelled.txt"), "ok\t1\nno label here\n");
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> UciSentencesReader.read(dir));
        assertTrue(e.getMessage().contains("imdb_labelled.txt:2:"), e.getMessage());
    }

    @Test
    void readsMovieLensWithCrlfAndSortsByTimeUserMovie() throws IOException {
        gz("ratings.csv.gz", "userId,movieId,rating,timestamp\r\n2,10,4.0,100\r\n1,20,3.5,100\r\n1,5,0.5,50\r\n1,3,5.0,100\r\n");
        List<Rating> r = MovieLensReader.readInStreamOrder(dir);
        assertEquals(List.of(new Rating(1, 5, 0.5f, 50), new Rating(1, 3, 5.0f, 100), new Rating(1, 20, 3.5f, 100),
                new Rating(2, 10, 4.0f, 100)), r);
        gz("ratings.csv.gz", "userId,movieId,rating,timestamp\n1,2,3.0,4\n1,2,abc,4\n");
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> MovieLensReader.read(dir));
        assertEquals(3, e.line());
        gz("ratings.csv.gz", "userId,movieId,rating,timestamp\n1,2,7.0,4\n");
        assertTrue(assertThrows(MalformedDataException.class, () -> MovieLensReader.read(dir)).getMessage()
                .contains("[0.5, 5]"));
        gz("ratings.csv.gz", "userId,movieId,rating,timestamp\n1,2,3.0\n");
        assertTrue(assertThrows(MalformedDataException.class, () -> MovieLensReader.read(dir)).getMessage()
                .contains("4 comma-separated"));
    }

    @Test
    void missingFilesGiveAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImdbReader.read(dir));
        assertTrue(e.getMessage().contains("imdb_reviews.jsonl.gz"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> UciSentencesReader.read(dir));
        assertThrows(IllegalArgumentException.class, () -> Sst2Reader.read(dir.resolve("nope")));
    }

    @Test
    void acceptsAPlainFileAsWellAsADirectory() throws IOException {
        Path plain = dir.resolve("my.jsonl");
        Files.writeString(plain, "{\"text\":\"x\",\"label\":1}\n");
        assertEquals(1, ImdbReader.read(plain).size());
    }
}
