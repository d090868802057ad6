package dev.strait.app.config;

import dev.strait.app.events.EventsSettings;
import dev.strait.app.trust.MonitoringSettings;
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
 * @param monitoring the distillation monitor: enforcement, ladders per scrutiny tier, model release dates
 * @param screening denied-party screening: the lists directory (or none) and thresholds
 * @param events where usage and traffic events go: this node's spool and queue, or Kafka
 * @param telemetry where request traces go (OTLP), or {@link TelemetrySettings#OFF}
 */
public record StraitConfig(GatewaySettings settings, Catalog catalog, DatabaseSettings database, Path policyFile,
        Path pricesFile, LimitsSettings limits, Secret keyPepper, MonitoringSettings monitoring,
        ScreeningSettings screening, EventsSettings events, TelemetrySettings telemetry) {

    public StraitConfig {
        screening = screening == null ? ScreeningSettings.NONE : screening;
        monitoring = monitoring == null ? MonitoringSettings.DEFAULT : monitoring;
        events = events == null ? EventsSettings.IN_PROCESS : events;
        telemetry = telemetry == null ? TelemetrySettings.OFF : telemetry;
    }

    /** The same configuration with its events sent elsewhere. */
    public StraitConfig withEvents(EventsSettings next) {
        return new StraitConfig(settings, catalog, database, policyFile, pricesFile, limits, keyPepper, monitoring,
                screening, next, telemetry);
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
