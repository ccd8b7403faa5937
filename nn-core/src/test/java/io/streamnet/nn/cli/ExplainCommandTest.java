package io.streamnet.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.data.Dataset;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.prequential.RunnerSpec;
import io.streamnet.nn.state.ModelStateCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainCommandTest {
    @TempDir
    Path dir;

    private record Result(int status, String out, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ExplainCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** An untrained model of the default sentiment spec, as prequential --save-model writes it. */
    private Path defaultModel() throws IOException {
        Path model = dir.resolve("model.snnm");
        Files.write(model, ModelStateCodec.encode(Network.build(RunnerSpec.forDataset(Dataset.SST2).network())));
        return model;
    }

    @Test
    void printsTheProbabilityAndTheTopTokensSigned() throws IOException {
        Result r = run("--model", defaultModel().toString(), "--top", "2", "A great, great film; not boring");
        assertEquals(0, r.status(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertTrue(lines[0].matches("probability 0\\.\\d{4} \\((positive|negative)\\)  logit .*"), lines[0]);
        assertTrue(lines[1].startsWith("top 2 of 5 tokens by |contribution|"), lines[1]);
        assertEquals(4, lines.length, r.out());
        assertTrue(lines[2].matches("  [+-]\\d\\.\\d{4}  \\w+( \\(x2\\))?"), lines[2]);
        assertTrue(r.out().contains("great (x2)") || !lines[2].contains("great") && !lines[3].contains("great"), r.out());
    }

    /** The model file prequential --save-model writes, explained with the spec it was trained with. */
    @Test
    void explainsAModelSavedByPrequential() throws IOException {
        Path spec = PrequentialCommandTest.smallSpec(dir);
        Path model = dir.resolve("uci.snnm");
        int trained = PrequentialCommand.run(new String[] {"--dataset", "uci", "--spec", spec.toString(), "--save-model",
                model.toString()}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()),
                io.streamnet.nn.prequential.ProgressReporter.silent());
        assertEquals(0, trained);
        Result r = run("--model", model.toString(), "--spec", spec.toString(), "Great phone, terrible battery.");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("top 4 of 4 tokens"), r.out());
    }

    /** A TextCNN (token_sequence features) saved by prequential is explained per token too. */
    @Test
    void explainsATextCnn() throws IOException {
        Path spec = Files.writeString(dir.resolve("tiny-textcnn.yaml"), """
                features: {type: token_sequence, input: tokens, buckets: 4096, max_length: 12}
                network:
                  inputs: [{name: tokens, type: ids, vocab: 4096, width: 12}]
                  layers:
                    - {type: embedding, name: emb, input: tokens, dim: 8}
                    - {type: conv1d_max_pool, name: cnn, filters: 4, widths: [1, 2]}
                    - {type: dense, name: out, units: 1}
                  loss: bce_with_logits
                  optimizer: {type: adagrad, lr: 0.05}
                """);
        Path model = dir.resolve("cnn.snnm");
        int trained = PrequentialCommand.run(new String[] {"--dataset", "uci", "--limit", "500", "--spec", spec.toString(),
                "--save-model", model.toString()}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()), io.streamnet.nn.prequential.ProgressReporter.silent());
        assertEquals(0, trained);
        Result r = run("--model", model.toString(), "--spec", spec.toString(), "--top", "2", "Great phone, terrible battery.");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("top 2 of 4 tokens"), r.out());
    }

    @Test
    void helpAndUsageErrors() throws IOException {
        Result help = run("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().startsWith("usage: streamnet explain --model FILE"), help.out());

        Result noModel = run("good");
        assertEquals(2, noModel.status());
        assertTrue(noModel.err().contains("--model is required"), noModel.err());
        Result noText = run("--model", defaultModel().toString());
        assertEquals(2, noText.status());
        assertTrue(noText.err().contains("the text to explain is missing"), noText.err());
        Result twoTexts = run("--model", defaultModel().toString(), "good", "film");
        assertEquals(2, twoTexts.status());
        assertTrue(twoTexts.err().contains("one text only (quote it)"), twoTexts.err());
        Result badTop = run("--model", defaultModel().toString(), "--top", "0", "good");
        assertEquals(2, badTop.status());
        assertTrue(badTop.err().contains("--top must be between 1 and 10000, got 0"), badTop.err());
        Result missing = run("--model", dir.resolve("nope").toString(), "good");
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("--model " + dir.resolve("nope") + ": no such file"), missing.err());
    }

    @Test
    void aModelOfAnotherVocabularyOrNotAModelIsAnError() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.bin"), "not a model");
        Result r = run("--model", junk.toString(), "good");
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("streamnet explain: error: "), r.err());

        Path spec = PrequentialCommandTest.smallSpec(dir);
        Result other = run("--model", defaultModel().toString(), "--spec", spec.toString(), "good");
        assertEquals(1, other.status());
        assertTrue(other.err().contains("the featurizer has 4096 buckets but network input 'tokens' has vocab 4194304"), other.err());
    }
}
