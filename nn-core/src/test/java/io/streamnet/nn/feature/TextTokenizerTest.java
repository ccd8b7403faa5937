package io.streamnet.nn.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTokenizerTest {
    private static List<String> tokens(String text) {
        TokenBuffer buf = new TokenBuffer();
        new TextTokenizer().tokenize(text, buf);
        List<String> out = new ArrayList<>();
        for (int k = 0; k < buf.tokenCount(); k++) {
            out.add(buf.token(k));
        }
        return out;
    }

    @Test
    void splitsOnNonWordRunsAndLowerCases() {
        assertEquals(List.of("it", "s", "a", "great", "movie", "10", "10", "snake_case"),
                tokens("It's a GREAT movie!!! 10/10 snake_case"));
    }

    @Test
    void treatsLineBreakTagsAsWhitespace() {
        assertEquals(List.of("good", "bad", "ugly", "end"), tokens("Good.<br /><br />Bad<BR/>ugly<br />end"));
        // a lone '<br' or other tags are ordinary separators: their letters stay tokens
        assertEquals(List.of("a", "br", "b", "p", "c"), tokens("a <br b<p>c"));
    }

    @Test
    void handlesUnicodeLettersAndSupplementaryCodePoints() {
        assertEquals(List.of("café", "über", "naïve"), tokens("Café ÜBER-naïve"));
        assertEquals(List.of("𝐀b"), tokens("𝐀B")); // U+1D400 is a letter without a lower-case form
        assertEquals(List.of("x", "y"), tokens("x😀y")); // an emoji is not a word character
    }

    @Test
    void emptyAndSeparatorOnlyTextsGiveNoTokens() {
        assertEquals(List.of(), tokens(""));
        assertEquals(List.of(), tokens(" ...!? <br /> "));
    }

    @Test
    void bufferIsReusedWithoutLeftovers() {
        TokenBuffer buf = new TokenBuffer();
        TextTokenizer t = new TextTokenizer();
        t.tokenize("a very long first text " + "word ".repeat(2000), buf);
        t.tokenize("short", buf);
        assertEquals(1, buf.tokenCount());
        assertEquals("short", buf.token(0));
    }
}
