package io.streamnet.nn.layer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The head that puts a large array's element {@code headFloats()} on a 64-byte line, and which tables get it. */
class LineAlignmentTest {

    @Test
    void theHeadReachesTheNextLineFromWhereverTheDataStarts() {
        assertEquals(12, LineAlignment.headFloats(16), "a default JVM: 16-byte array header");
        assertEquals(10, LineAlignment.headFloats(24), "uncompressed class pointers");
        assertEquals(0, LineAlignment.headFloats(64), "already on a line");
        assertEquals(0, LineAlignment.headFloats(0));
        assertEquals(LineAlignment.headFloats(sun.misc.Unsafe.ARRAY_FLOAT_BASE_OFFSET), LineAlignment.headFloats(),
                "this JVM's head comes from its array base offset");
    }

    @Test
    void onlyTablesWhoseRowsAreWholeLinesGetAHead() {
        for (int cols : new int[] {16, 32, 64, 128}) {
            Parameter p = Parameter.sparseLineAligned("e", "table", 10, cols);
            assertEquals(LineAlignment.headFloats(), p.offset(), cols + " floats");
            assertEquals(10 * cols, p.size());
            assertEquals(p.offset() + p.size(), p.value().length);
        }
        for (int cols : new int[] {1, 3, 8, 24, 40}) {
            assertEquals(0, Parameter.sparseLineAligned("e", "table", 10, cols).offset(), cols + " floats");
        }
        assertEquals(0, Parameter.sparse("e", "table", 10, 64).offset(), "other sparse tables keep offset 0");
        assertEquals(0, Parameter.dense("d", "weight", 10, 64).offset());
    }
}
