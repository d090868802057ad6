package dev.strait.bench.screening;

import java.util.Locale;

/** Latin → Cyrillic by reversing the BGN/PCGN romanisation US lists use for Russian names. */
final class Cyrillic {

    private Cyrillic() {}

    private static final String[][] MAP = {
        {"shch", "щ"}, {"kh", "х"}, {"ts", "ц"}, {"ch", "ч"}, {"sh", "ш"}, {"zh", "ж"}, {"yu", "ю"}, {"ya", "я"},
        {"ye", "е"}, {"yo", "ё"}, {"iy", "ий"}, {"a", "а"}, {"b", "б"}, {"v", "в"}, {"g", "г"}, {"d", "д"}, {"e", "е"},
        {"z", "з"}, {"i", "и"}, {"y", "ы"}, {"k", "к"}, {"l", "л"}, {"m", "м"}, {"n", "н"}, {"o", "о"}, {"p", "п"},
        {"r", "р"}, {"s", "с"}, {"t", "т"}, {"u", "у"}, {"f", "ф"}, {"c", "к"}, {"w", "в"}, {"x", "кс"}, {"q", "к"},
        {"j", "дж"}, {"h", "х"}};

    static String toCyrillic(String latin) {
        String lower = latin.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        int i = 0;
        outer:
        while (i < lower.length()) {
            boolean wordStart = i == 0 || !Character.isLetter(lower.charAt(i - 1));
            if (wordStart && lower.charAt(i) == 'e') {
                out.append(Character.isUpperCase(latin.charAt(i)) ? "Э" : "э");
                i++;
                continue;
            }
            for (String[] pair : MAP) {
                if (lower.startsWith(pair[0], i)) {
                    boolean upper = Character.isUpperCase(latin.charAt(i));
                    out.append(upper ? pair[1].toUpperCase(Locale.ROOT) : pair[1]);
                    i += pair[0].length();
                    continue outer;
                }
            }
            out.append(latin.charAt(i));
            i++;
        }
        return out.toString();
    }
}
