package io.streamnet.nn.prequential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsLineTest {
    @Test
    void printsKeyValuePairsInInsertionOrderAndParsesBack() {
        MetricsLine line = new MetricsLine().put("events", 50_000L).put("accuracy", 0.89456).put("auc", Double.NaN)
                .put("hr@10", 0.1);
        assertEquals("events=50000 accuracy=0.8946 auc=nan hr@10=0.1000", line.toString());
        assertEquals(Map.of("events", "50000", "accuracy", "0.8946", "auc", "nan", "hr@10", "0.1000"),
                MetricsLine.parse(line.toString()));
    }

    @Test
    void rejectsKeysAndValuesThatWouldBreakTheFormat() {
        assertThrows(IllegalArgumentException.class, () -> new MetricsLine().put("bad key", 1L));
        assertThrows(IllegalArgumentException.class, () -> new MetricsLine().put("k", "a=b"));
        assertThrows(IllegalArgumentException.class, () -> MetricsLine.parse("events=1 oops"));
    }
}
