package dev.strait.screening;

import dev.strait.screening.list.Countries;
import dev.strait.screening.list.ListEntry;
import dev.strait.screening.list.ListSet;
import dev.strait.screening.list.ScreeningList;
import dev.strait.screening.match.Aligner;
import dev.strait.screening.match.Alignment;
import dev.strait.screening.match.IndexedName;
import dev.strait.screening.match.NameForm;
import dev.strait.screening.match.NameIndex;
import dev.strait.screening.match.Normalizer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Screens names against one immutable {@link ListSet}: the index is built once, every query only reads.
 * Thread-safe.
 */
public final class Screener {

    private final ListSet lists;
    private final ScreeningConfig config;
    private final Clock clock;
    private final NameIndex index;
    private final Aligner aligner;
    private final Countries countries = new Countries();
    private final List<ScreeningList> listOfEntry = new ArrayList<>();

    public Screener(ListSet lists, ScreeningConfig config, Normalizer normalizer, Clock clock) {
        this.lists = lists;
        this.config = config;
        this.clock = clock;
        List<ListEntry> entries = new ArrayList<>();
        for (ScreeningList list : lists.lists()) {
            for (ListEntry entry : list.entries()) {
                entries.add(entry);
                listOfEntry.add(list);
            }
        }
        this.index = new NameIndex(normalizer, entries, config.genericWeight());
        this.aligner = new Aligner(index);
    }

    public ListSet lists() {
        return lists;
    }

    public ScreeningConfig config() {
        return config;
    }

    /** The best name match per entry, before evidence. */
    private record Best(IndexedName name, NameForm form, Alignment alignment, double score) {}

    public ScreeningResult screen(ScreeningQuery query) {
        Map<Integer, Best> best = new HashMap<>();
        for (NameForm raw : index.normalizer().forms(query.name())) {
            NameForm form = index.repairGenericTypos(raw);
            List<String> tokens = form.tokens();
            if (tokens.isEmpty()) {
                continue;
            }
            double[] weights = new double[tokens.size()];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = index.weight(tokens.get(i));
            }
            for (int id : index.candidates(form)) {
                IndexedName name = index.name(id);
                Alignment alignment = aligner.align(tokens, weights, name);
                double score = config.entryCoverageShare() * alignment.entryCoverage()
                        + (1 - config.entryCoverageShare()) * alignment.queryCoverage();
                if (!alignment.distinctiveMatched() && name.distinctiveWeight() > 0) {
                    score = Math.min(score, config.genericOnlyCap());
                }
                if (isCraft(name) && alignment.unmatchedQuery().stream().anyMatch(t -> !index.isParticle(t))) {
                    // Vessel and aircraft names are short common words ("SUNRISE", "PIONEER"): a company
                    // whose name merely contains one is not that ship.
                    score = Math.min(score, config.genericOnlyCap());
                }
                Best current = best.get(name.entry());
                if (current == null || score > current.score()) {
                    best.put(name.entry(), new Best(name, form, alignment, score));
                }
            }
        }
        String country = query.country() == null ? null : countries.code(query.country()).orElse(query.country().toUpperCase(Locale.ROOT));
        Set<String> addressTokens = addressTokens(query.address());
        double reachable = config.reviewAt() - config.countryMatchBonus() - config.addressBonus();
        List<Hit> hits = new ArrayList<>();
        Set<Integer> byIdentifier = new HashSet<>();
        for (String raw : query.identifiers()) {
            String id = raw.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
            for (int entry : index.entriesWithIdentifier(id)) {
                byIdentifier.add(entry);
            }
        }
        Set<Integer> considered = new HashSet<>(byIdentifier);
        best.forEach((entry, b) -> {
            if (b.score() >= reachable) {
                considered.add(entry);
            }
        });
        for (int entry : considered) {
            Hit hit = hit(entry, best.get(entry), country, addressTokens, byIdentifier.contains(entry), query);
            if (hit.score() >= config.reviewAt()) {
                hits.add(hit);
            }
        }
        hits.sort(Comparator.comparingDouble(Hit::score).reversed().thenComparing(Hit::list).thenComparing(Hit::entryId));
        List<Hit> top = hits.size() > config.maxHits() ? hits.subList(0, config.maxHits()) : hits;
        double topScore = top.isEmpty() ? 0 : top.get(0).score();
        return new ScreeningResult(query, config.decide(topScore), top, config.blockAt(), config.reviewAt(),
                lists.versions(), clock.instant());
    }

    private Hit hit(int entryIndex, Best b, String country, Set<String> queryAddress, boolean identifierMatch, ScreeningQuery query) {
        ListEntry entry = index.entries().get(entryIndex);
        ScreeningList list = listOfEntry.get(entryIndex);
        double nameScore = b == null ? 0 : b.score();
        double score = nameScore;
        List<String> evidence = new ArrayList<>();
        if (country != null) {
            if (entry.countries().isEmpty()) {
                evidence.add("country: the entry lists none; query says " + country + " (no effect)");
            } else if (entry.countries().contains(country)) {
                score += config.countryMatchBonus();
                evidence.add(String.format(Locale.ROOT, "country: %s is listed for the entry (+%.2f)", country, config.countryMatchBonus()));
            } else {
                score -= config.countryMismatchPenalty();
                evidence.add(String.format(Locale.ROOT, "country: query says %s, the entry lists %s (-%.2f)", country,
                        String.join(",", entry.countries().stream().sorted().toList()), config.countryMismatchPenalty()));
            }
        }
        if (!queryAddress.isEmpty()) {
            Set<String> shared = new HashSet<>(queryAddress);
            shared.retainAll(index.addressTokens(entryIndex));
            // Two shared words, one of them telling (not "road", "china" or a house number).
            boolean telling = shared.stream().anyMatch(t -> t.length() > 2 && !index.isGenericLike(t) && !t.chars().allMatch(Character::isDigit));
            if (shared.size() >= 2 && telling) {
                score += config.addressBonus();
                evidence.add(String.format(Locale.ROOT, "address: shares %s with a listed address (+%.2f)",
                        String.join(", ", shared.stream().sorted().toList()), config.addressBonus()));
            }
        }
        if (identifierMatch) {
            score = Math.max(score, config.identifierScore());
            evidence.add("identifier: " + String.join(", ", query.identifiers()) + " equals a listed identifier");
        }
        score = Math.max(0, Math.min(1, score));
        List<String> matched = new ArrayList<>();
        List<String> unmatched = List.of();
        List<String> legal = List.of();
        String transliteration = null;
        String matchedName = entry.name();
        String via = "identifier";
        if (b != null) {
            for (Alignment.TokenMatch m : b.alignment().matches()) {
                matched.add(m.toString());
            }
            unmatched = b.alignment().unmatchedEntry();
            List<String> legalBoth = new ArrayList<>(b.form().legalForms());
            legalBoth.addAll(b.name().form().legalForms());
            legal = legalBoth.stream().distinct().toList();
            transliteration = b.form().transliteration() != null ? "query " + b.form().transliteration()
                    : b.name().form().transliteration() != null ? "entry " + b.name().form().transliteration() : null;
            matchedName = b.name().text();
            via = b.name().kind();
        }
        String explanation = explain(entry, list, matchedName, via, matched, unmatched, legal, transliteration, b, nameScore,
                evidence, score);
        return new Hit(list.version().name(), list.version().sha256(), entry.source(), entry.id(), entry.name(),
                entry.type().isEmpty() ? null : entry.type(), matchedName, via, round(score), round(nameScore), matched,
                unmatched, legal, transliteration, evidence, explanation);
    }

    private static String explain(ListEntry entry, ScreeningList list, String matchedName, String via, List<String> matched,
            List<String> unmatched, List<String> legal, String transliteration, Best b, double nameScore,
            List<String> evidence, double score) {
        StringBuilder s = new StringBuilder();
        s.append("matched ").append(via.equals("name") ? "the listed name" : "the " + via + " alias")
                .append(" '").append(matchedName).append("' of ").append(list.version().name()).append(" entry ")
                .append(entry.id());
        if (b != null) {
            s.append(": tokens ").append(matched.isEmpty() ? "none" : String.join(", ", matched));
            if (!unmatched.isEmpty()) {
                s.append("; entry words not in the query: ").append(String.join(", ", unmatched));
            }
            if (!b.alignment().unmatchedQuery().isEmpty()) {
                s.append("; query words not in the entry: ").append(String.join(", ", b.alignment().unmatchedQuery()));
            }
            if (!legal.isEmpty()) {
                s.append("; legal forms ignored: ").append(String.join(", ", legal));
            }
            if (transliteration != null) {
                s.append("; ").append(transliteration);
            }
            s.append(String.format(Locale.ROOT, "; covers %.0f%% of the entry and %.0f%% of the query → name score %.2f",
                    100 * b.alignment().entryCoverage(), 100 * b.alignment().queryCoverage(), nameScore));
            if (!b.alignment().distinctiveMatched()) {
                s.append(" (only generic words matched)");
            }
        }
        for (String e : evidence) {
            s.append("; ").append(e);
        }
        s.append(String.format(Locale.ROOT, "; score %.2f", score));
        return s.toString();
    }

    private boolean isCraft(IndexedName name) {
        String type = index.entries().get(name.entry()).type();
        return type.equals("vessel") || type.equals("aircraft");
    }

    private Set<String> addressTokens(String address) {
        if (address == null || address.isBlank()) {
            return Set.of();
        }
        Set<String> out = new HashSet<>();
        for (NameForm form : index.normalizer().forms(address)) {
            for (String token : form.tokens()) {
                if (!index.isParticle(token)) {
                    out.add(token);
                }
            }
        }
        return out;
    }

    private static double round(double score) {
        return Math.round(score * 1000) / 1000.0;
    }
}
