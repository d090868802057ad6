package dev.strait.app.config;

import dev.strait.core.deploy.Catalog;
import dev.strait.core.deploy.Secret;
import dev.strait.gateway.GatewaySettings;
import dev.strait.screening.ScreeningConfig;
import java.nio.file.Path;

/**
 * A checked configuration, ready to serve.
 *
 * @param database an external PostgreSQL, or null for the embedded one
 * @param policyFile the market policy file, or null for the built-in policy
 * @param pricesFile the price book, or null for the built-in one
 * @param screening denied-party screening: the lists directory (or none) and thresholds
 */
public record StraitConfig(GatewaySettings settings, Catalog catalog, DatabaseSettings database, Path policyFile,
        Path pricesFile, ScreeningSettings screening) {

    public StraitConfig {
        screening = screening == null ? ScreeningSettings.NONE : screening;
    }

    /** A configuration without screening lists. */
    public StraitConfig(GatewaySettings settings, Catalog catalog, DatabaseSettings database, Path policyFile,
            Path pricesFile) {
        this(settings, catalog, database, policyFile, pricesFile, ScreeningSettings.NONE);
    }

    public record DatabaseSettings(String url, String user, Secret password) {}

    /** @param lists the directory of denied-party lists, or null when none is configured */
    public record ScreeningSettings(Path lists, ScreeningConfig thresholds) {

        public static final ScreeningSettings NONE = new ScreeningSettings(null, ScreeningConfig.defaults());
    }
}
