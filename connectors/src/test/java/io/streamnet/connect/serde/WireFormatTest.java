package io.streamnet.connect.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.schema.DeadLetterReason;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WireFormatTest {

  @Test
  void headerIsMagicByteThenBigEndianId() {
    byte[] header = new byte[5];
    WireFormat.writeHeader(0x01020304, header, 0);

    assertArrayEquals(new byte[] {0, 1, 2, 3, 4}, header);
    assertEquals(0x01020304, WireFormat.schemaId(header));
    WireFormat.writeHeader(Integer.MAX_VALUE, header, 0);
    assertEquals(Integer.MAX_VALUE, WireFormat.schemaId(header));
  }

  @Test
  void eachMalformedHeaderHasItsReason() {
    assertReason(DeadLetterReason.NULL_VALUE, null, "null");
    assertReason(DeadLetterReason.NO_MAGIC_BYTE, new byte[0], "empty");
    assertReason(DeadLetterReason.NO_MAGIC_BYTE, "{\"id\":1}".getBytes(StandardCharsets.UTF_8), "0x7b");
    assertReason(DeadLetterReason.TRUNCATED_HEADER, new byte[] {0, 0, 1}, "only 3 byte(s)");
  }

  private static void assertReason(DeadLetterReason reason, byte[] bytes, String detail) {
    DecodeException e = assertThrows(DecodeException.class, () -> WireFormat.schemaId(bytes));
    assertEquals(reason, e.reason());
    assertNull(e.schemaId());
    assertTrue(e.getMessage().startsWith(reason.name() + ": "), e.getMessage());
    assertTrue(e.detail().contains(detail), e.detail());
  }
}
