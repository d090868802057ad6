package dev.strait.screening;

/**
 * Screening thresholds and evidence weights: checked when built, immutable after.
 *
 * @param blockAt a hit scoring at least this blocks
 * @param reviewAt a hit scoring at least this (and below {@code blockAt}) needs a reviewer; below is clear
 * @param maxHits hits reported per query, best first
 * @param countryMatchBonus added when the query's country is one the entry is listed with
 * @param countryMismatchPenalty subtracted when the entry lists countries and the query's is not one
 * @param addressBonus added when the query's address shares at least two distinctive words with the entry's
 * @param identifierScore the score of a hit whose registration/tax/passport number equals the query's
 * @param genericWeight the weight of a generic word (technology, trading, group …); a distinctive word weighs
 *     1 + ln(indexed names / names with it), about 4 to 11 on the US lists
 * @param entryCoverageShare how much covering the entry's name counts against covering the query's
 * @param genericOnlyCap the most a hit can score when only generic words matched
 */
public record ScreeningConfig(double blockAt, double reviewAt, int maxHits, double countryMatchBonus,
        double countryMismatchPenalty, double addressBonus, double identifierScore, double genericWeight,
        double entryCoverageShare, double genericOnlyCap) {

    public ScreeningConfig {
        unit("review_at", reviewAt);
        unit("block_at", blockAt);
        if (reviewAt > blockAt) {
            throw new IllegalArgumentException("review_at (" + reviewAt + ") must not exceed block_at (" + blockAt + ")");
        }
        if (maxHits < 1 || maxHits > 1000) {
            throw new IllegalArgumentException("max_hits must be 1..1000, not " + maxHits);
        }
        unit("country_match_bonus", countryMatchBonus);
        unit("country_mismatch_penalty", countryMismatchPenalty);
        unit("address_bonus", addressBonus);
        unit("identifier_score", identifierScore);
        if (!(genericWeight > 0 && genericWeight <= 20)) {
            throw new IllegalArgumentException("generic_weight must be within (0, 20], not " + genericWeight);
        }
        unit("entry_coverage_share", entryCoverageShare);
        unit("generic_only_cap", genericOnlyCap);
    }

    public static ScreeningConfig defaults() {
        return new ScreeningConfig(0.92, 0.80, 10, 0.05, 0.10, 0.05, 0.97, 2.0, 0.5, 0.5);
    }

    /** The same configuration with other thresholds. */
    public ScreeningConfig withThresholds(double block, double review) {
        return new ScreeningConfig(block, review, maxHits, countryMatchBonus, countryMismatchPenalty, addressBonus,
                identifierScore, genericWeight, entryCoverageShare, genericOnlyCap);
    }

    public Decision decide(double score) {
        return score >= blockAt ? Decision.BLOCK : score >= reviewAt ? Decision.REVIEW : Decision.CLEAR;
    }

    private static void unit(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be within [0, 1], not " + value);
        }
    }
}
