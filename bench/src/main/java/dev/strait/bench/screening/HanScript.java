package dev.strait.bench.screening;

import com.ibm.icu.text.Transliterator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Romanised Chinese names → Chinese script, to test the reverse direction: English company words by a
 * small dictionary (technology → 科技), pinyin words syllable by syllable to a character with that
 * reading. Returns null when a word is neither, so only names that really are pinyin are converted.
 */
final class HanScript {

    private static final Map<String, String> WORDS = Map.ofEntries(Map.entry("technology", "科技"),
            Map.entry("technologies", "科技"), Map.entry("electronics", "电子"), Map.entry("electronic", "电子"),
            Map.entry("group", "集团"), Map.entry("trading", "贸易"), Map.entry("international", "国际"),
            Map.entry("industrial", "工业"), Map.entry("industry", "工业"), Map.entry("company", "公司"),
            Map.entry("co", "公司"), Map.entry("ltd", "有限公司"), Map.entry("limited", "有限公司"),
            Map.entry("corporation", "公司"), Map.entry("corp", "公司"), Map.entry("china", "中国"),
            Map.entry("chinese", "中国"), Map.entry("research", "研究"), Map.entry("institute", "所"),
            Map.entry("investment", "投资"), Map.entry("development", "发展"), Map.entry("import", "进口"),
            Map.entry("export", "出口"), Map.entry("and", ""), Map.entry("of", ""), Map.entry("university", "大学"),
            Map.entry("aviation", "航空"), Map.entry("shipping", "船舶"), Map.entry("logistics", "物流"),
            Map.entry("beijing", "北京"), Map.entry("shanghai", "上海"), Map.entry("shenzhen", "深圳"),
            Map.entry("guangzhou", "广州"), Map.entry("hong", "香"), Map.entry("kong", "港"), Map.entry("science", "科学"),
            Map.entry("holdings", "控股"), Map.entry("holding", "控股"), Map.entry("network", "网络"));

    private final Map<String, String> syllableToHan = new HashMap<>();
    private final int longest;

    HanScript() {
        Transliterator pinyin = Transliterator.getInstance("Han-Latin; Latin-ASCII");
        int max = 0;
        for (int cp = 0x4E00; cp <= 0x9FA5; cp++) {
            String s = pinyin.transliterate(new String(Character.toChars(cp))).toLowerCase(Locale.ROOT);
            if (s.matches("[a-z]+")) {
                syllableToHan.putIfAbsent(s, new String(Character.toChars(cp)));
                max = Math.max(max, s.length());
            }
        }
        longest = max;
    }

    String toHan(String name) {
        StringBuilder out = new StringBuilder();
        boolean pinyinUsed = false;
        String text = name.toLowerCase(Locale.ROOT).replaceAll("\\bco\\.?,?\\s+ltd\\b", "ltd");
        for (String word : text.replaceAll("[^a-z0-9 ]", " ").trim().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            String known = WORDS.get(word);
            if (known != null) {
                out.append(known);
                continue;
            }
            if (word.matches("\\d+")) {
                out.append(word);
                continue;
            }
            String han = syllables(word, 0);
            if (han == null) {
                return null;
            }
            out.append(han);
            pinyinUsed = true;
        }
        return pinyinUsed ? out.toString() : null;
    }

    /** The word split into pinyin syllables (longest first, backtracking), each as a character. */
    private String syllables(String word, int from) {
        if (from == word.length()) {
            return "";
        }
        for (int len = Math.min(longest, word.length() - from); len >= 1; len--) {
            String han = syllableToHan.get(word.substring(from, from + len));
            if (han != null) {
                String rest = syllables(word, from + len);
                if (rest != null) {
                    return han + rest;
                }
            }
        }
        return null;
    }

}
