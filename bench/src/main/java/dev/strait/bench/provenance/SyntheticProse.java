package dev.strait.bench.provenance;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Pseudo-completions for the provenance benchmark: English sentences from a grammar over a few
 * hundred real words and a long tail of 50,000 made-up rarer terms (a third of the nouns), with the chatty openers, closers and stock phrases that real outputs share,
 * so that unrelated texts do share short phrases. Deterministic per seed, so a generation's text
 * can be rebuilt from its number instead of being kept. Also the edits a copier makes.
 */
final class SyntheticProse {

    private static final String[] NOUNS = split("""
            report system model market customer network service policy engine river garden window teacher
            student engineer doctor budget contract document library village harbor island forest mountain
            signal battery circuit database server cluster pipeline protocol algorithm theory experiment
            sample dataset pattern feature kernel memory process thread planet orbit galaxy vessel cargo
            journey festival recipe kitchen bakery farmer harvest painting museum gallery theater melody
            rhythm chapter novel poem letter message account payment card transfer balance loan interest
            bank branch invoice order delivery package address phone screen keyboard battery camera photo
            video song album artist movie actor director scene story hero villain city street bridge tower
            road car train plane airport ticket hotel room beach lake ocean storm cloud rain snow wind
            summer winter spring autumn morning evening night week month year decade century history
            science math physics chemistry biology medicine health diet exercise sleep stress habit goal
            plan strategy team leader manager company product price cost profit growth risk answer
            question problem solution method result value number equation fraction percent total""");
    private static final String[] VERBS = split("""
            improves shapes measures predicts describes supports reduces reveals protects connects transforms
            balances collects delivers explores follows guides handles limits monitors organizes prepares
            records reflects replaces requires resolves schedules selects simplifies stores tests tracks
            updates validates builds carries changes defines explains compares increases lowers covers
            creates removes adds shows finds keeps moves opens closes starts ends helps uses needs gives""");
    private static final String[] ADJECTIVES = split("""
            quick careful modern ancient bright quiet robust fragile simple complex local global private
            public early late steady sudden gentle rough precise vague useful costly efficient hidden visible
            shared central remote digital manual formal casual silent loud fresh stale narrow broad stable
            volatile rare common small large new old important different good high low strong weak clear
            main major minor basic total recent daily monthly annual national regional""");
    private static final String[] ADVERBS = split("quickly carefully rarely often gently steadily clearly quietly slowly openly roughly usually");
    private static final String[] INTROS = {"In practice,", "As a result,", "On the other hand,", "For example,",
        "In most cases,", "Over time,", "It is important to note that", "In short,", "However,", "Typically,",
        "In other words,", "First,", "Second,", "Finally,", "Overall,", "In addition,"};
    private static final String[] DETERMINERS = {"the", "a", "each", "every", "this", "our", "their", "one", "your", "that"};
    private static final String[] PREPOSITIONS = {"of", "in", "with", "for", "across", "under", "through", "near", "after", "before", "during"};
    private static final String[] CONJUNCTIONS = {"because", "while", "when", "although", "so that", "until", "if", "since"};
    private static final String[] OPENERS = {"Sure, here is an overview.", "Certainly!", "Great question.",
        "Here is a step-by-step explanation.", "Absolutely, let me explain.", ""};
    private static final String[] CLOSERS = {"I hope this helps!", "Let me know if you have any other questions.",
        "Feel free to ask if you need more details.", ""};

    private static final String[] SYLLABLES = split("""
            ka to ri mo sa lu ne vi da pe go ha ji ku la me no pu ro si ta ve wa yo zu bra cle dro fin gla
            hor ist jam kel lon mar nor pol quin ros sel tor ul ver""");
    /** Rare content words: real text has a long tail of names and terms, which makes its phrases distinctive. */
    private static final int RARE_WORDS = 50_000;

    private final SplittableRandom random;

    SyntheticProse(long seed) {
        this.random = new SplittableRandom(seed);
    }

    private static String[] split(String block) {
        return Arrays.stream(block.strip().split("\\s+")).distinct().toArray(String[]::new);
    }

    String sentence() {
        StringBuilder out = new StringBuilder(96);
        if (random.nextInt(4) == 0) {
            out.append(pick(INTROS)).append(' ');
        }
        phrase(out).append(' ');
        if (random.nextInt(3) == 0) {
            out.append(pick(ADVERBS)).append(' ');
        }
        out.append(pick(VERBS)).append(' ');
        phrase(out);
        if (random.nextBoolean()) {
            out.append(' ').append(pick(PREPOSITIONS)).append(' ');
            phrase(out);
        }
        if (random.nextInt(3) == 0) {
            out.append(", ").append(pick(CONJUNCTIONS)).append(' ');
            phrase(out).append(' ').append(pick(VERBS)).append(' ');
            phrase(out);
        }
        out.append('.');
        out.setCharAt(0, Character.toUpperCase(out.charAt(0)));
        return out.toString();
    }

    private StringBuilder phrase(StringBuilder out) {
        out.append(pick(DETERMINERS)).append(' ');
        if (random.nextBoolean()) {
            out.append(pick(ADJECTIVES)).append(' ');
        }
        return random.nextInt(3) == 0 ? rare(out) : out.append(pick(NOUNS));
    }

    /** A word of the long tail, skewed towards its head (square of a uniform draw). */
    private StringBuilder rare(StringBuilder out) {
        double u = random.nextDouble();
        int n = (int) (u * u * RARE_WORDS);
        do {
            out.append(SYLLABLES[n % SYLLABLES.length]);
            n /= SYLLABLES.length;
        } while (n > 0);
        return out;
    }

    /** 6 to 30 sentences (about 60 to 400 words) in paragraphs, with an opener and a closer. */
    String completion() {
        int sentences = 6 + random.nextInt(25);
        StringBuilder out = new StringBuilder(pick(OPENERS));
        for (int i = 0; i < sentences; i++) {
            out.append(i % 4 == 0 ? "\n\n" : " ").append(sentence());
        }
        return out.append("\n\n").append(pick(CLOSERS)).toString().strip();
    }

    private String pick(String[] from) {
        return from[random.nextInt(from.length)];
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** A contiguous run of half the words, cut from a random place. */
    String halfPassage(String text) {
        String[] w = text.split("\\s+");
        int length = Math.max(1, w.length / 2);
        int from = random.nextInt(w.length - length + 1);
        return String.join(" ", Arrays.copyOfRange(w, from, from + length));
    }

    /** Replaces 10% of the words by other words. */
    String editTenPercent(String text) {
        String[] w = text.split("\\s+");
        for (int i = 0; i < w.length; i++) {
            if (random.nextInt(10) == 0) {
                w[i] = pick(random.nextBoolean() ? NOUNS : ADJECTIVES);
            }
        }
        return String.join(" ", w);
    }

    /** Shuffles sentences, upper-cases and emboldens some words, adds a heading and irregular spacing. */
    String reorderAndRestyle(String text) {
        String[] sentences = text.split("(?<=[.!?])\\s+");
        for (int i = sentences.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String t = sentences[i];
            sentences[i] = sentences[j];
            sentences[j] = t;
        }
        StringBuilder out = new StringBuilder("## Notes\n\n");
        for (String word : String.join(" ", sentences).split("\\s+")) {
            int roll = random.nextInt(10);
            out.append(roll == 0 ? word.toUpperCase() : roll == 1 ? "**" + word + "**" : word)
                    .append(roll == 2 ? "\n" : roll == 3 ? "   " : " ");
        }
        return out.toString();
    }
}
