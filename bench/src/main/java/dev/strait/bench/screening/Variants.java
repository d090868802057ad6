package dev.strait.bench.screening;

import dev.strait.screening.list.ListEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spellings of a listed name that should still find it: case, punctuation and accents, a different or
 * added legal form, reordered words, one typo, an alias, and the name in Chinese or Cyrillic script
 * where the entry is Chinese or Russian.
 */
final class Variants {

    record Variant(String kind, String text) {}

    private static final Pattern TRAILING_LEGAL = Pattern.compile(
            "(?i)[,\\s]+(co\\.?,?\\s*ltd\\.?|ltd\\.?|limited|inc\\.?|corp\\.?|corporation|llc|l\\.l\\.c\\.|s\\.a\\. de c\\.v\\.|"
                    + "s\\.a\\.|sa|gmbh|ag|jsc|ooo|oao|zao|pjsc|plc|s\\.r\\.l\\.|company|co\\.)$");
    private static final String[] LEGAL = {"Co., Ltd.", "Limited", "Inc.", "Corp.", "LLC", "GmbH", "S.A.", "JSC",
        "OOO", "Ltd", "S.r.l.", "PLC", "Sdn Bhd", "Pte. Ltd.", "有限公司"};
    private static final String ACCENTS_FROM = "aeiounc";
    private static final String[] ACCENTS_TO = {"áàâä", "éèêë", "íîï", "óôö", "úüû", "ñ", "ç"};

    private final Random random;
    private final HanScript han;

    Variants(long seed, HanScript han) {
        this.random = new Random(seed);
        this.han = han;
    }

    List<Variant> of(ListEntry entry) {
        String name = entry.name().trim();
        List<Variant> out = new ArrayList<>();
        out.add(new Variant("case", random.nextBoolean() ? name.toLowerCase(Locale.ROOT) : titleCase(name)));
        out.add(new Variant("punctuation+accents", accents(name.replaceAll("[.,'\"()\\-]", random.nextBoolean() ? "" : " "))));
        boolean person = entry.type().equalsIgnoreCase("individual");
        if (!person) {
            Matcher legal = TRAILING_LEGAL.matcher(name);
            String base = legal.find() ? name.substring(0, legal.start()) : name;
            String form = LEGAL[random.nextInt(LEGAL.length)];
            out.add(new Variant("legal-form", base + (form.startsWith("有") ? "" : " ") + form));
        }
        String[] words = name.replace(",", " ").trim().split("\\s+");
        if (words.length >= 2) {
            List<String> shuffled = new ArrayList<>(List.of(words));
            // A name whose words are all the same has no other order.
            for (int tries = 0; tries < 10 && shuffled.equals(List.of(words)); tries++) {
                java.util.Collections.shuffle(shuffled, random);
            }
            if (!shuffled.equals(List.of(words))) {
                out.add(new Variant("word-order", String.join(" ", shuffled)));
            }
        }
        String typo = typo(words);
        if (typo != null) {
            out.add(new Variant("typo", typo));
        }
        if (!entry.aliases().isEmpty()) {
            out.add(new Variant("alias", entry.aliases().get(random.nextInt(entry.aliases().size())).name()));
        }
        if (entry.countries().stream().anyMatch(c -> c.equals("CN") || c.equals("HK") || c.equals("TW"))
                || name.toLowerCase(Locale.ROOT).matches(".*\\b(china|beijing|shanghai|shenzhen|guangzhou)\\b.*")) {
            String chinese = han.toHan(name);
            if (chinese != null) {
                out.add(new Variant("chinese-script", chinese));
            }
        }
        if (entry.countries().stream().anyMatch(c -> c.equals("RU") || c.equals("BY") || c.equals("KZ") || c.equals("UA"))) {
            out.add(new Variant("cyrillic-script", Cyrillic.toCyrillic(name)));
        }
        return out;
    }

    /** One edit (substitute, delete, insert, swap) inside the longest word, never its first letter. */
    private String typo(String[] words) {
        int longest = -1;
        for (int i = 0; i < words.length; i++) {
            if (words[i].matches("\\p{L}{5,}") && (longest < 0 || words[i].length() > words[longest].length())) {
                longest = i;
            }
        }
        if (longest < 0) {
            return null;
        }
        StringBuilder w = new StringBuilder(words[longest]);
        int at = 1 + random.nextInt(w.length() - 1);
        char letter = (char) ('a' + random.nextInt(26));
        letter = Character.isUpperCase(w.charAt(0)) ? Character.toUpperCase(letter) : letter;
        switch (random.nextInt(4)) {
            case 0 -> w.setCharAt(at, w.charAt(at) == letter ? (char) (letter == 'z' || letter == 'Z' ? letter - 1 : letter + 1) : letter);
            case 1 -> w.deleteCharAt(at);
            case 2 -> w.insert(at, letter);
            default -> {
                if (at + 1 < w.length()) {
                    char c = w.charAt(at);
                    w.setCharAt(at, w.charAt(at + 1));
                    w.setCharAt(at + 1, c);
                } else {
                    w.deleteCharAt(at);
                }
            }
        }
        String[] copy = words.clone();
        copy[longest] = w.toString();
        return String.join(" ", copy);
    }

    private String accents(String text) {
        StringBuilder out = new StringBuilder(text);
        int changes = 0;
        for (int i = 1; i < out.length() && changes < 2; i++) {
            int k = ACCENTS_FROM.indexOf(Character.toLowerCase(out.charAt(i)));
            if (k >= 0 && random.nextInt(4) == 0) {
                String options = ACCENTS_TO[k];
                char c = options.charAt(random.nextInt(options.length()));
                out.setCharAt(i, Character.isUpperCase(out.charAt(i)) ? Character.toUpperCase(c) : c);
                changes++;
            }
        }
        return out.toString();
    }

    private static String titleCase(String text) {
        StringBuilder out = new StringBuilder();
        boolean start = true;
        for (char c : text.toCharArray()) {
            out.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
            start = !Character.isLetterOrDigit(c);
        }
        return out.toString();
    }
}
