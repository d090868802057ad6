package dev.strait.app.trust;

import dev.strait.monitor.engine.MonitorConfig;
import dev.strait.monitor.risk.Ladder;
import dev.strait.monitor.trace.ModelCatalog;
import java.util.HashMap;
import java.util.Map;

/**
 * The distillation monitor's configuration: how its enforcement acts, the enforcement ladder of each
 * market scrutiny tier (the built-in thresholds unless the operator sets their own), and the release
 * dates of the models sold, for the "moved to a new model within a day of its release" signal.
 */
public record MonitoringSettings(LiveMonitor.Enforcement enforcement, Map<String, Ladder> ladders,
        ModelCatalog models) {

    public static final MonitoringSettings DEFAULT =
            new MonitoringSettings(LiveMonitor.Enforcement.DEFAULT, Ladder.DEFAULTS, ModelCatalog.EMPTY);

    public MonitoringSettings {
        Map<String, Ladder> all = new HashMap<>(Ladder.DEFAULTS);
        all.putAll(ladders);
        ladders = Map.copyOf(all);
    }

    /** The engine's configuration: the built-in window and risk model, under these ladders. */
    public MonitorConfig engineConfig() {
        MonitorConfig d = MonitorConfig.defaults();
        return new MonitorConfig(d.windowDays(), d.model(), ladders, d.defaultTier(), d.tierByMarket(), d.minRequests());
    }
}
