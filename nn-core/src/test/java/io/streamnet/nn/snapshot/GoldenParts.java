package io.streamnet.nn.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamnet.nn.testing.GoldenFiles;
import java.io.IOException;
import java.util.List;
import java.util.function.IntFunction;

/** A delta payload split into parts, against the golden parts of a format. */
final class GoldenParts {
  private GoldenParts() {}

  /** Today's split of {@code delta} into rows of {@code rowBytes} is the {@code count} golden parts named by index. */
  static void assertSplitAsGolden(Class<?> owner, byte[] delta, int rowBytes, int count, IntFunction<String> name)
      throws IOException {
    List<byte[]> parts = PayloadParts.split(delta, rowBytes);
    assertEquals(count, parts.size());
    for (int i = 0; i < count; i++) {
      assertArrayEquals(GoldenFiles.read(owner, name.apply(i)), parts.get(i), name.apply(i));
    }
  }
}
