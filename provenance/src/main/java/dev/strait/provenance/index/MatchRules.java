package dev.strait.provenance.index;

/**
 * When a text counts as drawn from a generation, and how sure an attribution is.
 *
 * @param minIndependentHits a generation matches a text when at least this many of its kept
 *     fingerprints occur in the text at word-disjoint positions (overlapping k-grams share words,
 *     so one copied phrase counts once). Calibrated in BENCHMARKS.md: human text reaches 3 in
 *     fewer than 1 in 1,000 records while a half-length, 10%-edited passage almost always does.
 * @param commonOrganizations a fingerprint posted by generations of this many organizations is
 *     boilerplate ("I hope this helps you with") and proves nothing; it is ignored
 * @param commonGenerations a fingerprint posted by this many generations is ignored likewise
 * @param falseMatchRate the per-record chance that unrelated text matches, used for confidence
 * @param maxEvidence how many matched records an attribution lists per organization
 */
public record MatchRules(int minIndependentHits, int commonOrganizations, int commonGenerations,
        double falseMatchRate, int maxEvidence) {

    public static final MatchRules DEFAULT = new MatchRules(3, 3, 1000, 0.001, 1000);

    public MatchRules {
        if (minIndependentHits < 1 || commonOrganizations < 2 || commonGenerations < 2
                || falseMatchRate <= 0 || falseMatchRate >= 1 || maxEvidence < 0) {
            throw new IllegalArgumentException("invalid provenance match rules");
        }
    }

    /**
     * The chance that {@code matched} or more of {@code records} unrelated records would match by
     * accident is {@code P(Poisson(records × falseMatchRate) ≥ matched)}; confidence is its
     * complement: near 0 for one stray match in a large dataset, near 1 for dozens.
     */
    public double confidence(int matched, int records) {
        if (matched <= 0) {
            return 0;
        }
        double lambda = records * falseMatchRate;
        double term = Math.exp(-lambda);
        double below = 0;
        for (int k = 0; k < matched; k++) {
            below += term;
            term *= lambda / (k + 1);
        }
        return Math.min(1, Math.max(0, below));
    }
}
