package io.streamnet.nn.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.network.Network;
import java.util.List;

/** Bitwise comparisons of two networks' parameters. */
public final class ParameterAssertions {

  private ParameterAssertions() {}

  /** Every value of every parameter has the same bits (NaN payloads and signed zeros included). */
  public static void assertBitIdentical(Network expected, Network actual, String when) {
    List<Parameter> e = expected.parameters();
    List<Parameter> a = actual.parameters();
    assertEquals(e.size(), a.size(), when + ": parameter count");
    for (int i = 0; i < e.size(); i++) {
      float[] ev = e.get(i).value();
      float[] av = a.get(i).value();
      int eo = e.get(i).offset();
      int ao = a.get(i).offset();
      assertEquals(e.get(i).size(), a.get(i).size(), when + ": size of " + e.get(i).name());
      for (int k = 0; k < e.get(i).size(); k++) {
        if (Float.floatToRawIntBits(ev[eo + k]) != Float.floatToRawIntBits(av[ao + k])) {
          throw new AssertionError(when + ": " + e.get(i).name() + " differs at row " + k / e.get(i).cols()
              + ", col " + k % e.get(i).cols() + ": expected " + ev[eo + k] + " (bits "
              + Integer.toHexString(Float.floatToRawIntBits(ev[eo + k])) + "), got " + av[ao + k] + " (bits "
              + Integer.toHexString(Float.floatToRawIntBits(av[ao + k])) + ")");
        }
      }
    }
  }

  /** Number of values whose bits differ between the two networks. */
  public static long differingValues(Network x, Network y) {
    long n = 0;
    for (int i = 0; i < x.parameters().size(); i++) {
      Parameter px = x.parameters().get(i);
      Parameter py = y.parameters().get(i);
      for (int k = 0; k < px.size(); k++) {
        if (Float.floatToRawIntBits(px.value()[px.offset() + k]) != Float.floatToRawIntBits(py.value()[py.offset() + k])) {
          n++;
        }
      }
    }
    return n;
  }
}
