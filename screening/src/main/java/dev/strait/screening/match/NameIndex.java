package dev.strait.screening.match;

import dev.strait.screening.list.Alias;
import dev.strait.screening.list.ListEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An inverted index over every spelling of every entry: normalised token → names, adjacent tokens
 * joined (so "sino bright" finds "sinobright" and back), character trigrams → tokens (so a mistyped
 * token finds its neighbours), identifier → entries. Built once per list snapshot; read-only after.
 */
public final class NameIndex {

    static final double PARTICLE_WEIGHT = 0.05;
    static final int MIN_REFERENCE_NAMES = 20_000;

    private final Normalizer normalizer;
    private final double genericWeight;
    private final List<ListEntry> entries;
    private final List<IndexedName> names = new ArrayList<>();
    private final Map<String, int[]> postings;
    private final Map<String, Integer> documentFrequency;
    private final Map<String, String[]> trigramToTokens;
    private final Map<String, int[]> identifiers;
    private final List<Set<String>> addressTokens = new ArrayList<>();
    private final double unknownWeight;
    private final List<String> foldable;
    private final int nameTotal;

    /** @param genericWeight the weight of generic words (distinctive words weigh 1 + ln(names / names with the word), about 4–11) */
    public NameIndex(Normalizer normalizer, List<ListEntry> entries, double genericWeight) {
        this.normalizer = normalizer;
        this.genericWeight = genericWeight;
        this.entries = List.copyOf(entries);
        this.foldable = normalizer.lexicon().foldableWords().stream().filter(w -> w.length() >= 4).sorted().toList();
        record Pending(int entry, String text, String kind, NameForm form) {}
        List<Pending> pending = new ArrayList<>();
        Map<String, List<Integer>> ids = new HashMap<>();
        for (int e = 0; e < this.entries.size(); e++) {
            ListEntry entry = this.entries.get(e);
            Set<List<String>> seen = new HashSet<>();
            List<Alias> spellings = new ArrayList<>();
            spellings.add(new Alias(entry.name(), "name"));
            spellings.addAll(entry.aliases());
            for (Alias spelling : spellings) {
                for (NameForm form : normalizer.forms(spelling.name())) {
                    if (!form.tokens().isEmpty() && seen.add(form.tokens())) {
                        pending.add(new Pending(e, spelling.name(), spelling.kind(), form));
                    }
                }
            }
            for (String id : entry.identifiers()) {
                ids.computeIfAbsent(id, k -> new ArrayList<>()).add(e);
            }
            Set<String> address = new HashSet<>();
            for (String line : entry.addresses()) {
                for (NameForm form : normalizer.forms(line)) {
                    for (String token : form.tokens()) {
                        if (!normalizer.lexicon().isParticle(token)) {
                            address.add(token);
                        }
                    }
                }
            }
            addressTokens.add(Set.copyOf(address));
        }
        Map<String, Integer> df = new HashMap<>();
        for (Pending p : pending) {
            for (String token : new HashSet<>(p.form().tokens())) {
                df.merge(token, 1, Integer::sum);
            }
        }
        documentFrequency = Map.copyOf(df);
        // Word frequencies from a small list (an operator's blocklist alone) say little: weigh as if the
        // lists were at least as large as the US ones, where every word of a small list is rare.
        int n = Math.max(MIN_REFERENCE_NAMES, pending.size());
        unknownWeight = 1.0 + Math.log(n);
        nameTotal = n;
        Map<String, List<Integer>> post = new HashMap<>();
        for (Pending p : pending) {
            List<String> tokens = p.form().tokens();
            double[] weights = new double[tokens.size()];
            double total = 0;
            double distinctive = 0;
            for (int i = 0; i < tokens.size(); i++) {
                weights[i] = weight(tokens.get(i));
                total += weights[i];
                if (!isGenericLike(tokens.get(i))) {
                    distinctive += weights[i];
                }
            }
            int id = names.size();
            names.add(new IndexedName(p.entry(), p.text(), p.kind(), p.form(), weights, total, distinctive));
            Set<String> keys = new LinkedHashSet<>();
            for (int i = 0; i < tokens.size(); i++) {
                if (distinctive == 0 || !isGenericLike(tokens.get(i))) {
                    keys.add(tokens.get(i));
                }
                if (i + 1 < tokens.size()) {
                    keys.add(tokens.get(i) + tokens.get(i + 1));
                }
                if (i + 2 < tokens.size()) {
                    keys.add(tokens.get(i) + tokens.get(i + 1) + tokens.get(i + 2));
                }
            }
            for (String key : keys) {
                post.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
            }
        }
        Map<String, int[]> frozen = new HashMap<>(post.size() * 2);
        Map<String, List<String>> grams = new HashMap<>();
        for (Map.Entry<String, List<Integer>> e : post.entrySet()) {
            frozen.put(e.getKey(), e.getValue().stream().mapToInt(Integer::intValue).toArray());
            if (e.getKey().length() >= 4 && df.containsKey(e.getKey())) {
                for (String gram : trigrams(e.getKey())) {
                    grams.computeIfAbsent(gram, k -> new ArrayList<>()).add(e.getKey());
                }
            }
        }
        postings = frozen;
        Map<String, String[]> gramIndex = new HashMap<>(grams.size() * 2);
        grams.forEach((k, v) -> gramIndex.put(k, v.toArray(String[]::new)));
        trigramToTokens = gramIndex;
        Map<String, int[]> idIndex = new HashMap<>();
        ids.forEach((k, v) -> idIndex.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        identifiers = idIndex;
    }

    public Normalizer normalizer() {
        return normalizer;
    }

    public List<ListEntry> entries() {
        return entries;
    }

    public IndexedName name(int id) {
        return names.get(id);
    }

    public int nameCount() {
        return names.size();
    }

    public Set<String> addressTokens(int entry) {
        return addressTokens.get(entry);
    }

    /** Generic words, particles and single letters: they say little about who a party is. */
    public boolean isGenericLike(String token) {
        return token.length() == 1 || normalizer.lexicon().isGeneric(token);
    }

    /** Glue words, legal-form words and initials: they weigh (almost) nothing. */
    public boolean isParticle(String token) {
        return token.length() == 1 || normalizer.lexicon().isParticle(token);
    }

    /** A token's weight: {@code 1 + ln(names / names with it)} (names at least 20,000); unseen tokens weigh as the rarest. */
    public double weight(String token) {
        if (isParticle(token)) {
            return PARTICLE_WEIGHT;
        }
        if (isGenericLike(token)) {
            return genericWeight;
        }
        Integer df = documentFrequency.get(token);
        return df == null ? unknownWeight : 1.0 + Math.log((double) nameTotal / df);
    }

    /** Names sharing a distinctive token, a joined pair or triple, or a near-spelling with the form. */
    public int[] candidates(NameForm form) {
        List<String> tokens = form.tokens();
        boolean anyDistinctive = tokens.stream().anyMatch(t -> !isGenericLike(t));
        Set<String> keys = new LinkedHashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (!anyDistinctive || !isGenericLike(t)) {
                keys.add(t);
                if (t.length() >= 4) {
                    keys.addAll(nearSpellings(t));
                }
            }
            if (i + 1 < tokens.size()) {
                keys.add(t + tokens.get(i + 1));
            }
            if (i + 2 < tokens.size()) {
                keys.add(t + tokens.get(i + 1) + tokens.get(i + 2));
            }
        }
        Set<Integer> out = new HashSet<>();
        for (String key : keys) {
            int[] list = postings.get(key);
            if (list != null) {
                for (int id : list) {
                    out.add(id);
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * A query word no list uses but within a typo of a generic word or particle ("INDSTRIES", "CMPANY")
     * is that word: otherwise it would count as the rarest, most distinctive word there is.
     */
    public NameForm repairGenericTypos(NameForm form) {
        List<String> tokens = new ArrayList<>(form.tokens());
        boolean changed = false;
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.length() < 5 || documentFrequency.containsKey(t) || isGenericLike(t)) {
                continue;
            }
            for (String word : foldable) {
                if (Math.abs(word.length() - t.length()) <= 2 && Similarity.typo(t, word) > 0) {
                    tokens.set(i, normalizer.fold(word));
                    changed = true;
                    break;
                }
            }
        }
        return changed ? new NameForm(tokens, form.transliteration(), form.legalForms()) : form;
    }

    /** Entries carrying this identifier (upper-case letters and digits only). */
    public int[] entriesWithIdentifier(String normalizedIdentifier) {
        return identifiers.getOrDefault(normalizedIdentifier, new int[0]);
    }

    /** Indexed tokens within a typo of {@code token}: shared-trigram count filter, then edit distance. */
    private List<String> nearSpellings(String token) {
        List<String> grams = trigrams(token);
        // An edit changes at most three trigrams, a swap of two letters four.
        int needed = Math.max(1, grams.size() - 4 * Similarity.allowedEdits(token.length()));
        Map<String, Integer> counts = new HashMap<>();
        for (String gram : grams) {
            String[] list = trigramToTokens.get(gram);
            if (list != null) {
                for (String candidate : list) {
                    if (Math.abs(candidate.length() - token.length()) <= 2) {
                        counts.merge(candidate, 1, Integer::sum);
                    }
                }
            }
        }
        List<String> out = new ArrayList<>();
        counts.forEach((candidate, count) -> {
            if (count >= needed && !candidate.equals(token) && Similarity.typo(token, candidate) > 0) {
                out.add(candidate);
            }
        });
        return out;
    }

    static List<String> trigrams(String token) {
        String padded = "$" + token + "$";
        List<String> out = new ArrayList<>(padded.length() - 2);
        for (int i = 0; i + 3 <= padded.length(); i++) {
            out.add(padded.substring(i, i + 3));
        }
        return out;
    }
}
