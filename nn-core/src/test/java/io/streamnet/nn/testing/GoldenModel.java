package io.streamnet.nn.testing;

import static io.streamnet.nn.testing.ParameterAssertions.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.optim.Optimizer;
import io.streamnet.nn.spec.NetworkSpec;
import java.util.List;

/**
 * The tiny network in the stream-jobs golden files (snapshot payloads, the model file, the trainer state's model
 * block). Every weight, Adam slot, the step, generator state and counters are set by a formula, not by training:
 * trained values differ in float rounding between GEMM kernels (and with any change to the maths), while these depend
 * on nothing but this class, so the golden tests check only the formats. The table has more than 64 values, so the
 * payload code's bulk float copies are exercised as well as its per-value ones.
 */
public final class GoldenModel {

  public static final String SPEC_YAML = """
      name: golden
      seed: 5
      inputs:
        - {name: tokens, type: sparse_ids, vocab: 24}
      layers:
        - {type: embedding_bag, name: emb, input: tokens, dim: 3, mode: mean}
        - {type: dense, name: hidden, units: 2, activation: relu}
        - {type: dense, name: out, units: 1}
      loss: bce_with_logits
      optimizer: {type: adam, lr: 0.01}
      """;
  public static final List<String> NAMES =
      List.of("emb.table", "hidden.weight", "hidden.bias", "out.weight", "out.bias");
  public static final long STEPS = 9;
  public static final long RNG_STATE = 0x0fed_cba9_8765_4321L;
  public static final long[] COUNTERS = {9, 288, 2, 1};
  /** The rows of the table a DELTA golden carries (besides every row of {@code hidden.weight}). */
  public static final int[] CHANGED_TABLE_ROWS = {1, 5};

  private GoldenModel() {}

  public static NetworkSpec spec() {
    return NetworkSpec.fromYaml(SPEC_YAML);
  }

  /** The trainable network with its optimizer state. */
  public static Network build() {
    Network net = Network.withoutInitialization(spec(), true);
    List<Parameter> params = net.parameters();
    for (int p = 0; p < params.size(); p++) {
      fill(params.get(p).value(), p, 0);
      for (int s = 0; s < net.optimizer().slotNames().length; s++) {
        fill(net.optimizer().slot(p, s), p, s + 1);
      }
    }
    net.parameter("out.bias").value()[0] = Float.intBitsToFloat(0x7fc0_4321); // a NaN payload must survive
    net.parameter("hidden.bias").value()[1] = -0.0f;
    net.optimizer().setSteps(STEPS);
    net.rng().setState(RNG_STATE);
    net.counters().restore(COUNTERS[0], COUNTERS[1], COUNTERS[2], COUNTERS[3]);
    return net;
  }

  /** What a DELTA golden moves {@link #build()} to: {@link #CHANGED_TABLE_ROWS} negated, hidden.weight doubled. */
  public static void changeForDelta(Network net) {
    Parameter table = net.parameter("emb.table");
    for (int row : CHANGED_TABLE_ROWS) {
      for (int k = row * table.cols(); k < (row + 1) * table.cols(); k++) {
        table.value()[k] = -table.value()[k];
      }
    }
    float[] hidden = net.parameter("hidden.weight").value();
    for (int k = 0; k < hidden.length; k++) {
      hidden[k] *= 2;
    }
  }

  /** {@code actual} holds exactly {@link #build()}'s state: spec, weights, slots, step, generator, counters. */
  public static void assertIsTheGoldenModel(Network actual) {
    Network expected = build();
    assertEquals(expected.spec(), actual.spec());
    assertEquals(NAMES, actual.parameters().stream().map(Parameter::name).toList());
    assertBitIdentical(expected, actual, "weights");
    Optimizer e = expected.optimizer();
    Optimizer a = actual.optimizer();
    assertEquals("adam", a.name());
    assertArrayEquals(e.slotNames(), a.slotNames());
    for (int p = 0; p < NAMES.size(); p++) {
      for (int s = 0; s < e.slotNames().length; s++) {
        assertArrayEquals(bits(e.slot(p, s)), bits(a.slot(p, s)), NAMES.get(p) + " slot " + e.slotNames()[s]);
      }
    }
    assertEquals(STEPS, a.steps());
    assertEquals(RNG_STATE, actual.rng().state());
    var c = actual.counters();
    assertArrayEquals(COUNTERS, new long[] {c.trainedBatches(), c.trainedExamples(), c.rejectedNonFiniteLoss(),
        c.rejectedNonFiniteGradient()});
  }

  private static void fill(float[] values, int param, int slot) {
    for (int k = 0; k < values.length; k++) {
      // distinct, sign-alternating, not round: a swapped parameter, slot, row, sign or byte order shows up
      double v = (param + 1) * 0.125 + (slot + 1) * 0.0078125 * (k + 1) + k * 1e-3;
      values[k] = (float) (k % 2 == 0 ? v : -v);
    }
  }

  private static int[] bits(float[] values) {
    int[] b = new int[values.length];
    for (int k = 0; k < values.length; k++) {
      b[k] = Float.floatToRawIntBits(values[k]);
    }
    return b;
  }
}
