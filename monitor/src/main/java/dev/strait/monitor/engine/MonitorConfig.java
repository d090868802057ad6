package dev.strait.monitor.engine;

import dev.strait.monitor.risk.Ladder;
import dev.strait.monitor.risk.RiskModel;
import java.util.Map;

/**
 * How the engine judges: the window, the risk model, the ladders per scrutiny tier and which tier
 * each market is under. Validated when built; immutable.
 *
 * @param windowDays the sliding window signals are computed over
 * @param defaultTier the tier of a market not in {@code tierByMarket}
 * @param tierByMarket market code → tier (from the policy's {@code monitoring.tier})
 * @param minRequests below this many requests in the window an organization is at most {@code watch}
 */
public record MonitorConfig(int windowDays, RiskModel model, Map<String, Ladder> ladders, String defaultTier,
                            Map<String, String> tierByMarket, int minRequests) {

    public MonitorConfig {
        if (windowDays < 1 || windowDays > 90) {
            throw new IllegalArgumentException("monitor: windowDays must be 1..90, got " + windowDays);
        }
        ladders = Map.copyOf(ladders);
        tierByMarket = Map.copyOf(tierByMarket);
        if (!ladders.containsKey(defaultTier)) {
            throw new IllegalArgumentException("monitor: default tier '" + defaultTier + "' has no ladder; known: "
                    + ladders.keySet());
        }
        for (var e : tierByMarket.entrySet()) {
            if (!ladders.containsKey(e.getValue())) {
                throw new IllegalArgumentException("monitor: market " + e.getKey() + " is under unknown tier '"
                        + e.getValue() + "'; known: " + ladders.keySet());
            }
        }
    }

    public static MonitorConfig defaults() {
        return new MonitorConfig(14, RiskModel.DEFAULT, Ladder.DEFAULTS, "standard", Map.of(), 20);
    }

    /** The same configuration with every market under one tier (a replay's {@code --tier}). */
    public MonitorConfig withTier(String tier) {
        return new MonitorConfig(windowDays, model, ladders, tier, Map.of(), minRequests);
    }

    public Ladder ladderFor(String market) {
        return ladders.get(tierByMarket.getOrDefault(market, defaultTier));
    }
}
