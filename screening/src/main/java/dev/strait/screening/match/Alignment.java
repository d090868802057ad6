package dev.strait.screening.match;

import java.util.List;

/**
 * How a query form lines up with one indexed name.
 *
 * @param entryCoverage share of the name's token weight the query matched (similarity-weighted)
 * @param queryCoverage share of the query's token weight the name matched
 * @param distinctiveMatched whether at least one non-generic token of the name matched
 * @param matches which tokens matched which, and how
 * @param unmatchedEntry name tokens the query did not match
 * @param unmatchedQuery query tokens the name did not match
 */
public record Alignment(double entryCoverage, double queryCoverage, boolean distinctiveMatched, List<TokenMatch> matches,
        List<String> unmatchedEntry, List<String> unmatchedQuery) {

    /** One matched pair: "exact", "joined" (one side's adjacent tokens written as one word), or "typo". */
    public record TokenMatch(String query, String entry, String how, double similarity, boolean generic) {

        @Override
        public String toString() {
            String core = query.equals(entry) ? query : query + "≈" + entry;
            return core + (how.equals("exact") ? "" : " (" + how + (how.startsWith("typo")
                    ? String.format(java.util.Locale.ROOT, " %.2f", similarity) : "") + ")") + (generic ? " [generic]" : "");
        }
    }
}
