package io.streamnet.nn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigineticaReaderTest {
    private static final String HEADER = "session_id;user_id;item_id;timeframe;eventdate\n";

    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        Path p = dir.resolve(DigineticaReader.FILE);
        Files.writeString(p, content);
        return p;
    }

    @Test
    void streamOrderIsDayThenOffsetThenSessionThenLine() throws IOException {
        file(HEADER
                + "2;NA;20;500;2016-05-10\n"    // line 2: the later day, last
                + "1;7;10;900;2016-05-09\n"     // line 3
                + "3;NA;30;100;2016-05-09\n"    // line 4: smallest offset of the first day
                + "1;7;11;900;2016-05-09\n"     // line 5: ties line 3 on day, offset, session: file order
                + "0;NA;12;900;2016-05-09\n");  // line 6: same offset, lower session
        long day = LocalDate.parse("2016-05-09").toEpochDay();
        List<ItemView> views = DigineticaReader.readInStreamOrder(dir);
        assertEquals(List.of(new ItemView(3, 30, 100, day, 4), new ItemView(0, 12, 900, day, 6),
                new ItemView(1, 10, 900, day, 3), new ItemView(1, 11, 900, day, 5),
                new ItemView(2, 20, 500, day + 1, 2)), views);
    }

    @Test
    void malformedRowsNameTheLineAndTheField() throws IOException {
        assertError(HEADER + "1;NA;10;5;2016-05-09\n1;NA;x;5;2016-05-09\n", ":3: field item_id");
        assertError(HEADER + "1;NA;10;-5;2016-05-09\n", ":2: field timeframe");
        assertError(HEADER + "1;NA;10;5;2016-13-09\n", ":2: field eventdate");
        assertError(HEADER + "1;u1;10;5;2016-05-09\n", ":2: field user_id");
        assertError(HEADER + "1;NA;10;5\n", ":2: expected 5 ';'-separated fields");
        assertError("session;user;item\n", ":1: expected header");
    }

    private void assertError(String content, String expected) throws IOException {
        file(content);
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> DigineticaReader.read(dir));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
