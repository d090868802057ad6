package dev.strait.provenance.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Pseudo-completions and pseudo-human text for the tests: sentences assembled from templates and a
 * shared word list with a seeded {@link Random}, so texts are distinct yet share vocabulary and
 * function-word phrases the way real outputs do, plus the edits a copier makes.
 */
public final class Prose {

    private static final String[] NOUNS = words("""
            report system model market customer network service policy engine river garden window
            teacher student engineer doctor budget contract document library village harbor island
            forest mountain signal battery circuit database server cluster pipeline protocol
            algorithm theory experiment sample dataset pattern feature kernel memory process thread
            planet orbit galaxy vessel cargo journey festival recipe kitchen bakery farmer harvest
            painting museum gallery theater melody rhythm chapter novel poem letter message""");
    private static final String[] VERBS = words("""
            improves shapes measures predicts describes supports reduces reveals protects connects
            transforms balances collects delivers explores follows guides handles limits monitors
            organizes prepares records reflects replaces requires resolves schedules selects
            simplifies stores tests tracks updates validates builds carries changes defines""");
    private static final String[] ADJECTIVES = words("""
            quick careful modern ancient bright quiet robust fragile simple complex local global
            private public early late steady sudden gentle rough precise vague useful costly
            efficient hidden visible shared central remote digital manual formal casual silent loud
            fresh stale narrow broad stable volatile rare common""");
    private static final String[] ADVERBS = words("""
            quickly carefully rarely often gently steadily clearly quietly slowly openly roughly""");
    private static final String[] INTROS = {"In practice,", "As a result,", "On the other hand,", "For example,",
        "In most cases,", "Over time,", "It is important to note that", "In short,", "However,", "Typically,"};
    private static final String[] DETERMINERS = {"the", "a", "each", "every", "this", "our", "their", "one"};
    private static final String[] PREPOSITIONS = {"of", "in", "with", "for", "across", "under", "through", "near", "after"};
    private static final String[] CONJUNCTIONS = {"because", "while", "when", "although", "so that", "until"};
    private static final String[] OPENERS = {"Sure, here is an overview.", "Certainly!", "Great question.", ""};
    private static final String[] CLOSERS = {"I hope this helps!", "Let me know if you have any other questions.", ""};

    private final Random random;

    public Prose(long seed) {
        this.random = new Random(seed);
    }

    private static String[] words(String block) {
        return block.strip().split("\\s+");
    }

    /** A sentence: [intro] subject verb object [prepositional phrase] [subordinate clause]. */
    public String sentence() {
        StringBuilder out = new StringBuilder();
        if (random.nextInt(4) == 0) {
            out.append(pick(INTROS)).append(' ');
        }
        out.append(phrase()).append(' ');
        if (random.nextInt(3) == 0) {
            out.append(pick(ADVERBS)).append(' ');
        }
        out.append(pick(VERBS)).append(' ').append(phrase());
        if (random.nextBoolean()) {
            out.append(' ').append(pick(PREPOSITIONS)).append(' ').append(phrase());
        }
        if (random.nextInt(3) == 0) {
            out.append(", ").append(pick(CONJUNCTIONS)).append(' ').append(phrase()).append(' ').append(pick(VERBS))
                    .append(' ').append(phrase());
        }
        out.append('.');
        return Character.toUpperCase(out.charAt(0)) + out.substring(1);
    }

    private String phrase() {
        String det = pick(DETERMINERS);
        return random.nextBoolean() ? det + " " + pick(ADJECTIVES) + " " + pick(NOUNS) : det + " " + pick(NOUNS);
    }

    /** A completion of {@code sentences} sentences with a chatty opener and closer, in paragraphs. */
    public String completion(int sentences) {
        StringBuilder out = new StringBuilder(pick(OPENERS));
        for (int i = 0; i < sentences; i++) {
            out.append(i % 4 == 0 ? "\n\n" : " ").append(sentence());
        }
        return out.append("\n\n").append(pick(CLOSERS)).toString().strip();
    }

    /** A completion of 6 to 25 sentences. */
    public String completion() {
        return completion(6 + random.nextInt(20));
    }

    private String pick(String[] from) {
        return from[random.nextInt(from.length)];
    }

    // ---- what a copier does ----

    /** A contiguous run of half the words, cut from a random place inside the text. */
    public String halfPassage(String text) {
        String[] w = text.split("\\s+");
        int length = Math.max(1, w.length / 2);
        int from = random.nextInt(w.length - length + 1);
        return String.join(" ", java.util.Arrays.copyOfRange(w, from, from + length));
    }

    /** Replaces {@code share} of the words by other words of the vocabulary. */
    public String editWords(String text, double share) {
        String[] w = text.split("\\s+");
        for (int i = 0; i < w.length; i++) {
            if (random.nextDouble() < share) {
                w[i] = pick(random.nextBoolean() ? NOUNS : ADJECTIVES);
            }
        }
        return String.join(" ", w);
    }

    public String reorderSentences(String text) {
        List<String> sentences = new ArrayList<>(List.of(text.split("(?<=[.!?])\\s+")));
        Collections.shuffle(sentences, random);
        return String.join(" ", sentences);
    }

    /** Upper-cases some words, emboldens others, adds a heading, bullets and irregular whitespace. */
    public String restyle(String text) {
        String[] w = text.split("\\s+");
        StringBuilder out = new StringBuilder("## Notes\n\n- ");
        for (String word : w) {
            int roll = random.nextInt(10);
            String styled = roll == 0 ? word.toUpperCase(Locale.ROOT) : roll == 1 ? "**" + word + "**" : word;
            out.append(styled).append(roll == 2 ? "\n  " : roll == 3 ? "   " : " ");
        }
        return out.toString();
    }

    /** Human text around the passage: a sentence or two before and after. */
    public String mixWith(String passage, Prose human) {
        return human.sentence() + " " + passage + " " + human.sentence() + " " + human.sentence();
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
