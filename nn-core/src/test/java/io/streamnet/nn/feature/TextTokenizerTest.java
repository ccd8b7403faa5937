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

    /** The rule of the class comment, written the plain way (code point by code point, Unicode tables throughout). */
    private static List<String> reference(String text) {
        String t = text.replaceAll("(?i)<br ?/>", " ");
        List<String> out = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < t.length(); ) {
            int cp = t.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp) || Character.isDigit(cp) || cp == '_') {
                token.appendCodePoint(Character.toLowerCase(cp));
            } else if (token.length() > 0) {
                out.add(token.toString());
                token.setLength(0);
            }
        }
        if (token.length() > 0) {
            out.add(token.toString());
        }
        return out;
    }

    @Test
    void matchesThePlainRuleOnRandomMixedTextAndAnyCharSequence() {
        String alphabet = "aZ9_ -.,!'<>/ br BR éÜñßİıΣςДж中文\uD83D\uDE00\uD835\uDC00\uD800\u0301\u00A0\t\n";
        String[] pieces = {"<br />", "<BR/>", "<br/", "<br", "<bR />x"};
        java.util.Random rnd = new java.util.Random(42);
        TokenBuffer buf = new TokenBuffer();
        TextTokenizer shared = new TextTokenizer(); // one instance across texts of every length
        for (int n = 0; n < 3_000; n++) {
            StringBuilder sb = new StringBuilder();
            int len = rnd.nextInt(n % 10 == 0 ? 3_000 : 60);
            for (int k = 0; k < len; k++) {
                if (rnd.nextInt(20) == 0) {
                    sb.append(pieces[rnd.nextInt(pieces.length)]);
                } else {
                    sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                }
            }
            String text = sb.toString();
            List<String> expected = reference(text);
            shared.tokenize(text, buf);
            List<String> got = new ArrayList<>();
            for (int k = 0; k < buf.tokenCount(); k++) {
                got.add(buf.token(k));
            }
            assertEquals(expected, got, "text #" + n + ": " + text);
            shared.tokenize(sb, buf); // a CharSequence that is not a String
            assertEquals(expected.size(), buf.tokenCount(), "text #" + n + " as a StringBuilder");
        }
    }
}
