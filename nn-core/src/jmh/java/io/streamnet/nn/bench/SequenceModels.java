package io.streamnet.nn.bench;

import io.streamnet.nn.prequential.RunnerSpec;
import io.streamnet.nn.spec.NetworkSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The sequence models of the benchmarks, as {@code torch_sequence_throughput.py} builds them: the TextCNN of
 * {@code textcnn-sst2.yaml} itself, and a GRU text classifier of the sizes below.
 */
final class SequenceModels {
    static final String TEXTCNN_RESOURCE = "/io/streamnet/nn/spec/textcnn-sst2.yaml";
    /** The TextCNN's hash buckets and sequence length, from its spec. */
    static final int TEXTCNN_BUCKETS = 1 << 20;
    static final int TEXTCNN_LENGTH = 50;

    /** GRU classifier sizes: the token_sequence featurizer's 2^20 buckets, 64 tokens, embedding 64, 64 units. */
    static final int GRU_BUCKETS = 1 << 20;
    static final int GRU_LENGTH = 64;
    static final int GRU_DIM = 64;
    static final int GRU_UNITS = 64;

    private SequenceModels() {}

    /** Embedding 128 -> Conv1D widths 1-4 x 100 filters, max over time, bias, ReLU -> Dense 1, BCE; AdaGrad lr 0.05. */
    static NetworkSpec textCnn() {
        try (InputStream in = SequenceModels.class.getResourceAsStream(TEXTCNN_RESOURCE)) {
            if (in == null) throw new IllegalStateException(TEXTCNN_RESOURCE + " missing from the class path");
            return RunnerSpec.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), false, TEXTCNN_RESOURCE).network();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Embedding 64 -> GRU 64 (last state) -> Dense 1, BCE; AdaGrad lr 0.05, the TextCNN spec's optimizer. */
    static NetworkSpec gru() {
        return NetworkSpec.fromYaml("""
                name: gru-text
                seed: 42
                inputs:
                  - {name: tokens, type: ids, vocab: %d, width: %d}
                layers:
                  - {type: embedding, name: emb, input: tokens, dim: %d, init: {type: normal, std: 0.1}}
                  - {type: gru, name: gru, units: %d, output: last}
                  - {type: dense, name: out, units: 1, init: {type: uniform, limit: 0.05}}
                loss: bce_with_logits
                optimizer: {type: adagrad, lr: 0.05}
                """.formatted(GRU_BUCKETS, GRU_LENGTH, GRU_DIM, GRU_UNITS));
    }
}
