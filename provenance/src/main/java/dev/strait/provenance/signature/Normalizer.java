package dev.strait.provenance.signature;

import java.text.Normalizer.Form;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns text into the words a signature is computed over, so that what a copier changes cheaply
 * (Unicode forms, case, markdown, punctuation, whitespace) does not change the signature.
 *
 * <p>Steps: NFKC (full-width letters, ligatures, compatibility forms fold to one spelling), a case
 * fold (upper then lower case, so {@code ß} and {@code SS} meet), link targets, URLs and HTML tags
 * dropped (a copier who adds or removes a link keeps the words), then every run of letters or
 * digits is a word and everything else (markdown markup, punctuation, whitespace) separates
 * words. Ideographic and kana characters are one word each, since those scripts do not space words.
 */
public final class Normalizer {

    private static final Pattern LINK_TARGET = Pattern.compile("\\]\\([^)\\s]*\\)");
    private static final Pattern URL = Pattern.compile("(?:https?|ftp)://\\S+|www\\.\\S+");
    private static final Pattern HTML_TAG = Pattern.compile("</?[a-zA-Z][^<>]{0,200}>");

    private Normalizer() {}

    /** The text as the signature sees it: folded words joined by one space. */
    public static String normalize(String text) {
        return String.join(" ", words(text));
    }

    public static List<String> words(String text) {
        return tokens(text).words();
    }

    /**
     * The words, and which of them start a sentence: after {@code . ! ?} (followed by a space or
     * the end), {@code ; :}, a blank line, or their ideographic forms.
     */
    public record Tokens(List<String> words, BitSet sentenceStarts) {}

    public static Tokens tokens(String text) {
        String s = java.text.Normalizer.normalize(text, Form.NFKC);
        // Each pattern only where it can match: scanning every position with them costs more than all the rest.
        if (s.contains("](")) {
            s = LINK_TARGET.matcher(s).replaceAll("] ");
        }
        if (s.contains("://") || s.contains("www.")) {
            s = URL.matcher(s).replaceAll(" ");
        }
        if (s.indexOf('<') >= 0) {
            s = HTML_TAG.matcher(s).replaceAll(" ");
        }
        s = ascii(s) ? s.toLowerCase(Locale.ROOT) : s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>(s.length() / 5 + 1);
        BitSet starts = new BitSet();
        StringBuilder word = new StringBuilder();
        boolean boundary = true;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetterOrDigit(cp) && !mark(cp)) {
                flush(word, words);
                boundary |= endsSentence(cp, i < s.length() ? s.codePointAt(i) : ' ') || paragraphBreak(s, cp, i);
            } else {
                if (word.isEmpty() && boundary) {
                    starts.set(words.size());
                    boundary = false;
                }
                if (unspaced(cp)) {
                    flush(word, words);
                    words.add(new String(Character.toChars(cp)));
                } else {
                    word.appendCodePoint(cp);
                }
            }
        }
        flush(word, words);
        return new Tokens(words, starts);
    }

    /** A blank line ends a sentence (headings and list items often have no full stop); a single line break does not. */
    private static boolean paragraphBreak(String s, int cp, int next) {
        if (cp != '\n') {
            return false;
        }
        for (int j = next; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '\n') {
                return true;
            }
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    private static boolean endsSentence(int cp, int next) {
        return switch (cp) {
            case '.', '!', '?' -> Character.isWhitespace(next) || next == '*' || next == '_' || next == '"' || next == ')';
            case ';', ':', '\u3002', '\uff01', '\uff1f' -> true;
            default -> false;
        };
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Combining marks belong to the word they modify (Devanagari vowel signs, unnormalised accents). */
    private static boolean mark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static boolean unspaced(int cp) {
        if (cp < 0x0E00) {
            // Below Thai: Latin, Greek, Cyrillic, Arabic, Devanagari … all space their words (and the script lookup is slow).
            return false;
        }
        if (Character.isIdeographic(cp)) {
            return true;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA
                || script == Character.UnicodeScript.THAI;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }
}
