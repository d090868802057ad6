package dev.strait.monitor.risk;

import java.util.Map;

/**
 * Where on the enforcement ladder a risk score lands, for one market scrutiny tier: the lowest risk
 * at which each step applies. Validated when built; immutable.
 */
public record Ladder(String tier, double watch, double review, double throttle, double suspend) {

    public Ladder {
        if (tier == null || tier.isBlank()) {
            throw new IllegalArgumentException("ladder: tier must be named");
        }
        if (!(0 < watch && watch <= review && review <= throttle && throttle <= suspend && suspend <= 1)) {
            throw new IllegalArgumentException("ladder " + tier + ": thresholds must rise within (0, 1]: watch "
                    + watch + ", review " + review + ", throttle " + throttle + ", suspend " + suspend);
        }
    }

    /** Ordinary markets: act only on strong, corroborated evidence. */
    public static final Ladder STANDARD = new Ladder("standard", 0.25, 0.45, 0.75, 0.93);
    /** Markets under closer watch: the same evidence goes one step further. */
    public static final Ladder ELEVATED = new Ladder("elevated", 0.20, 0.38, 0.65, 0.88);
    /** The closest watch. */
    public static final Ladder STRICT = new Ladder("strict", 0.15, 0.30, 0.55, 0.82);

    public static final Map<String, Ladder> DEFAULTS = Map.of(
            STANDARD.tier(), STANDARD, ELEVATED.tier(), ELEVATED, STRICT.tier(), STRICT);

    public Level level(double risk) {
        if (risk >= suspend) {
            return Level.SUSPEND;
        }
        if (risk >= throttle) {
            return Level.THROTTLE;
        }
        if (risk >= review) {
            return Level.REVIEW;
        }
        return risk >= watch ? Level.WATCH : Level.OK;
    }
}
