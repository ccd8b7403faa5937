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
      assertEquals(ev.length, av.length, when + ": size of " + e.get(i).name());
      for (int k = 0; k < ev.length; k++) {
        if (Float.floatToRawIntBits(ev[k]) != Float.floatToRawIntBits(av[k])) {
          throw new AssertionError(when + ": " + e.get(i).name() + " differs at row " + k / e.get(i).cols()
              + ", col " + k % e.get(i).cols() + ": expected " + ev[k] + " (bits "
              + Integer.toHexString(Float.floatToRawIntBits(ev[k])) + "), got " + av[k] + " (bits "
              + Integer.toHexString(Float.floatToRawIntBits(av[k])) + ")");
        }
      }
    }
  }

  /** Number of values whose bits differ between the two networks. */
  public static long differingValues(Network x, Network y) {
    long n = 0;
    for (int i = 0; i < x.parameters().size(); i++) {
      float[] a = x.parameters().get(i).value();
      float[] b = y.parameters().get(i).value();
      for (int k = 0; k < a.length; k++) {
        if (Float.floatToRawIntBits(a[k]) != Float.floatToRawIntBits(b[k])) {
          n++;
        }
      }
    }
    return n;
  }
}
