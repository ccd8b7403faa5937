package io.streamnet.nn.layer;

import io.streamnet.nn.init.Initializers;
import io.streamnet.nn.random.Rng;
import io.streamnet.nn.tensor.Shape;
import io.streamnet.nn.tensor.Tensor;
import io.streamnet.nn.testing.GradientCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

import static io.streamnet.nn.testing.GradientCheck.check;
import static io.streamnet.nn.testing.GradientCheck.fillUniform;
import static io.streamnet.nn.testing.GradientCheck.project;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The sequence layers' backward passes against central finite differences ({@link GradientCheck}), on padded
 * batches: every input coordinate is checked, the padded ones included (whose gradient must be zero, and whose
 * large values would change the output if a layer read them), and every parameter.
 */
class SequenceLayerGradientTest {
    static final int BATCH = 4;
    static final int TIME = 6;
    static final int CHANNELS = 3;
    /** A full sequence, two shorter ones (one shorter than a kernel) and an empty one. */
    static final int[] LENGTHS = {6, 3, 1, 0};

    /** A padded input: real positions U(-1, 1), padded positions 50 (a layer that reads them fails at once). */
    static Tensor paddedInput(Rng rng, int time, int channels, int[] lengths) {
        Tensor x = Tensor.sequence(lengths.length, time, channels);
        fillUniform(x.data(), x.size(), 1.0, rng);
        for (int b = 0; b < lengths.length; b++) {
            for (int k = (b * time + lengths[b]) * channels; k < (b + 1) * time * channels; k++) x.data()[k] = 50f;
        }
        return x.setLengths(lengths.clone());
    }

    /** Forward in training mode, backward of the projection r; the input gradient (copied). */
    static float[] backwardOf(Layer layer, Tensor x, float[] r) {
        Tensor y = layer.forward(x, true);
        Tensor gy = new Tensor().resizeLike(y);
        System.arraycopy(r, 0, gy.data(), 0, y.size());
        return layer.backward(gy).toArray();
    }

    static void checkPaddedInputGradientIsZero(float[] gx, int time, int channels, int[] lengths) {
        for (int b = 0; b < lengths.length; b++) {
            for (int k = (b * time + lengths[b]) * channels; k < (b + 1) * time * channels; k++) {
                assertEquals(0, Float.floatToRawIntBits(gx[k]), "gradient of padded input " + k + " must be +0");
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"true, true", "false, true", "true, false"})
    void conv1dMaxPool(boolean relu, boolean bias) {
        Rng rng = new Rng(5);
        Conv1DMaxPool conv = new Conv1DMaxPool("c", Shape.sequence(TIME, CHANNELS), 4, new int[] {2, 3}, relu, bias,
                Initializers.xavierUniform(), rng);
        if (bias) for (int i = 0; i < 2; i++) fillUniform(conv.bias(i).value(), 4, 0.5, rng);
        Tensor x = paddedInput(rng, TIME, CHANNELS, LENGTHS);
        int outN = BATCH * 8;
        float[] r = new float[outN];
        fillUniform(r, outN, 1.0, rng);
        float[] gx = backwardOf(conv, x, r);
        checkPaddedInputGradientIsZero(gx, TIME, CHANNELS, LENGTHS);
        DoubleSupplier f = () -> project(conv.forward(x, true).data(), r, outN);
        // kinks: a filter whose winning window changes, or a ReLU that switches
        Supplier<Object> pattern = () -> {
            Tensor y = conv.forward(x, true);
            return new Object[] {GradientCheck.positives(y.data(), outN), conv.winningWindows(BATCH)};
        };
        String what = "conv1d_max_pool relu=" + relu + " bias=" + bias;
        check(what + " x", x.data(), x.size(), gx, f, pattern, 1000, rng);
        for (Parameter p : conv.params()) {
            float[] analytic = p.grad().clone();
            check(what + " " + p.name(), p.value(), p.offset(), p.size(), analytic, f, pattern, 1000, rng);
        }
    }

    @ParameterizedTest
    @CsvSource({"gru, LAST", "gru, ALL", "lstm, LAST", "lstm, ALL"})
    void recurrent(String cell, Recurrent.Output output) {
        Rng rng = new Rng(9);
        Shape in = Shape.sequence(TIME, CHANNELS);
        Recurrent layer = cell.equals("gru")
                ? Recurrent.gru("r", in, 4, 0, output, Initializers.xavierUniform(), rng)
                : Recurrent.lstm("r", in, 4, 0, output, Initializers.xavierUniform(), rng);
        for (Parameter p : layer.params()) if (p.rows() == 1) fillUniform(p.value(), p.size(), 0.5, rng);
        Tensor x = paddedInput(rng, TIME, CHANNELS, LENGTHS);
        int outN = output == Recurrent.Output.LAST ? BATCH * 4 : BATCH * TIME * 4;
        float[] r = new float[outN];
        fillUniform(r, outN, 1.0, rng);
        float[] gx = backwardOf(layer, x, r);
        checkPaddedInputGradientIsZero(gx, TIME, CHANNELS, LENGTHS);
        DoubleSupplier f = () -> project(layer.forward(x, true).data(), r, outN);
        String what = cell + "/" + output;
        check(what + " x", x.data(), x.size(), gx, f, null, 1000, rng);
        for (Parameter p : layer.params()) {
            float[] analytic = p.grad().clone();
            check(what + " " + p.name(), p.value(), p.offset(), p.size(), analytic, f, null, 1000, rng);
        }
    }

    @Test
    void paddedOutputPositionsOfAllStatesAreZero() {
        Rng rng = new Rng(3);
        Recurrent gru = Recurrent.gru("g", Shape.sequence(TIME, CHANNELS), 4, 0, Recurrent.Output.ALL,
                Initializers.xavierUniform(), rng);
        Tensor y = gru.forward(paddedInput(rng, TIME, CHANNELS, LENGTHS), false);
        assertEquals(3, y.rank());
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < TIME; t++) {
                for (int j = 0; j < 4; j++) {
                    float v = y.data()[(b * TIME + t) * 4 + j];
                    if (t >= LENGTHS[b]) assertEquals(0f, v, "padded output " + b + "," + t);
                    else org.junit.jupiter.api.Assertions.assertNotEquals(0f, v, "valid output " + b + "," + t);
                }
            }
        }
        assertEquals(LENGTHS[1], y.length(1), "the output keeps the input's padding");
    }
}
