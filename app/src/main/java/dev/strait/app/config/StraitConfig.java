package dev.strait.app.config;

import dev.strait.app.trust.LiveMonitor;
import dev.strait.core.deploy.Catalog;
import dev.strait.core.deploy.Secret;
import dev.strait.gateway.GatewaySettings;
import dev.strait.gateway.telemetry.TelemetrySettings;
import dev.strait.screening.ScreeningConfig;
import java.nio.file.Path;

/**
 * A checked configuration, ready to serve.
 *
 * @param database an external PostgreSQL, or null for the embedded one
 * @param policyFile the market policy file, or null for the built-in policy
 * @param pricesFile the price book, or null for the built-in one
 * @param limits where limit counters live
 * @param keyPepper the server-side secret API keys are hashed under; absent: one kept in the data directory
 * @param monitoring how the distillation monitor's enforcement ladder acts
 * @param screening denied-party screening: the lists directory (or none) and thresholds
 * @param telemetry where request traces go (OTLP), or {@link TelemetrySettings#OFF}
 */
public record StraitConfig(GatewaySettings settings, Catalog catalog, DatabaseSettings database, Path policyFile,
        Path pricesFile, LimitsSettings limits, Secret keyPepper, LiveMonitor.Enforcement monitoring,
        ScreeningSettings screening, TelemetrySettings telemetry) {

    public StraitConfig {
        screening = screening == null ? ScreeningSettings.NONE : screening;
        telemetry = telemetry == null ? TelemetrySettings.OFF : telemetry;
    }

    /** Without request traces. */
    public StraitConfig(GatewaySettings settings, Catalog catalog, DatabaseSettings database, Path policyFile,
            Path pricesFile, LimitsSettings limits, Secret keyPepper, LiveMonitor.Enforcement monitoring,
            ScreeningSettings screening) {
        this(settings, catalog, database, policyFile, pricesFile, limits, keyPepper, monitoring, screening,
                TelemetrySettings.OFF);
    }

    public record DatabaseSettings(String url, String user, Secret password) {}

    /**
     * @param redisUrl Redis shared by every replica, or null to count in this node's memory
     * @param failOpen whether requests pass unlimited while Redis cannot be reached (else: 503)
     * @param redisTimeout how long a limit check waits for Redis before Redis counts as unreachable
     */
    public record LimitsSettings(String redisUrl, boolean failOpen, java.time.Duration redisTimeout) {
        public static final LimitsSettings MEMORY = new LimitsSettings(null, false, java.time.Duration.ofMillis(250));
    }

    /**
     * @param lists the directory of denied-party lists, or null when none is configured
     * @param suspendOnBlock whether a list update that newly blocks a verified organization suspends it
     */
    public record ScreeningSettings(Path lists, ScreeningConfig thresholds, boolean suspendOnBlock) {

        public static final ScreeningSettings NONE = new ScreeningSettings(null, ScreeningConfig.defaults(), true);
    }
}
