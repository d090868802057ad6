package dev.strait.screening.match;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.Transliterator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Text → {@link NameForm}s. Width and compatibility folding (NFKC), accents and other Latin
 * decorations to ASCII, Cyrillic by BGN/PCGN (how US lists romanise Russian names), other scripts by
 * ICU's Any-Latin, Chinese by {@link HanRomanizer} (two forms), then tokens, legal forms, plurals
 * and synonyms.
 */
public final class Normalizer {

    private static final Pattern DOTTED_ABBREVIATION = Pattern.compile("([a-z0-9]{1,2}\\.)+[a-z0-9]{0,2}\\.?");
    private static final Pattern ORDINAL = Pattern.compile("(\\d+)(st|nd|rd|th)");

    private final Lexicon lexicon;
    private final HanRomanizer han;
    private final Normalizer2 nfkc = Normalizer2.getNFKCInstance();
    private final Transliterator cyrillic = Transliterator.getInstance("Russian-Latin/BGN; Latin-ASCII");
    private final Transliterator cyrillicScholarly = Transliterator.getInstance("Cyrillic-Latin; Latin-ASCII");
    private final Transliterator anyLatin = Transliterator.getInstance("Any-Latin; Latin-ASCII");
    private final Transliterator latinAscii = Transliterator.getInstance("Latin-ASCII");

    public Normalizer(Lexicon lexicon) {
        this.lexicon = lexicon;
        this.han = new HanRomanizer(lexicon);
    }

    public Lexicon lexicon() {
        return lexicon;
    }

    /** One form for Latin-script names, two for names with Chinese characters. */
    public List<NameForm> forms(String raw) {
        String text = nfkc.normalize(repairC1(raw));
        if (HanRomanizer.containsHan(text)) {
            HanRomanizer.Romanized romanized = han.romanize(text);
            Set<NameForm> out = new LinkedHashSet<>();
            out.add(form(romanized.translated(), "Han→Latin: company words translated, other characters as joined pinyin"));
            out.add(form(romanized.syllables(), "Han→Latin: pinyin syllables"));
            return List.copyOf(out);
        }
        if (text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.CYRILLIC)) {
            // US lists romanise Russian by BGN/PCGN, others by ISO-like schemes: try both.
            Set<NameForm> out = new LinkedHashSet<>();
            out.add(form(text, null));
            out.add(form(transliterate(cyrillicScholarly, text), "Cyrillic→Latin (ISO 9-like)"));
            return List.copyOf(out);
        }
        return List.of(form(text, null));
    }

    private NameForm form(String text, String transliteration) {
        String latin = text;
        String note = transliteration;
        if (!isAscii(text)) {
            if (text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.CYRILLIC)) {
                latin = transliterate(cyrillic, text);
                note = note == null ? "Cyrillic→Latin (BGN/PCGN)" : note;
            } else if (text.codePoints().anyMatch(cp -> Character.isLetter(cp) && !isLatin(cp))) {
                latin = transliterate(anyLatin, text);
                note = note == null ? "script→Latin (ICU Any-Latin)" : note;
            } else {
                latin = transliterate(latinAscii, text);
            }
        }
        List<String> tokens = tokenize(latin.toLowerCase(Locale.ROOT));
        List<String> stripped = new ArrayList<>();
        List<String> kept = stripLegalForms(tokens, stripped);
        kept = stripMistypedLegalWord(kept, stripped);
        List<String> folded = new ArrayList<>(kept.size());
        for (String token : kept) {
            folded.add(fold(token));
        }
        return new NameForm(folded, note, stripped);
    }

    /**
     * Plural folding then synonyms: "technologies" → "technology", "keji" → "technology". Plurals fold
     * only onto words the lexicon knows, so names ("SANTOS", "GEIGES") keep their spelling and a typo in
     * them stays one edit away.
     */
    public String fold(String token) {
        String t = token;
        if (t.length() > 4 && !Character.isDigit(t.charAt(0))) {
            String singular = null;
            if (t.endsWith("ies")) {
                singular = t.substring(0, t.length() - 3) + "y";
            } else if (t.endsWith("s") && !t.endsWith("ss")) {
                singular = t.substring(0, t.length() - 1);
            }
            if (singular != null && lexicon.knows(singular)) {
                t = singular;
            }
        }
        return lexicon.canonical(t);
    }

    List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '\'') {
                token.append(c);
            } else {
                if (c == '&' || c == '+') {
                    emit(token, out);
                    out.add("and");
                }
                emit(token, out);
            }
        }
        List<String> joined = new ArrayList<>(out.size());
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).equals("hong") && i + 1 < out.size() && out.get(i + 1).equals("kong")) {
                joined.add("hongkong");
                i++;
            } else {
                joined.add(out.get(i));
            }
        }
        return joined;
    }

    private static void emit(StringBuilder token, List<String> out) {
        if (token.isEmpty()) {
            return;
        }
        String t = token.toString().replace("'", "");
        token.setLength(0);
        if (DOTTED_ABBREVIATION.matcher(t).matches()) {
            add(t.replace(".", ""), out);
            return;
        }
        for (String part : t.split("\\.")) {
            add(part, out);
        }
    }

    private static void add(String token, List<String> out) {
        if (token.isEmpty()) {
            return;
        }
        var ordinal = ORDINAL.matcher(token);
        out.add(ordinal.matches() ? ordinal.group(1) : token);
    }

    /** Legal forms off both ends (leading ones only from an explicit list), keeping at least one token. */
    private List<String> stripLegalForms(List<String> tokens, List<String> stripped) {
        int from = 0;
        int to = tokens.size();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int len = Math.min(lexicon.longestLegalForm(), to - from - 1); len >= 1; len--) {
                List<String> tail = tokens.subList(to - len, to);
                if (lexicon.isLegalForm(tail)) {
                    stripped.add(0, String.join(" ", tail));
                    to -= len;
                    changed = true;
                    break;
                }
            }
            for (int len = Math.min(lexicon.longestLegalForm(), to - from - 1); len >= 1 && !changed; len--) {
                List<String> head = tokens.subList(from, from + len);
                if (lexicon.isLeadingLegalForm(head)) {
                    stripped.add(String.join(" ", head));
                    from += len;
                    changed = true;
                }
            }
        }
        return tokens.subList(from, to);
    }

    /** "… CORPORTAION" ends in a legal form too: a long legal word within a typo of the last token. */
    private List<String> stripMistypedLegalWord(List<String> tokens, List<String> stripped) {
        if (tokens.size() < 2) {
            return tokens;
        }
        String last = tokens.get(tokens.size() - 1);
        if (last.length() < 7 || lexicon.isGeneric(last)) {
            return tokens;
        }
        for (String legal : lexicon.longLegalWords()) {
            if (Similarity.typo(last, legal) > 0) {
                stripped.add(last);
                return tokens.subList(0, tokens.size() - 1);
            }
        }
        return tokens;
    }

    private String transliterate(Transliterator transliterator, String text) {
        synchronized (transliterator) {
            return transliterator.transliterate(text);
        }
    }

    /** Windows-1252 punctuation decoded as Latin-1 lands in C1 controls (one CSL name has U+0092). */
    private static String repairC1(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '\u0080' && c <= '\u009f') {
                if (out == null) {
                    out = new StringBuilder(text.substring(0, i));
                }
                out.append(c == '\u0091' || c == '\u0092' ? '\'' : c == '\u0096' || c == '\u0097' ? '-' : ' ');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLatin(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN;
    }
}
