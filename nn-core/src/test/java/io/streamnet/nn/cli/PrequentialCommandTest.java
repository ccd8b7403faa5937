package io.streamnet.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.prequential.MetricsLine;
import io.streamnet.nn.prequential.ProgressReporter;
import io.streamnet.nn.prequential.RecoRunnerSpec;
import io.streamnet.nn.prequential.RunnerSpec;
import io.streamnet.nn.data.Dataset;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrequentialCommandTest {
    @TempDir
    Path dir;

    private record Result(int status, String out, String err) {
        String lastLine() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = PrequentialCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), ProgressReporter.silent());
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path smallSpec() throws IOException {
        return smallSpec(dir);
    }

    /** A small bag model's runner spec (4,096 buckets, dim 8), written into {@code dir}. */
    static Path smallSpec(Path dir) throws IOException {
        Path spec = dir.resolve("small.yaml");
        Files.writeString(spec, """
                features: {type: text_hashing, input: tokens, buckets: 4096}
                network:
                  inputs: [{name: tokens, type: sparse_ids, vocab: 4096}]
                  layers:
                    - {type: embedding_bag, name: emb, input: tokens, dim: 8, mode: mean}
                    - {type: dense, name: out, units: 1}
                  loss: bce_with_logits
                  optimizer: {type: adagrad, lr: 0.2}
                """);
        return spec;
    }

    @Test
    void lastLineOfStdoutIsTheFinalMetricsAsKeyValuePairs() {
        Result r = run("--dataset", "uci", "--limit", "320");
        assertEquals(0, r.status(), r.err());
        Map<String, String> m = MetricsLine.parse(r.lastLine());
        assertEquals(List.of("events", "accuracy", "auc", "logloss", "events_per_s"),
                m.keySet().stream().limit(5).toList());
        assertEquals("320", m.get("events"));
        for (String key : new String[] {"accuracy", "auc", "logloss"}) {
            double v = Double.parseDouble(m.get(key));
            assertTrue(v > 0 && v < 1.5, key + "=" + v);
        }
        assertTrue(Long.parseLong(m.get("events_per_s")) > 0);
        assertTrue(r.err().contains("dataset=uci seed=42 batch=32"), r.err());
    }

    @Test
    void movieLensRunsTheRecommenderAndPrintsRankingRatingAndBaselineFigures() {
        Result r = run("--dataset", "movielens", "--limit", "2000", "--batch", "64");
        assertEquals(0, r.status(), r.err());
        Map<String, String> m = MetricsLine.parse(r.lastLine());
        assertEquals(List.of("events", "hr_at_10", "ndcg_at_10", "rmse", "events_per_s", "pop_hr_at_10",
                "pop_ndcg_at_10", "iknn_hr_at_10", "iknn_ndcg_at_10", "positives", "seconds"),
                m.keySet().stream().limit(11).toList());
        assertEquals("2000", m.get("events"));
        for (String key : new String[] {"hr_at_10", "ndcg_at_10", "pop_hr_at_10", "iknn_hr_at_10"}) {
            double v = Double.parseDouble(m.get(key));
            assertTrue(v > 0 && v < 1, key + "=" + v);
        }
        assertTrue(Double.parseDouble(m.get("rmse")) < 1.2, m.toString());
        assertTrue(r.err().contains("batch=64") && r.err().contains("movielens.yaml"), r.err());
    }

    @Test
    void aMovieLensSpecOfFeaturesAndNetworkStillRunsTheRatingOnlyRunner() throws IOException {
        Path spec = dir.resolve("ratings.yaml");
        Files.writeString(spec, new String(getClass().getResourceAsStream(
                "/io/streamnet/nn/prequential/movielens-ratings.yaml").readAllBytes(), StandardCharsets.UTF_8));
        Result r = run("--dataset", "movielens", "--limit", "2000", "--spec", spec.toString());
        assertEquals(0, r.status(), r.err());
        Map<String, String> m = MetricsLine.parse(r.lastLine());
        assertEquals(List.of("events", "rmse", "mae", "events_per_s"), m.keySet().stream().limit(4).toList());
    }

    @Test
    void aBrokenRecommenderSpecNamesTheKey() throws IOException {
        Path spec = dir.resolve("reco.yaml");
        String text = RecoRunnerSpec.defaults().text().replace("    recency: 0.7", "    recencyy: 0.7");
        Files.writeString(spec, text);
        Result r = run("--dataset", "movielens", "--spec", spec.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("model.tower") && r.err().contains("unknown key 'recencyy'"), r.err());
        Files.writeString(spec, RecoRunnerSpec.defaults().text().replace("vocab: 32768}", "vocab: 4096}"));
        Result vocab = run("--dataset", "movielens", "--spec", spec.toString());
        assertEquals(1, vocab.status());
        assertTrue(vocab.err().contains("rating_head.inputs") && vocab.err().contains("items.capacity"), vocab.err());
    }

    @Test
    void usageErrorsExitWith2AndSayWhatIsWrong() {
        String[][] cases = {
            {},
            {"--dataset"},
            {"--dataset", "imdbx"},
            {"--dataset", "uci", "--limit", "abc"},
            {"--dataset", "uci", "--limit", "0"},
            {"--dataset", "uci", "--bogus"},
            {"--dataset", "uci", "--spec", "/no/such/spec.yaml"},
            {"--dataset", "uci", "--path", "/no/such/dir"},
        };
        String[] expected = {"--dataset is required", "--dataset needs a value", "unknown dataset 'imdbx'",
            "--limit must be an integer", "--limit must be between 1", "unknown option '--bogus'",
            "--spec /no/such/spec.yaml: no such file", "--path /no/such/dir: no such file or directory"};
        for (int i = 0; i < cases.length; i++) {
            Result r = run(cases[i]);
            assertEquals(2, r.status(), String.join(" ", cases[i]));
            assertTrue(r.err().startsWith("streamnet prequential: " + expected[i]), r.err());
            assertTrue(r.err().contains("usage: streamnet prequential"), r.err());
        }
    }

    @Test
    void runFailuresExitWith1NamingTheProblem() throws IOException {
        Result missing = run("--dataset", "imdb", "--path", dir.toString());
        assertEquals(1, missing.status());
        assertTrue(missing.err().contains("imdb_reviews.jsonl.gz"), missing.err());

        Path bad = dir.resolve("imdb_reviews.jsonl");
        Files.writeString(bad, "{\"text\":\"fine\",\"label\":1}\n{\"text\":\"oops\"}\n");
        Result malformed = run("--dataset", "imdb", "--path", dir.toString(), "--spec", smallSpec().toString());
        assertEquals(1, malformed.status());
        assertTrue(malformed.err().contains("imdb_reviews.jsonl:2:"), malformed.err());

        Path spec = dir.resolve("broken.yaml");
        Files.writeString(spec, "features: {type: text_hashing}\n");
        Result brokenSpec = run("--dataset", "uci", "--spec", spec.toString());
        assertEquals(1, brokenSpec.status());
        assertTrue(brokenSpec.err().contains(spec.toString()) && brokenSpec.err().contains("'network'"),
                brokenSpec.err());
    }

    @Test
    void pathRunsAnyDataOfTheSameShape() throws IOException {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            jsonl.append(i % 2 == 0 ? "{\"text\":\"a wonderful film\",\"label\":1}\n" : "{\"text\":\"dull and bad\",\"label\":0}\n");
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("imdb_reviews.jsonl.gz")))) {
            out.write(jsonl.toString().getBytes(StandardCharsets.UTF_8));
        }
        Result r = run("--dataset", "imdb", "--path", dir.toString(), "--spec", smallSpec().toString(), "--seed", "3");
        assertEquals(0, r.status(), r.err());
        Map<String, String> m = MetricsLine.parse(r.lastLine());
        assertEquals("100", m.get("events"));
        // two distinct texts: after the first batch the model has learned both
        assertTrue(Double.parseDouble(m.get("accuracy")) > 0.6, m.toString());
    }

    @Test
    void printSpecShowsTheDefaultSpecAndHelpShowsUsage() {
        Result spec = run("--dataset", "sst2", "--print-spec");
        assertEquals(0, spec.status());
        assertEquals(RunnerSpec.forDataset(Dataset.SST2).text(), spec.out());
        assertTrue(spec.out().contains("type: text_hashing"));
        Result reco = run("--dataset", "movielens", "--print-spec");
        assertEquals(0, reco.status());
        assertEquals(RecoRunnerSpec.defaults().text(), reco.out());
        assertTrue(reco.out().contains("rating_head:"));
        Result help = run("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().startsWith("usage: streamnet prequential"));
    }

    private Path digineticaFile(String rows) throws IOException {
        Path file = dir.resolve("views.csv");
        Files.writeString(file, "session_id;user_id;item_id;timeframe;eventdate\n" + rows);
        return file;
    }

    @Test
    void digineticaPrintsTheModelTheGruAloneAndBothBaselinesOnItsLastLine() throws IOException {
        StringBuilder rows = new StringBuilder();
        for (int s = 1; s <= 40; s++) {
            for (int v = 0; v < 4; v++) {
                rows.append(s).append(";NA;").append(10 + (s + v) % 12).append(';').append(v * 1000).append(";2016-05-0")
                        .append(1 + s % 9).append('\n');
            }
        }
        Result r = run("--dataset", "diginetica", "--path", digineticaFile(rows.toString()).toString(), "--seed", "7");
        assertEquals(0, r.status(), r.err());
        Map<String, String> m = MetricsLine.parse(r.lastLine());
        assertEquals(List.of("hr_at_20", "mrr_at_20", "gru_hr_at_20", "gru_mrr_at_20", "pop_hr_at_20", "pop_mrr_at_20",
                "iknn_hr_at_20", "iknn_mrr_at_20", "events_per_s"), List.copyOf(m.keySet()));
        assertTrue(r.err().contains("events=160 predictions=120 items=12 sessions=40"), r.err());
        assertTrue(r.err().contains("seed=7"), r.err());
    }

    @Test
    void digineticaNamesTheMalformedLineAndFieldAndRejectsBatch() throws IOException {
        Path file = digineticaFile("1;NA;10;0;2016-05-01\n1;NA;ten;5;2016-05-01\n");
        Result bad = run("--dataset", "diginetica", "--path", file.toString());
        assertEquals(1, bad.status());
        assertTrue(bad.err().contains(":3: field item_id"), bad.err());
        Result batch = run("--dataset", "diginetica", "--path", file.toString(), "--batch", "8");
        assertEquals(1, batch.status());
        assertTrue(batch.err().contains("--batch does not apply"), batch.err());
    }

    @Test
    void digineticaSpecIsPrintedAndListedInTheHelp() {
        Result spec = run("--dataset", "diginetica", "--print-spec");
        assertEquals(0, spec.status());
        assertTrue(spec.out().contains("session_length:") && spec.out().contains("knn_feature: true"), spec.out());
        assertTrue(run("--help").out().contains("diginetica"));
    }
}
