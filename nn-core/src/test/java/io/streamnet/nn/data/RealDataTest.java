package io.streamnet.nn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The readers on the real files: the project's own datasets/ (always present) and ../shared/data (present in CI;
 * the IMDB/SST-2 checks are skipped where it is absent). Counts and first/last streamed records were computed once
 * with the peers' loader ({@code sklearn_sentiment_lib.load} + {@code stream_order(n, 42)}).
 */
class RealDataTest {
    private static final DataLocator LOCATOR = DataLocator.fromEnvironment();

    @Test
    void uciSentencesFromTheRepositoryMatchThePeersStream() {
        Path dir = LOCATOR.locate(Dataset.UCI);
        List<LabeledText> texts = Dataset.UCI.readTexts(dir);
        assertEquals(3000, texts.size());
        assertEquals(1500, texts.stream().mapToInt(LabeledText::label).sum());
        assertEquals("So there is no way for me to plug it in here in the US unless I go by a converter.",
                texts.get(0).text());
        List<LabeledText> stream = CanonicalOrder.apply(texts, 42);
        assertEquals(1884, stream.get(0).index());
        assertEquals(0, stream.get(0).label());
        assertEquals(true, stream.get(0).text().startsWith("This is probably one of the least effective and utterly unor"));
        assertEquals(true, stream.get(2999).text().startsWith("There is so much good food in Vegas that I feel cheated for "));
    }

    @Test
    void movieLensFromTheRepository() {
        List<Rating> r = MovieLensReader.readInStreamOrder(LOCATOR.locate(Dataset.MOVIELENS));
        assertEquals(100_836, r.size());
        assertEquals(610, r.stream().mapToInt(Rating::userId).distinct().count());
        assertEquals(9_724, r.stream().mapToInt(Rating::movieId).distinct().count());
        for (int i = 1; i < r.size(); i++) {
            assertEquals(true, MovieLensReader.STREAM_ORDER.compare(r.get(i - 1), r.get(i)) < 0);
        }
    }

    @Test
    void imdbAndSst2FromSharedDataMatchThePeersStream() {
        Path imdb = LOCATOR.locateOrNull(Dataset.IMDB);
        Path sst2 = LOCATOR.locateOrNull(Dataset.SST2);
        assumeTrue(imdb != null && sst2 != null, "../shared/data (or STREAMNET_DATA) not present");
        List<LabeledText> i = CanonicalOrder.apply(Dataset.IMDB.readTexts(imdb), 42);
        assertEquals(50_000, i.size());
        assertEquals(25_000, i.stream().mapToInt(LabeledText::label).sum());
        assertEquals(true, i.get(0).text().startsWith("As a kid, this movie scared me green. As an adult, I couldn'"));
        assertEquals(0, i.get(0).label());
        List<LabeledText> s = CanonicalOrder.apply(Dataset.SST2.readTexts(sst2), 42);
        assertEquals(67_349, s.size());
        assertEquals(37_569, s.stream().mapToInt(LabeledText::label).sum());
        assertEquals(true, s.get(0).text().startsWith("the leads we are given here are simply too bland to be inter"));
        assertEquals("own style", s.get(67_348).text());
    }

    @Test
    void locatorPrefersSharedDataAndFallsBackToTheRepository() {
        Path repo = DataLocator.findRepoRoot(Path.of("").toAbsolutePath());
        assertNotNull(repo);
        DataLocator noShared = new DataLocator(repo.resolve("no-such-shared-dir"), repo);
        assertEquals(repo.resolve("datasets/uci-sentiment-labelled-sentences"), noShared.locate(Dataset.UCI));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> noShared.locate(Dataset.IMDB));
        assertEquals(true, e.getMessage().contains("--path"), e.getMessage());
    }
}
