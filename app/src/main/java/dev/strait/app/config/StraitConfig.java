package dev.strait.app.config;

import dev.strait.core.deploy.Catalog;
import dev.strait.core.deploy.Secret;
import dev.strait.gateway.GatewaySettings;
import java.nio.file.Path;

/**
 * A checked configuration, ready to serve.
 *
 * @param database an external PostgreSQL, or null for the embedded one
 * @param policyFile the market policy file, or null for the built-in policy
 * @param pricesFile the price book, or null for the built-in one
 */
public record StraitConfig(GatewaySettings settings, Catalog catalog, DatabaseSettings database, Path policyFile,
        Path pricesFile) {

    public record DatabaseSettings(String url, String user, Secret password) {}
}
