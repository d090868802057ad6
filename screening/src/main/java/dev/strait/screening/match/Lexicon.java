package dev.strait.screening.match;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The word lists matching relies on, read from this package's resources: legal forms, generic words,
 * synonyms and the Chinese company-word dictionary. Data, not code, so they can grow without a rebuild
 * of the logic; immutable once read.
 */
public final class Lexicon {

    private final Set<List<String>> legalForms;
    private final Set<List<String>> leadingLegalForms;
    private final int longestLegalForm;
    private final Set<String> generic;
    private final Set<String> particles;
    private final List<String> longLegalWords;
    private final Map<String, String> synonyms;
    private final Map<String, String> hanWords;
    private final int longestHanWord;

    public Lexicon() {
        legalForms = sequences(lines("legal-forms.txt"));
        leadingLegalForms = sequences(lines("leading-legal-forms.txt"));
        longestLegalForm = legalForms.stream().mapToInt(List::size).max().orElse(1);
        generic = Set.copyOf(lines("generic-words.txt"));
        Set<String> glue = new HashSet<>(lines("particles.txt"));
        Set<String> legalWords = new HashSet<>();
        for (List<String> form : legalForms) {
            glue.addAll(form);
            legalWords.addAll(form);
        }
        particles = Set.copyOf(glue);
        longLegalWords = legalWords.stream().filter(w -> w.length() >= 7).sorted().toList();
        Map<String, String> syn = new HashMap<>();
        for (String line : lines("synonyms.txt")) {
            String[] pair = line.split("=", 2);
            syn.put(pair[0].trim(), pair[1].trim());
        }
        synonyms = Map.copyOf(syn);
        Map<String, String> han = new HashMap<>();
        int longest = 1;
        for (String line : lines("han-words.txt")) {
            String[] pair = line.split("=", 2);
            han.put(pair[0].trim(), pair[1].trim());
            longest = Math.max(longest, pair[0].trim().length());
        }
        hanWords = Map.copyOf(han);
        longestHanWord = longest;
    }

    boolean isLegalForm(List<String> tokens) {
        return legalForms.contains(tokens);
    }

    boolean isLeadingLegalForm(List<String> tokens) {
        return leadingLegalForms.contains(tokens);
    }

    int longestLegalForm() {
        return longestLegalForm;
    }

    public boolean isGeneric(String token) {
        return generic.contains(token) || particles.contains(token);
    }

    /** Glue words ("of", "de", "al") and the words legal forms are made of ("co", "sa", "cv"): no weight at all. */
    public boolean isParticle(String token) {
        return particles.contains(token);
    }

    /** Legal-form words long enough that a typo in them is still recognisable ("corporation", "limited"). */
    List<String> longLegalWords() {
        return longLegalWords;
    }

    /** Whether the word is a generic word, a particle or a synonym the lexicon folds. */
    boolean knows(String token) {
        return generic.contains(token) || particles.contains(token) || synonyms.containsKey(token);
    }

    /** Words a typo in a query could be meant as: generic words, particles and synonym spellings. */
    Set<String> foldableWords() {
        Set<String> out = new HashSet<>(generic);
        out.addAll(particles);
        out.addAll(synonyms.keySet());
        return out;
    }

    /** The canonical spelling of a (plural-folded) token. */
    String canonical(String token) {
        return synonyms.getOrDefault(token, token);
    }

    /** English words for a Chinese word, "" for a legal form, null when not in the dictionary. */
    String hanWord(String word) {
        return hanWords.get(word);
    }

    int longestHanWord() {
        return longestHanWord;
    }

    private static Set<List<String>> sequences(List<String> lines) {
        Set<List<String>> out = new HashSet<>();
        for (String line : lines) {
            out.add(List.of(line.trim().split("\\s+")));
        }
        return Set.copyOf(out);
    }

    private static List<String> lines(String resource) {
        try (InputStream in = Lexicon.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            List<String> out = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    out.add(trimmed);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
