package io.streamnet.nn.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelVersionTest {

  @Test
  void ordersByEpochThenVersion() {
    List<ModelVersion> shuffled = new ArrayList<>(List.of(new ModelVersion(2, 0), new ModelVersion(1, 99),
        new ModelVersion(1, 3), ModelVersion.ZERO, new ModelVersion(10, 1), new ModelVersion(2, 1)));
    Collections.sort(shuffled);
    assertEquals(List.of(ModelVersion.ZERO, new ModelVersion(1, 3), new ModelVersion(1, 99), new ModelVersion(2, 0),
        new ModelVersion(2, 1), new ModelVersion(10, 1)), shuffled);
    assertTrue(new ModelVersion(2, 0).isAfter(new ModelVersion(1, Long.MAX_VALUE)));
    assertFalse(new ModelVersion(2, 0).isAfter(new ModelVersion(2, 0)));
  }

  @Test
  void printsAndParsesCompactForm() {
    ModelVersion v = new ModelVersion(3, 17);
    assertEquals("e3v17", v.toString());
    assertEquals(v, ModelVersion.parse("e3v17"));
    assertEquals("e0v0", ModelVersion.ZERO.toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelVersion.parse("3.17"));
    assertTrue(e.getMessage().contains("'3.17'"), e.getMessage());
  }

  @Test
  void nextStaysInTheEpoch() {
    assertEquals(new ModelVersion(4, 8), new ModelVersion(4, 7).next());
    assertEquals(new ModelVersion(0, 1), ModelVersion.ZERO.next());
    assertThrows(ArithmeticException.class, () -> new ModelVersion(1, Long.MAX_VALUE).next());
  }

  @Test
  void newerPicksTheLaterAndToleratesNull() {
    ModelVersion a = new ModelVersion(1, 5);
    ModelVersion b = new ModelVersion(2, 1);
    assertSame(b, ModelVersion.newer(a, b));
    assertSame(b, ModelVersion.newer(b, a));
    assertSame(a, ModelVersion.newer(null, a));
    assertSame(a, ModelVersion.newer(a, null));
  }

  @Test
  void rejectsNegativeParts() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ModelVersion(-1, 0));
    assertTrue(e.getMessage().contains("epoch -1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ModelVersion(0, -5));
  }

  @Test
  void isJavaSerializable() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(new ModelVersion(7, 9));
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertEquals(new ModelVersion(7, 9), in.readObject());
    }
  }
}
