package io.streamnet.nn.feature;

/**
 * The project's one text tokenizer, stated precisely so that peers can reproduce it:
 * <ol>
 *   <li>HTML line breaks {@code <br />} and {@code <br/>} (any letter case) are treated as whitespace
 *       (IMDB reviews contain them; left in they would yield a token {@code br} in most reviews);</li>
 *   <li>a token is a maximal run of word characters: Unicode letters ({@link Character#isLetter}), decimal digits
 *       ({@link Character#isDigit}) and {@code _}; everything else separates tokens. For ASCII this equals
 *       Python's {@code re.findall(r"\w+", text)};</li>
 *   <li>tokens are lower-cased code point by code point ({@link Character#toLowerCase(int)}, locale-independent).</li>
 * </ol>
 * Output goes into a reusable {@link TokenBuffer} (UTF-8 bytes), so no per-token String is created. An instance
 * keeps a char buffer between texts: one instance per thread.
 */
public final class TextTokenizer {
    private static final String BR = "<br";

    /** The current text's chars: a plain array loop, where {@code CharSequence.charAt} cost a call and a check each. */
    private char[] chars = new char[1024];

    /** Tokenizes {@code text} into {@code out} (cleared first). */
    public void tokenize(CharSequence text, TokenBuffer out) {
        out.clear();
        int n = text.length();
        if (chars.length < n) {
            chars = new char[Math.max(n, 2 * chars.length)];
        }
        char[] a = chars;
        if (text instanceof String s) {
            s.getChars(0, n, a, 0);
        } else {
            for (int k = 0; k < n; k++) {
                a[k] = text.charAt(k);
            }
        }
        int i = 0;
        while (i < n) {
            char c = a[i];
            if (c < 0x80) { // ASCII: the common case, without the Unicode tables
                if (c == '<') {
                    int skip = lineBreakLength(a, n, i);
                    if (skip > 0) {
                        out.endToken();
                        i += skip;
                        continue;
                    }
                }
                if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
                    out.appendCodePoint(c);
                } else if (c >= 'A' && c <= 'Z') {
                    out.appendCodePoint(c + ('a' - 'A'));
                } else {
                    out.endToken();
                }
                i++;
                continue;
            }
            int cp = c;
            int width = 1;
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(a[i + 1])) {
                cp = Character.toCodePoint(c, a[i + 1]);
                width = 2;
            }
            if (isWordCodePoint(cp)) {
                out.appendCodePoint(Character.toLowerCase(cp));
            } else {
                out.endToken();
            }
            i += width;
        }
        out.endToken();
    }

    static boolean isWordCodePoint(int cp) {
        if (cp < 0x80) {
            return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '_';
        }
        return Character.isLetter(cp) || Character.isDigit(cp);
    }

    /** Length of a {@code <br />} or {@code <br/>} tag starting at {@code i}, or 0 if there is none. */
    private static int lineBreakLength(char[] text, int n, int i) {
        if (i + 5 > n) {
            return 0;
        }
        for (int k = 1; k < BR.length(); k++) {
            if (Character.toLowerCase(text[i + k]) != BR.charAt(k)) {
                return 0;
            }
        }
        int j = i + BR.length();
        if (text[j] == ' ') {
            j++;
        }
        if (j + 1 < n && text[j] == '/' && text[j + 1] == '>') {
            return j + 2 - i;
        }
        return 0;
    }
}
