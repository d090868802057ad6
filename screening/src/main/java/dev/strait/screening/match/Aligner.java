package dev.strait.screening.match;

import java.util.ArrayList;
import java.util.List;

/**
 * Lines a query's tokens up with a name's regardless of order: equal tokens first, then words one side
 * writes joined and the other split ("huawei" / "hua wei"), then typos (bounded edit distance, scored by
 * Jaro-Winkler). Each token matches at most once.
 */
public final class Aligner {

    /** What a typo's similarity is worth when other words do not match either. */
    static final double TYPO_AMONG_UNMATCHED = 0.75;

    private final NameIndex index;

    public Aligner(NameIndex index) {
        this.index = index;
    }

    public Alignment align(List<String> query, double[] queryWeights, IndexedName name) {
        List<String> entry = name.form().tokens();
        double[] entryWeights = name.weights();
        int nq = query.size();
        int ne = entry.size();
        double[] simQ = new double[nq];
        double[] simE = new double[ne];
        List<Alignment.TokenMatch> matches = new ArrayList<>();
        // Distinctive words first, then words written joined on one side, then glue words: a particle
        // must not take the "al" that "alkhidamat" needs.
        exact(query, simQ, entry, simE, matches, false);
        joins(query, simQ, entry, simE, matches, false);
        joins(entry, simE, query, simQ, matches, true);
        exact(query, simQ, entry, simE, matches, true);
        List<int[]> typoPairs = typos(query, simQ, entry, simE, matches);
        if (!typoPairs.isEmpty()) {
            discountLoneTypos(query, simQ, entry, simE, matches, typoPairs);
        }
        double matchedE = 0;
        double totalE = 0;
        boolean distinctive = false;
        List<String> unmatchedEntry = new ArrayList<>();
        for (int j = 0; j < ne; j++) {
            totalE += entryWeights[j];
            matchedE += entryWeights[j] * simE[j];
            if (simE[j] > 0 && !index.isGenericLike(entry.get(j))) {
                distinctive = true;
            }
            if (simE[j] == 0) {
                unmatchedEntry.add(entry.get(j));
            }
        }
        double matchedQ = 0;
        double totalQ = 0;
        List<String> unmatchedQuery = new ArrayList<>();
        for (int i = 0; i < nq; i++) {
            totalQ += queryWeights[i];
            matchedQ += queryWeights[i] * simQ[i];
            if (simQ[i] == 0) {
                unmatchedQuery.add(query.get(i));
            }
        }
        return new Alignment(totalE == 0 ? 0 : matchedE / totalE, totalQ == 0 ? 0 : matchedQ / totalQ, distinctive,
                matches, unmatchedEntry, unmatchedQuery);
    }

    private void exact(List<String> query, double[] simQ, List<String> entry, double[] simE,
            List<Alignment.TokenMatch> matches, boolean particles) {
        for (int i = 0; i < query.size(); i++) {
            if (simQ[i] > 0 || index.isParticle(query.get(i)) != particles) {
                continue;
            }
            for (int j = 0; j < entry.size(); j++) {
                if (simE[j] == 0 && query.get(i).equals(entry.get(j))) {
                    simQ[i] = simE[j] = 1;
                    matches.add(new Alignment.TokenMatch(query.get(i), entry.get(j), "exact", 1, index.isGenericLike(entry.get(j))));
                    break;
                }
            }
        }
    }

    /** A token of {@code one} equal to 2–3 adjacent unmatched tokens of {@code other} joined. */
    private void joins(List<String> one, double[] simOne, List<String> other, double[] simOther,
            List<Alignment.TokenMatch> matches, boolean oneIsEntry) {
        for (int i = 0; i < one.size(); i++) {
            if (simOne[i] > 0) {
                continue;
            }
            String target = one.get(i);
            for (int j = 0; j < other.size() && simOne[i] == 0; j++) {
                if (simOther[j] > 0 || !target.startsWith(other.get(j))) {
                    continue;
                }
                StringBuilder joined = new StringBuilder(other.get(j));
                for (int k = j + 1; k < other.size() && k < j + 3 && simOther[k] == 0 && joined.length() < target.length(); k++) {
                    joined.append(other.get(k));
                    if (joined.length() == target.length() && joined.toString().equals(target)) {
                        simOne[i] = 1;
                        String parts = String.join(" ", other.subList(j, k + 1));
                        for (int m = j; m <= k; m++) {
                            simOther[m] = 1;
                        }
                        matches.add(oneIsEntry ? new Alignment.TokenMatch(parts, target, "joined", 1, false)
                                : new Alignment.TokenMatch(target, parts, "joined", 1, false));
                        break;
                    }
                }
            }
        }
    }

    /**
     * A typo is believable when everything else lines up ("MAANURE S.A." / "MANAURE S.A."); when other
     * words on either side are unmatched too, a near-spelling is more often another name (huaxing /
     * huaxin shipping), so its similarity counts for less.
     */
    private void discountLoneTypos(List<String> query, double[] simQ, List<String> entry, double[] simE,
            List<Alignment.TokenMatch> matches, List<int[]> typoPairs) {
        boolean looseEnds = false;
        for (int i = 0; i < query.size() && !looseEnds; i++) {
            looseEnds = simQ[i] == 0 && !index.isParticle(query.get(i));
        }
        for (int j = 0; j < entry.size() && !looseEnds; j++) {
            looseEnds = simE[j] == 0 && !index.isParticle(entry.get(j));
        }
        if (!looseEnds) {
            return;
        }
        for (int[] pair : typoPairs) {
            simQ[pair[0]] *= TYPO_AMONG_UNMATCHED;
            simE[pair[1]] *= TYPO_AMONG_UNMATCHED;
        }
        for (int m = 0; m < matches.size(); m++) {
            Alignment.TokenMatch match = matches.get(m);
            if (match.how().equals("typo")) {
                matches.set(m, new Alignment.TokenMatch(match.query(), match.entry(), "typo among unmatched words",
                        match.similarity() * TYPO_AMONG_UNMATCHED, match.generic()));
            }
        }
    }

    private List<int[]> typos(List<String> query, double[] simQ, List<String> entry, double[] simE,
            List<Alignment.TokenMatch> matches) {
        List<int[]> pairs = new ArrayList<>(0);
        while (true) {
            double best = 0;
            int bi = -1;
            int bj = -1;
            for (int i = 0; i < query.size(); i++) {
                if (simQ[i] > 0 || query.get(i).length() < 4) {
                    continue;
                }
                for (int j = 0; j < entry.size(); j++) {
                    if (simE[j] > 0) {
                        continue;
                    }
                    double s = Similarity.typo(query.get(i), entry.get(j));
                    if (s > best) {
                        best = s;
                        bi = i;
                        bj = j;
                    }
                }
            }
            if (bi < 0) {
                return pairs;
            }
            simQ[bi] = simE[bj] = best;
            pairs.add(new int[] {bi, bj});
            matches.add(new Alignment.TokenMatch(query.get(bi), entry.get(bj), "typo", best, index.isGenericLike(entry.get(bj))));
        }
    }
}
