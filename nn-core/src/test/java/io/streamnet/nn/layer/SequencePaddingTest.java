package io.streamnet.nn.layer;

import io.streamnet.nn.init.Initializers;
import io.streamnet.nn.random.Rng;
import io.streamnet.nn.tensor.Shape;
import io.streamnet.nn.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.function.Function;

import static io.streamnet.nn.layer.SequenceLayerGradientTest.LENGTHS;
import static io.streamnet.nn.layer.SequenceLayerGradientTest.paddedInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Padding never changes a result: the same sequences padded to 6 or to 11 positions (the extra positions full of
 * other values) give bit-identical outputs, input gradients of the real positions and parameter gradients. And
 * truncated backpropagation through time: at least the sequence's length is full BPTT, bit for bit; shorter cuts
 * the gradient where it should and nowhere else.
 */
class SequencePaddingTest {
    static final int CHANNELS = 3;

    static Layer layer(String kind, int time, int truncate) {
        Rng rng = new Rng(21); // the same weights whatever the time dimension
        Shape in = Shape.sequence(time, CHANNELS);
        return switch (kind) {
            case "conv" -> new Conv1DMaxPool("l", in, 4, new int[] {1, 2, 3}, true, true, Initializers.xavierUniform(), rng);
            case "gru-last" -> Recurrent.gru("l", in, 4, truncate, Recurrent.Output.LAST, Initializers.xavierUniform(), rng);
            case "gru-all" -> Recurrent.gru("l", in, 4, truncate, Recurrent.Output.ALL, Initializers.xavierUniform(), rng);
            case "lstm-last" -> Recurrent.lstm("l", in, 4, truncate, Recurrent.Output.LAST, Initializers.xavierUniform(), rng);
            case "lstm-all" -> Recurrent.lstm("l", in, 4, truncate, Recurrent.Output.ALL, Initializers.xavierUniform(), rng);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** The same real positions as {@code x}, padded to {@code time}, extra positions filled with -30. */
    static Tensor repad(Tensor x, int time) {
        int batch = x.batchSize();
        int from = x.dim(1);
        Tensor y = Tensor.sequence(batch, time, CHANNELS);
        java.util.Arrays.fill(y.data(), 0, y.size(), -30f);
        for (int b = 0; b < batch; b++) {
            System.arraycopy(x.data(), b * from * CHANNELS, y.data(), b * time * CHANNELS, x.length(b) * CHANNELS);
        }
        return y.setLengths(x.lengths().clone());
    }

    /** Output (real positions), input gradient (real positions) and every parameter gradient, as bit patterns. */
    record Result(List<Integer> output, List<Integer> inputGradient, List<Integer> parameterGradients) {}

    static Result run(Layer layer, Tensor x, Function<Integer, Float> gradOf) {
        Tensor y = layer.forward(x, true);
        List<Integer> out = new java.util.ArrayList<>();
        Tensor gy = new Tensor().resizeLike(y);
        int time = x.dim(1);
        int per = y.last();
        for (int b = 0; b < x.batchSize(); b++) {
            int positions = y.rank() == 2 ? 1 : x.length(b);
            for (int t = 0; t < positions; t++) {
                for (int j = 0; j < per; j++) {
                    int at = y.rank() == 2 ? b * per + j : (b * time + t) * per + j;
                    out.add(Float.floatToRawIntBits(y.data()[at]));
                    gy.data()[at] = gradOf.apply(out.size());
                }
            }
            if (y.rank() == 3) {
                for (int k = (b * time + x.length(b)) * per; k < (b + 1) * time * per; k++) gy.data()[k] = 7f; // ignored
            }
        }
        float[] gx = layer.backward(gy).data();
        List<Integer> gin = new java.util.ArrayList<>();
        for (int b = 0; b < x.batchSize(); b++) {
            for (int k = b * time * CHANNELS; k < (b * time + x.length(b)) * CHANNELS; k++) gin.add(Float.floatToRawIntBits(gx[k]));
        }
        List<Integer> gp = new java.util.ArrayList<>();
        for (Parameter p : layer.params()) for (float v : p.grad()) gp.add(Float.floatToRawIntBits(v));
        return new Result(out, gin, gp);
    }

    static float gradient(int k) {
        return (float) Math.sin(k * 0.7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"conv", "gru-last", "gru-all", "lstm-last", "lstm-all"})
    void paddingNeverChangesAResult(String kind) {
        Tensor x = paddedInput(new Rng(4), 6, CHANNELS, LENGTHS);
        Result short6 = run(layer(kind, 6, 0), x, SequencePaddingTest::gradient);
        Result long11 = run(layer(kind, 11, 0), repad(x, 11), SequencePaddingTest::gradient);
        assertEquals(short6.output(), long11.output(), kind + " output");
        assertEquals(short6.inputGradient(), long11.inputGradient(), kind + " input gradient of the real positions");
        assertEquals(short6.parameterGradients(), long11.parameterGradients(), kind + " parameter gradients");
        assertTrue(short6.inputGradient().stream().anyMatch(v -> v != 0), kind + ": the check saw gradients");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gru-last", "gru-all", "lstm-last", "lstm-all"})
    void truncationAtLeastTheLengthIsFullBackpropagation(String kind) {
        Tensor x = paddedInput(new Rng(4), 6, CHANNELS, LENGTHS);
        Result full = run(layer(kind, 6, 0), x, SequencePaddingTest::gradient);
        for (int truncate : new int[] {6, 7, 100}) {
            assertEquals(full, run(layer(kind, 6, truncate), x, SequencePaddingTest::gradient), kind + " truncate " + truncate);
        }
        assertNotEquals(full, run(layer(kind, 6, 5), x, SequencePaddingTest::gradient), kind + " truncate 5 < 6 cuts the first example");
    }

    /** With the last state as output, truncation at k: the last k valid inputs get exactly the full gradient, earlier ones none. */
    @ParameterizedTest
    @ValueSource(strings = {"gru-last", "lstm-last"})
    void truncatedLastStateGradientReachesTheLastStepsOnly(String kind) {
        int[] lengths = {6, 5, 2};
        Tensor x = paddedInput(new Rng(8), 6, CHANNELS, lengths);
        Layer full = layer(kind, 6, 0);
        Layer cut = layer(kind, 6, 2);
        float[] gFull = gradients(full, x);
        float[] gCut = gradients(cut, x);
        for (int b = 0; b < lengths.length; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                for (int c = 0; c < CHANNELS; c++) {
                    int k = (b * 6 + t) * CHANNELS + c;
                    if (t >= lengths[b] - 2) {
                        assertEquals(Float.floatToRawIntBits(gFull[k]), Float.floatToRawIntBits(gCut[k]), "in the window: " + b + "," + t);
                    } else {
                        assertEquals(0f, gCut[k], "before the window: " + b + "," + t);
                        assertNotEquals(0f, gFull[k], "full BPTT reaches " + b + "," + t);
                    }
                }
            }
        }
        assertNotEquals(full.params().get(0).grad()[0], cut.params().get(0).grad()[0], "the weights' gradient has fewer terms");
    }

    private static float[] gradients(Layer layer, Tensor x) {
        Tensor y = layer.forward(x, true);
        Tensor gy = new Tensor().resizeLike(y);
        for (int k = 0; k < y.size(); k++) gy.data()[k] = gradient(k);
        return layer.backward(gy).toArray();
    }
}
