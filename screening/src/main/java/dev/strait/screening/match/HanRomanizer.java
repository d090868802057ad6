package dev.strait.screening.match;

import com.ibm.icu.text.Transliterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chinese script → the two Latin spellings a list may use. {@code translated}: dictionary company words
 * in English (科技 → technology) and every other run of Han characters as one joined pinyin word
 * (华为 → huawei), the way company names are romanised. {@code syllables}: every character its own
 * toneless pinyin syllable (华为技术 → hua wei ji shu), which meets entries written syllable by
 * syllable; the matcher joins adjacent syllables itself.
 */
final class HanRomanizer {

    /** Both spellings of one name. */
    record Romanized(String translated, String syllables) {}

    private final Lexicon lexicon;
    private final Transliterator hanLatin = Transliterator.getInstance("Han-Latin; Latin-ASCII");
    private final Map<Integer, String> pinyin = new ConcurrentHashMap<>();

    HanRomanizer(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    static boolean containsHan(String text) {
        return text.codePoints().anyMatch(HanRomanizer::isHan);
    }

    static boolean isHan(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }

    Romanized romanize(String text) {
        StringBuilder translated = new StringBuilder();
        StringBuilder syllables = new StringBuilder();
        int i = 0;
        boolean inRun = false;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (!isHan(cp)) {
                translated.appendCodePoint(cp);
                syllables.appendCodePoint(cp);
                inRun = false;
                i += Character.charCount(cp);
                continue;
            }
            int numeralEnd = ordinalEnd(text, i);
            if (numeralEnd > i) {
                String number = Integer.toString(chineseNumber(text.substring(i + 1, numeralEnd)));
                translated.append(' ').append(number).append(' ');
                syllables.append(' ').append(number).append(' ');
                inRun = false;
                i = numeralEnd;
                continue;
            }
            String word = null;
            int end = i;
            for (int len = Math.min(lexicon.longestHanWord(), text.length() - i); len >= 1 && word == null; len--) {
                word = lexicon.hanWord(text.substring(i, i + len));
                end = i + len;
            }
            if (word != null) {
                translated.append(' ').append(word).append(' ');
                for (int j = i; j < end; j++) {
                    syllables.append(' ').append(word.isEmpty() ? "" : syllable(text.codePointAt(j)));
                }
                inRun = false;
                i = end;
                continue;
            }
            String s = syllable(cp);
            if (!inRun) {
                translated.append(' ');
            }
            translated.append(s);
            syllables.append(' ').append(s).append(' ');
            inRun = true;
            i += Character.charCount(cp);
        }
        return new Romanized(translated.toString(), syllables.toString());
    }

    private String syllable(int cp) {
        return pinyin.computeIfAbsent(cp, c -> {
            synchronized (hanLatin) {
                return hanLatin.transliterate(new String(Character.toChars(c))).toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9]", "");
            }
        });
    }

    private static final String DIGITS = "零一二三四五六七八九";

    /** 第十三 → index just past 三, else {@code start}. */
    private static int ordinalEnd(String text, int start) {
        if (text.charAt(start) != '第') {
            return start;
        }
        int j = start + 1;
        while (j < text.length() && (DIGITS.indexOf(text.charAt(j)) >= 0 || "十百".indexOf(text.charAt(j)) >= 0)) {
            j++;
        }
        return j > start + 1 ? j : start;
    }

    /** 十三 → 13, 二十 → 20, 五十四 → 54, 一百零八 → 108. */
    static int chineseNumber(String text) {
        int total = 0;
        int current = 0;
        for (char c : text.toCharArray()) {
            int digit = DIGITS.indexOf(c);
            if (digit >= 0) {
                current = digit;
            } else if (c == '十') {
                total += (current == 0 ? 1 : current) * 10;
                current = 0;
            } else if (c == '百') {
                total += (current == 0 ? 1 : current) * 100;
                current = 0;
            }
        }
        return total + current;
    }
}
